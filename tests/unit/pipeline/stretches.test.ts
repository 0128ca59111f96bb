import Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from './harness.ts'
import { speechWav } from '../../support/audio.ts'
import { parseWavLayout } from '../../../electron/core/audio/wavSegments.ts'
import { pcmWavHeader } from '../../../electron/shared/wav.ts'
import { defaultProviders } from '../../../electron/core/app.ts'
import { PipelineError, type Transcriber, type TranscriptResult } from '../../../electron/core/providers/types.ts'
import type { ProviderFactory } from '../../../electron/core/pipeline/stages.ts'
import { until } from '../../support/until.ts'

// Transcribing while recording, through the real core, the real OpenAI SDK and the provider
// simulator. Stretches are 2 s here (30 s on the device and 3 minutes for the cloud in the app).
const STRETCH_SECONDS = { 'on-device': 2, openai: 2 }
const TEXTS = ['we walked along the river', 'then it started to rain', 'so we went home early']

let h: Harness | null = null

afterEach(async () => {
  await h?.close()
  h = null
})

/** espeak-ng's 16-bit mono samples of `text`, and their rate. */
function speech(text: string): { data: Buffer; rate: number } {
  const bytes = readFileSync(speechWav(text))
  const layout = parseWavLayout(bytes, bytes.length)!
  return { data: bytes.subarray(layout.dataOffset, layout.dataOffset + layout.dataBytes), rate: layout.sampleRate }
}

/** A live recording as the renderer streams it: a header with sizes 0, then the samples, with `gap` seconds of silence between the parts. */
function liveRecording(parts: Buffer[], rate: number, gap = 1): Buffer[] {
  const silence = Buffer.alloc(Math.round(gap * rate) * 2)
  const data = Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [silence, part])))
  const chunks = [Buffer.from(pcmWavHeader({ sampleRate: rate, channels: 1, bitsPerSample: 16 }, 0))]
  // One-second chunks, as the renderer sends them.
  for (let at = 0; at < data.length; at += rate * 2) chunks.push(data.subarray(at, at + rate * 2))
  return chunks
}

/** Starts a recording and sends its chunks, letting the runner finish after each one; returns the session id. */
async function recordLive(harness: Harness, chunks: Buffer[]): Promise<string> {
  const { sessionId } = await harness.core.call('recording:start', { mimeType: 'audio/wav' })
  for (const [seq, chunk] of chunks.entries()) {
    await harness.core.call('recording:chunk', { sessionId, seq, data: new Uint8Array(chunk) })
    await harness.core.waitForIdle()
  }
  return sessionId
}

function stretchRows(harness: Harness): { seq: number; text: string | null; audioPath: string | null }[] {
  const db = new Database(join(harness.dataDir, 'speakloop.db'), { readonly: true })
  try {
    return db.prepare('SELECT "seq", "text", "audioPath" FROM "Stretch" ORDER BY "seq"').all() as never
  } finally {
    db.close()
  }
}

describe('transcribing while recording', () => {
  it('transcribes finished stretches during the recording, only the last after Stop, and stitches them with their offsets', async () => {
    h = await createHarness({ stretchSeconds: STRETCH_SECONDS })
    // What the simulator answers to each request in turn (what the stretches hold does not matter to it).
    const answers = ['one two three', 'four five', 'six seven eight', 'nine ten', 'eleven twelve', 'thirteen']
    h.sim.transcription.enqueue(...answers.map((text) => ({ text })))
    const parts = TEXTS.map(speech)
    const rate = parts[0]!.rate
    const id = await recordLive(h, liveRecording(parts.map((p) => p.data), rate))

    // While the learner is still speaking: every stretch cut so far is transcribed and its audio gone.
    const during = h.sim.count('transcription')
    expect(during).toBeGreaterThanOrEqual(2)
    expect(stretchRows(h)).toHaveLength(during)
    expect(stretchRows(h).every((s) => s.text !== null && s.audioPath === null)).toBe(true)
    expect(h.audioFiles()).toEqual([`${id}.${during}.part`])
    expect((await h.core.call('sessions:get', { id })).status).toBe('CREATED')

    await h.core.call('recording:finish', { sessionId: id, durationMs: 9_000 })
    await h.core.waitForIdle()
    const session = await h.core.call('sessions:get', { id })
    expect(session.status).toBe('DONE')
    expect(h.audioFiles()).toEqual([])
    expect(stretchRows(h)).toEqual([])
    // After Stop, only the last stretch was left: sent, unless it held only the trailing silence.
    const what = session.ledger.map((l) => l.what)
    expect(what.filter((w) => w.startsWith('audio deleted (part'))).toHaveLength(during + 1)
    expect(h.sim.count('transcription') - during).toBeLessThanOrEqual(1)

    // The stretches' words, each shifted by the length of the audio before it.
    const sent = h.sim.requests.filter((r) => r.kind === 'transcription')
    const seconds = sent.map((r) => (r.fileSize! - 44) / (rate * 2))
    const offsets = seconds.map((_, i) => seconds.slice(0, i).reduce((a, b) => a + b, 0))
    const words = session.transcript!.words
    expect(words.map((w) => w.word).join(' ')).toBe(answers.slice(0, sent.length).join(' '))
    let at = 0
    for (const [i, answer] of answers.slice(0, sent.length).entries()) {
      // The simulator starts each piece's first word 0.4 s in.
      expect(words[at]!.start).toBeCloseTo(offsets[i]! + 0.4, 2)
      at += answer.split(' ').length
    }
    expect(words.every((w, i) => i === 0 || w.start >= words[i - 1]!.end)).toBe(true)

    // The ledger lists each stretch sent, with its bytes, and each stretch's audio deleted.
    expect(session.ledger.filter((l) => l.what.startsWith('audio (part')).map((l) => [l.what, l.bytes])).toEqual(
      sent.map((r, i) => [`audio (part ${i + 1} of the recording)`, r.fileSize])
    )
  })

  it('turned off in Settings, nothing is sent until Stop, and the recording goes as one file', async () => {
    h = await createHarness({ stretchSeconds: STRETCH_SECONDS })
    await h.core.call('settings:update', { transcribeWhileRecording: false })
    const parts = TEXTS.map(speech)
    const chunks = liveRecording(parts.map((p) => p.data), parts[0]!.rate)
    const id = await recordLive(h, chunks)
    expect(h.sim.count('transcription')).toBe(0)
    expect(h.audioFiles()).toEqual([`${id}.part`])
    await h.core.call('recording:finish', { sessionId: id, durationMs: 9_000 })
    await h.core.waitForIdle()
    expect(h.sim.requests.filter((r) => r.kind === 'transcription').map((r) => r.fileSize)).toEqual([Buffer.concat(chunks).length])
    expect((await h.core.call('sessions:get', { id })).status).toBe('DONE')
  })

  it('a quit mid-recording keeps the stretches already transcribed, sends only the rest, and finishes', async () => {
    h = await createHarness({ stretchSeconds: STRETCH_SECONDS })
    h.sim.transcription.enqueue({ text: TEXTS[0]! }, { text: TEXTS[1]! }, { text: TEXTS[2]! })
    const parts = TEXTS.map(speech)
    const chunks = liveRecording(parts.map((p) => p.data), parts[0]!.rate)
    // Part of the way in: one stretch is transcribed, the next is still being recorded.
    const id = await recordLive(h, chunks.slice(0, 4))
    expect(h.sim.count('transcription')).toBe(1)

    await h.reopen()
    await h.core.waitForIdle()
    const session = await h.core.call('sessions:get', { id })
    expect(session.status).toBe('DONE')
    expect(h.sim.count('transcription')).toBe(2)
    expect(session.transcript!.text).toBe(`${TEXTS[0]} ${TEXTS[1]}`)
    expect(session.ledger.map((l) => l.what)).toContain('recording recovered after an interruption')
    expect(h.audioFiles()).toEqual([])
  })

  it('a stretch that fails while recording does not fail the session: Stop transcribes it again', async () => {
    h = await createHarness({ stretchSeconds: STRETCH_SECONDS })
    h.sim.transcription.enqueue({ status: 500 }, { status: 500 }, { status: 500 })
    const parts = TEXTS.map(speech)
    const id = await recordLive(h, liveRecording(parts.map((p) => p.data), parts[0]!.rate).slice(0, 4))
    expect(h.sim.count('transcription')).toBe(3)
    expect((await h.core.call('sessions:get', { id })).status).toBe('CREATED')
    h.sim.setDefaultTranscript('the words came through in the end')
    await h.core.call('recording:finish', { sessionId: id, durationMs: 4_000 })
    await h.core.waitForIdle()
    const session = await h.core.call('sessions:get', { id })
    expect(session.status).toBe('DONE')
    expect(session.transcript!.text).toBe('the words came through in the end the words came through in the end')
  })

  it('a silent stretch is a pause, not a failure', async () => {
    h = await createHarness({ stretchSeconds: STRETCH_SECONDS })
    const first = speech(TEXTS[0]!)
    const last = speech(TEXTS[2]!)
    h.sim.transcription.enqueue({ text: TEXTS[0]! }, { text: TEXTS[2]! })
    const id = await recordLive(h, liveRecording([first.data, last.data], first.rate, 5))
    await h.core.call('recording:finish', { sessionId: id, durationMs: 12_000 })
    await h.core.waitForIdle()
    const session = await h.core.call('sessions:get', { id })
    expect(session.status).toBe('DONE')
    expect(session.transcript!.text).toBe(`${TEXTS[0]} ${TEXTS[2]}`)
  })

  it('discarding the recording deletes the stretches already transcribed, their text and their audio', async () => {
    h = await createHarness({ stretchSeconds: STRETCH_SECONDS })
    const parts = TEXTS.map(speech)
    const id = await recordLive(h, liveRecording(parts.map((p) => p.data), parts[0]!.rate).slice(0, 5))
    expect(stretchRows(h).length).toBeGreaterThanOrEqual(1)
    await h.core.call('recording:discard', { sessionId: id })
    expect(stretchRows(h)).toEqual([])
    expect(h.audioFiles()).toEqual([])
    expect((await h.core.dispatch('sessions:get', { id })).ok).toBe(false)
  })

  it.each([1, 2])('the stretches left at Stop are transcribed %i at a time, and stitched in order', async (lanes) => {
    // A provider that is down while the learner speaks, so every stretch is still to do at Stop.
    const provider = laneProvider(lanes)
    h = await createHarness({ stretchSeconds: STRETCH_SECONDS, providers: providersWith(provider.transcriber) })
    const parts = TEXTS.map(speech)
    const id = await recordLive(h, liveRecording(parts.map((p) => p.data), parts[0]!.rate))
    const cut = stretchRows(h).length
    expect(cut).toBeGreaterThanOrEqual(3)
    expect(stretchRows(h).every((s) => s.text === null)).toBe(true)

    provider.up = true
    await h.core.call('recording:finish', { sessionId: id, durationMs: 9_000 })
    await h.core.waitForIdle()
    expect(provider.most).toBe(lanes)
    await expectPartsInOrder(id, cut)
  })

  it('a stretch still being transcribed at Stop holds a lane until it ends, then the lane takes the next one', async () => {
    // The first stretch hangs until released; the provider is down for the others while the learner speaks.
    const provider = laneProvider(2)
    let release!: () => void
    provider.hold = new Promise<void>((resolve) => (release = resolve))
    h = await createHarness({ stretchSeconds: STRETCH_SECONDS, providers: providersWith(provider.transcriber) })
    const parts = TEXTS.map(speech)
    const { sessionId: id } = await h.core.call('recording:start', { mimeType: 'audio/wav' })
    for (const [seq, chunk] of liveRecording(parts.map((p) => p.data), parts[0]!.rate).entries()) {
      await h.core.call('recording:chunk', { sessionId: id, seq, data: new Uint8Array(chunk) })
      await sleep(50)
    }
    const cut = stretchRows(h).length
    expect(cut).toBeGreaterThanOrEqual(4)

    provider.up = true
    await h.core.call('recording:finish', { sessionId: id, durationMs: 9_000 })
    // One lane is free at Stop; the second opens only when the first stretch's own job ends.
    await until(() => provider.calls > 0, 'a stretch taken over at Stop')
    await sleep(200)
    expect(provider.most).toBe(1)
    release()
    await h.core.waitForIdle()
    expect(provider.most).toBe(2)
    await expectPartsInOrder(id, cut)
  })

  /** A provider for `lanes` at a time that counts its transcriptions in flight, apart from the one it holds. */
  function laneProvider(lanes: number) {
    const state = { up: false, hold: null as Promise<void> | null, calls: 0, active: 0, most: 0 }
    const transcriber: Transcriber = {
      name: 'test provider',
      lanes,
      async transcribe(request): Promise<TranscriptResult> {
        const word = `part${/\.s(\d+)\.wav$/.exec(request.file)![1]}`
        const held = state.hold
        if (held) {
          state.hold = null
          await held
        } else {
          if (!state.up) throw new PipelineError('transient', 'The service is down.')
          state.calls++
          state.most = Math.max(state.most, ++state.active)
          await sleep(300)
          state.active--
        }
        return { text: word, words: [{ word, start: 0.1, end: 0.5 }], segments: [], language: 'en', durationMs: 2_000, model: 'test' }
      }
    }
    return Object.assign(state, { transcriber })
  }

  function providersWith(transcriber: Transcriber): ProviderFactory {
    return { transcriber: async () => transcriber, analyzer: (settings) => defaultProviders(h!.env, h!.core.settings).analyzer(settings) }
  }

  /** The session is DONE with one word per stretch, in the stretches' order, and no audio is left. */
  async function expectPartsInOrder(id: string, atLeast: number) {
    const session = await h!.core.call('sessions:get', { id })
    expect(session.status).toBe('DONE')
    const words = session.transcript!.words
    expect(words.map((w) => w.word)).toEqual(Array.from({ length: words.length }, (_, i) => `part${i}`))
    expect(words.length).toBeGreaterThanOrEqual(atLeast)
    expect(words.every((w, i) => i === 0 || w.start > words[i - 1]!.end)).toBe(true)
    expect(h!.audioFiles()).toEqual([])
  }
})
