import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { recoverStretches, StretchCutter } from '../../../electron/core/audio/stretches.ts'
import { pcmWavHeader } from '../../../electron/shared/wav.ts'

const RATE = 16_000
const FORMAT = { sampleRate: RATE, channels: 1, bitsPerSample: 16 }
let dir: string | null = null

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = null
})

async function folder(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'speakloop-stretch-'))
  return dir
}

/** `seconds` of a loud tone with silent gaps at the given seconds (each `gap` long). */
function toneWithGaps(seconds: number, gaps: number[], gap = 0.2): Int16Array {
  const samples = new Int16Array(seconds * RATE)
  for (let i = 0; i < samples.length; i++) {
    const t = i / RATE
    samples[i] = gaps.some((g) => t >= g && t < g + gap) ? 0 : Math.round(12_000 * Math.sin(2 * Math.PI * 220 * t))
  }
  return samples
}

/** Feeds a live recording (header with sizes 0, then the samples) in 0.25 s chunks. */
async function record(cutter: StretchCutter, samples: Int16Array) {
  const bytes = new Uint8Array(samples.buffer)
  const cut = [await cutter.append(pcmWavHeader(FORMAT, 0))]
  for (let at = 0; at < bytes.length; at += RATE / 2) cut.push(await cutter.append(bytes.slice(at, at + RATE / 2)))
  cut.push(await cutter.finish())
  return cut.filter((s) => s !== null)
}

const dataOf = (path: string) => readFileSync(path).subarray(44)

describe('a live recording cut into stretches', () => {
  it('cuts near the target length, in the quiet gap, and loses or repeats no sample', async () => {
    const audio = await folder()
    const samples = toneWithGaps(8, [2.7, 5.6])
    const stretches = await record(new StretchCutter(audio, 'rec', 3), samples)

    expect(stretches.map((s) => s.seq)).toEqual([0, 1, 2])
    // Each cut falls inside a gap (within 50 ms), not at the 3 s mark in the middle of the tone.
    expect(stretches[0]!.seconds).toBeGreaterThanOrEqual(2.7)
    expect(stretches[0]!.seconds).toBeLessThan(2.9)
    expect(stretches[0]!.seconds + stretches[1]!.seconds).toBeGreaterThanOrEqual(5.6)
    expect(stretches[0]!.seconds + stretches[1]!.seconds).toBeLessThan(5.8)
    expect(stretches.reduce((sum, s) => sum + s.seconds, 0)).toBeCloseTo(8, 6)
    const joined = Buffer.concat(stretches.map((s) => dataOf(s.path)))
    expect(joined.equals(Buffer.from(samples.buffer))).toBe(true)
    // Every stretch is a complete WAV whose header gives its real sizes.
    for (const s of stretches) {
      const bytes = readFileSync(s.path)
      expect({ riff: bytes.readUInt32LE(4), data: bytes.readUInt32LE(40) }).toEqual({ riff: bytes.length - 8, data: bytes.length - 44 })
    }
    expect(readdirSync(audio).sort()).toEqual(['rec.s0.wav', 'rec.s1.wav', 'rec.s2.wav'])
  })

  it('without a quiet moment cuts within the last stretch of time before the target, and still loses nothing', async () => {
    const audio = await folder()
    const samples = toneWithGaps(7, [])
    const stretches = await record(new StretchCutter(audio, 'loud', 3), samples)
    expect(stretches).toHaveLength(3)
    expect(stretches[0]!.seconds).toBeGreaterThanOrEqual(3 * 0.85)
    expect(Buffer.concat(stretches.map((s) => dataOf(s.path))).equals(Buffer.from(samples.buffer))).toBe(true)
  })

  it('a recording shorter than one stretch is one stretch; an empty one is none', async () => {
    const audio = await folder()
    expect((await record(new StretchCutter(audio, 'short', 30), toneWithGaps(1, []))).map((s) => s.seconds)).toEqual([1])
    const empty = new StretchCutter(audio, 'empty', 30)
    await empty.append(pcmWavHeader(FORMAT, 0))
    expect(await empty.finish()).toBeNull()
    expect(readdirSync(audio).filter((name) => name.startsWith('empty'))).toEqual([])
  })
})

describe('after a crash mid-recording', () => {
  const part = (samples: number) => Buffer.concat([pcmWavHeader(FORMAT, 0), Buffer.alloc(samples * 2, 1)])

  it('keeps the stretches and makes the unfinished part the last one, with its real sizes', async () => {
    const audio = await folder()
    writeFileSync(join(audio, 's.s0.wav'), Buffer.concat([pcmWavHeader(FORMAT, RATE * 2), Buffer.alloc(RATE * 2, 1)]))
    writeFileSync(join(audio, 's.1.part'), part(RATE / 2))
    const stretches = await recoverStretches(audio, 's')
    expect(stretches.map(({ seq, seconds }) => ({ seq, seconds }))).toEqual([
      { seq: 0, seconds: 1 },
      { seq: 1, seconds: 0.5 }
    ])
    expect(readFileSync(join(audio, 's.s1.wav')).readUInt32LE(40)).toBe(RATE)
  })

  it('undoes a cut the crash interrupted before its stretch was named: the earlier part still holds all the audio', async () => {
    const audio = await folder()
    writeFileSync(join(audio, 'c.0.part'), part(RATE))
    writeFileSync(join(audio, 'c.1.part'), part(RATE / 4))
    writeFileSync(join(audio, 'c.s0.wav.tmp'), part(RATE / 2))
    const stretches = await recoverStretches(audio, 'c')
    expect(stretches.map((s) => [s.seq, s.seconds])).toEqual([[0, 1]])
    expect(readdirSync(audio)).toEqual(['c.s0.wav'])
  })

  it('finishes a cut the crash interrupted after its stretch was named: the later part holds the rest', async () => {
    const audio = await folder()
    writeFileSync(join(audio, 'd.s0.wav'), Buffer.concat([pcmWavHeader(FORMAT, RATE * 2), Buffer.alloc(RATE * 2, 1)]))
    writeFileSync(join(audio, 'd.0.part'), part(RATE + RATE / 4))
    writeFileSync(join(audio, 'd.1.part'), part(RATE / 4))
    const stretches = await recoverStretches(audio, 'd')
    expect(stretches.map((s) => [s.seq, s.seconds])).toEqual([
      [0, 1],
      [1, 0.25]
    ])
    expect(readdirSync(audio).sort()).toEqual(['d.s0.wav', 'd.s1.wav'])
  })

  it('leaves other sessions’ files alone', async () => {
    const audio = await folder()
    writeFileSync(join(audio, 'other.0.part'), part(RATE))
    writeFileSync(join(audio, 'other.webm'), 'x')
    expect(await recoverStretches(audio, 'mine')).toEqual([])
    expect(readdirSync(audio).sort()).toEqual(['other.0.part', 'other.webm'])
  })
})
