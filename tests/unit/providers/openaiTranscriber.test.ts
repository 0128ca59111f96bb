import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createOpenAITranscriber,
  dropHallucinatedSegments,
  FILLER_PROMPT,
  isHallucinatedSegment,
  MAX_UPLOAD_BYTES
} from '../../../electron/core/providers/openaiTranscriber.ts'
import { type TranscriptSegment } from '../../../electron/core/providers/types.ts'
import { silentTranscript, startSimulator, WRONG_KEY, type Simulator } from '../../support/simulator.ts'
import { pipelineError } from '../../support/pipelineError.ts'

let sim: Simulator
const dir = mkdtempSync(join(tmpdir(), 'speakloop-transcriber-'))
const audio = randomBytes(48 * 1024)
const audioFile = join(dir, 'session-7f3a.webm')
writeFileSync(audioFile, audio)

beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

function transcriber(overrides: { apiKey?: string; timeoutMs?: number; baseURL?: string } = {}) {
  return createOpenAITranscriber({ apiKey: 'sk-test-openai', baseURL: sim.openaiBaseUrl, timeoutMs: 5_000, ...overrides })
}

function transcribe(t = transcriber(), signal = new AbortController().signal) {
  return t.transcribe({ file: audioFile, mimeType: 'audio/webm', language: 'en', signal })
}

describe('OpenAI transcriber against the simulator', () => {
  it('uploads the recording with whisper-1, the forced language, a filler prompt and both timestamp granularities', async () => {
    sim.setDefaultTranscript('Yesterday I go to the market. Um, like, we buy fruits.')
    const result = await transcribe()

    const seen = sim.requests[0]!
    expect(seen.model).toBe('whisper-1')
    expect(seen.language).toBe('en')
    expect(seen.prompt).toBe(FILLER_PROMPT)
    expect(seen.prompt).toMatch(/Umm.*like.*hmm/)
    expect(seen.responseFormat).toBe('verbose_json')
    expect(seen.timestampGranularities).toEqual(expect.arrayContaining(['word', 'segment']))
    expect(seen.fileSha256).toBe(createHash('sha256').update(audio).digest('hex'))
    expect(seen.fileSize).toBe(audio.length)
    // The provider gets a neutral name with the right extension, never our local path or session id.
    expect(seen.fileName).toBe('recording.webm')
    expect(seen.fileType).toBe('audio/webm')
    expect(seen.headers.authorization).toBeUndefined()

    expect(result.text).toBe('Yesterday I go to the market. Um, like, we buy fruits.')
    expect(result.language).toBe('en')
    expect(result.model).toBe('whisper-1')
    expect(result.durationMs).toBeGreaterThan(0)
    expect(result.segments).toHaveLength(2)
    expect(result.words.map((w) => w.word)).toEqual(['Yesterday', 'I', 'go', 'to', 'the', 'market.', 'Um,', 'like,', 'we', 'buy', 'fruits.'])
    for (const w of result.words) expect(w.end).toBeGreaterThan(w.start)
  })

  it('ends a silent recording as a permanent "no speech detected", not a hallucinated transcript', async () => {
    sim.transcription.enqueue({ transcript: silentTranscript('Thanks for watching!') })
    const error = await pipelineError(transcribe())
    expect(error.kind).toBe('permanent')
    expect(error.message).toBe('No speech detected in this recording.')
    expect(error.hint).toBe('Check your microphone and record again.')
  })

  it('drops only the hallucinated segment and its words', async () => {
    sim.transcription.enqueue({
      text: 'I like my job. Thank you thank you thank you thank you. We start at nine.',
      options: { segmentStats: { 1: { compressionRatio: 2.9 } } }
    })
    const result = await transcribe()
    expect(result.text).toBe('I like my job. We start at nine.')
    expect(result.words.map((w) => w.word.toLowerCase())).not.toContain('thank')
    expect(result.segments).toHaveLength(2)
  })

  it('refuses a file over 25 MB before uploading anything', async () => {
    const big = join(dir, 'big.wav')
    writeFileSync(big, '')
    truncateSync(big, MAX_UPLOAD_BYTES + 1)
    const error = await pipelineError(transcriber().transcribe({ file: big, mimeType: 'audio/wav', language: 'en', signal: new AbortController().signal }))
    expect(error.kind).toBe('permanent')
    expect(error.message).toMatch(/^This recording is over the 25 MB upload limit/)
    expect(sim.count('transcription')).toBe(0)
  })

  it('classifies a 500 as transient and does not retry inside the SDK', async () => {
    sim.transcription.enqueue({ status: 500 })
    const error = await pipelineError(transcribe())
    expect(error.kind).toBe('transient')
    expect(sim.count('transcription')).toBe(1)
  })

  it('classifies a 429 as rate-limited with the retry-after the server asked for', async () => {
    sim.transcription.enqueue({ status: 429, headers: { 'retry-after': '7' } })
    const error = await pipelineError(transcribe())
    expect(error.kind).toBe('rate-limited')
    expect(error.retryAfterMs).toBe(7_000)
  })

  it('classifies a rejected key as permanent without repeating the key', async () => {
    const error = await pipelineError(transcribe(transcriber({ apiKey: WRONG_KEY })))
    expect(error.kind).toBe('permanent')
    expect(error.message).toBe('Your OpenAI API key was rejected.')
    expect(error.hint).toBe('Open Settings and check the key.')
    expect(`${error.message} ${error.hint}`).not.toMatch(/sk-|\*\*\*/)
    expect(sim.requests[0]!.status).toBe(401)
  })

  it('gives up on a slow server at the timeout, and the simulator sees the abort', async () => {
    sim.transcription.enqueue({ delayMs: 10_000 })
    const error = await pipelineError(transcribe(transcriber({ timeoutMs: 200 })))
    expect(error.kind).toBe('transient')
    expect(error.message).toMatch(/timed out/)
    await sim.idle()
    expect(sim.requests[0]!.aborted).toBe(true)
  })

  it('passes our AbortSignal through: an abort is a transient "timed out"', async () => {
    sim.transcription.enqueue({ delayMs: 10_000 })
    const controller = new AbortController()
    const pending = transcribe(transcriber(), controller.signal)
    setTimeout(() => controller.abort(), 100)
    const error = await pipelineError(pending)
    expect(error.kind).toBe('transient')
    expect(error.message).toMatch(/timed out/)
  })

  it('classifies a refused connection as transient', async () => {
    const port = await closedPort()
    const error = await pipelineError(transcribe(transcriber({ baseURL: `http://127.0.0.1:${port}/v1` })))
    expect(error.kind).toBe('transient')
    expect(error.message).toBe('Could not reach OpenAI.')
  })

  it('classifies an unreadable body as transient', async () => {
    sim.transcription.enqueue({ malformed: true })
    const error = await pipelineError(transcribe())
    expect(error.kind).toBe('transient')
    expect(error.message).toBe('OpenAI sent a response Speakloop could not read.')
  })
})

describe('silence and hallucination guard', () => {
  const segment = (over: Partial<TranscriptSegment>): TranscriptSegment => ({
    text: ' Hello.',
    start: 0,
    end: 1,
    noSpeechProb: 0.01,
    avgLogprob: -0.2,
    compressionRatio: 1.3,
    ...over
  })

  it('flags likely silence only when the model is also unsure of the words', () => {
    expect(isHallucinatedSegment(segment({ noSpeechProb: 0.61, avgLogprob: -1.01 }))).toBe(true)
    expect(isHallucinatedSegment(segment({ noSpeechProb: 0.9, avgLogprob: -0.5 }))).toBe(false)
    expect(isHallucinatedSegment(segment({ noSpeechProb: 0.6, avgLogprob: -2 }))).toBe(false)
    expect(isHallucinatedSegment(segment({ noSpeechProb: 0.1, avgLogprob: -1.5 }))).toBe(false)
  })

  it('flags looping text by its compression ratio', () => {
    expect(isHallucinatedSegment(segment({ compressionRatio: 2.41 }))).toBe(true)
    expect(isHallucinatedSegment(segment({ compressionRatio: 2.4 }))).toBe(false)
  })

  it('removes the words inside dropped segments and rebuilds the text', () => {
    const kept = segment({ text: ' I work here.', start: 0, end: 2 })
    const silent = segment({ text: ' Thanks for watching!', start: 2, end: 4, noSpeechProb: 0.95, avgLogprob: -1.4 })
    const words = [
      { word: 'I', start: 0.1, end: 0.3 },
      { word: 'work', start: 0.4, end: 0.8 },
      { word: 'here', start: 0.9, end: 1.3 },
      { word: 'Thanks', start: 2.2, end: 2.6 },
      { word: 'watching', start: 3, end: 3.6 }
    ]
    const result = dropHallucinatedSegments([kept, silent], words)
    expect(result.dropped).toBe(1)
    expect(result.text).toBe('I work here.')
    expect(result.words.map((w) => w.word)).toEqual(['I', 'work', 'here'])
    expect(result.segments).toEqual([kept])
  })
})

/** A port nothing listens on: bind one, then close it. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
