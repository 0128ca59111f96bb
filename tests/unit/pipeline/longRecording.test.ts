import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from './harness.ts'
import { fileWith, pcmWav } from '../../support/audio.ts'
import { parseWavLayout, splitWav } from '../../../electron/core/audio/wavSegments.ts'

/** `seconds` of a speech-level 200 Hz tone at 16 kHz, with silent gaps where asked. */
function toneWav(seconds: number, silences: [number, number][] = []): Buffer {
  const rate = 16_000
  const samples = new Int16Array(seconds * rate)
  for (let i = 0; i < samples.length; i++) {
    const t = i / rate
    const silent = silences.some(([from, to]) => t >= from && t < to)
    samples[i] = silent ? 0 : Math.round(8000 * Math.sin(2 * Math.PI * 200 * t))
  }
  return pcmWav(samples, rate)
}

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('long recordings', () => {
  it('splitWav cuts at the quietest moment and keeps every sample', async () => {
    const path = fileWith('tone-60s.wav', toneWav(60, [[27.5, 27.7]]))
    const pieces = await splitWav(path, { maxBytes: 10 * 1024 * 1024, maxSeconds: 30 })
    // The first cut falls in the silent gap; the second, in unbroken tone, inside the last tenth.
    expect(pieces.map((p) => p.offsetSeconds)).toEqual([0, 27.5, expect.any(Number)])
    expect(pieces[2]!.offsetSeconds).toBeGreaterThanOrEqual(27.5 + 27)
    let total = 0
    for (const piece of pieces) {
      const bytes = readFileSync(piece.path)
      const layout = parseWavLayout(bytes, bytes.length)!
      expect(layout).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataOffset: 44 })
      expect(layout.dataBytes / 32_000).toBeLessThanOrEqual(30)
      total += layout.dataBytes
    }
    expect(total).toBe(60 * 16_000 * 2)
  })

  it('a WAV over the 25 MB upload limit is sent in pieces and its words are stitched in time', async () => {
    h = await createHarness()
    h.sim.setDefaultTranscript('I talk about my week and what I did at work.')
    const wav = fileWith('tone-14min.wav', toneWav(14 * 60))
    expect(readFileSync(wav).length).toBeGreaterThan(25 * 1024 * 1024)

    const session = await h.process(wav)
    expect(session.status).toBe('DONE')
    const uploads = h.sim.requests.filter((r) => r.kind === 'transcription')
    expect(uploads).toHaveLength(2)
    for (const upload of uploads) expect(upload.fileSize).toBeLessThanOrEqual(25 * 1024 * 1024)
    const words = session.transcript!.words
    expect(session.transcript!.text).toBe('I talk about my week and what I did at work. I talk about my week and what I did at work.')
    const secondHalf = words.slice(words.length / 2)
    expect(secondHalf[0]!.start).toBeGreaterThan(9 * 60)
    expect(words.every((w, i) => i === 0 || w.start >= words[i - 1]!.start)).toBe(true)
    expect(h.audioFiles()).toEqual([])
  })
})
