import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildJob, createOnDeviceTranscriber, runOnDeviceJob } from '../../../electron/core/localModels/localTranscriber.ts'
import { platformPackage } from '../../../electron/core/localModels/whisperBinding.ts'
import { NO_SPEECH_MESSAGE } from '../../../electron/core/providers/types.ts'
import { forkWorker, type SpawnWorker, type WorkerExit } from '../../../electron/core/worker/supervisor.ts'
import { longSpeech16k, soxSynth, speech16k, speech22k } from '../../support/whisperModel/recordings.ts'
import { tinyWhisperModel, writeTinyWhisperModel } from '../../support/whisperModel/tinyModel.ts'
import { whisperAddonInstalled } from '../../support/whisperModel/addon.ts'
import { pipelineError } from '../../support/pipelineError.ts'

/**
 * The real thing end to end: the worker entry in its own process, the platform's whisper.cpp
 * addon, a generated random-weight model and espeak-ng speech. The text is nonsense (the weights
 * are random); what is pinned is the path: load, convert, transcribe, map, fail and cancel.
 */

const WORKER = fileURLToPath(new URL('../../../electron/core/localModels/transcribeWorker.ts', import.meta.url))
const forkTs = forkWorker({ execArgv: ['--import', 'tsx'] })

const installed = whisperAddonInstalled()

/** Wraps the real fork so a test can see the worker's end. */
function tracked(): { spawn: SpawnWorker; exited: Promise<WorkerExit> } {
  let markExited: (exit: WorkerExit) => void = () => undefined
  const exited = new Promise<WorkerExit>((resolve) => (markExited = resolve))
  return {
    spawn: (path) => {
      const handle = forkTs(path)
      handle.onExit(markExited)
      return handle
    },
    exited
  }
}

/** Seconds of audio in a canonical 16-bit mono WAV. */
const seconds = (file: string, rate: number) => (readFileSync(file).length - 44) / 2 / rate

describe.skipIf(!installed)(`on-device transcription with the real ${platformPackage()} addon`, () => {
  let dir: string
  let model: string
  // Aborted after each test, so a test that times out does not leave its worker transcribing.
  let testEnd = new AbortController()
  afterEach(() => {
    testEnd.abort()
    testEnd = new AbortController()
  })
  const request = (file: string, language: string, signal = testEnd.signal) => ({ file, mimeType: 'audio/wav', language, signal })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'speakloop-ondevice-'))
    model = writeTinyWhisperModel(join(dir, 'tiny.bin'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('transcribes a 16 kHz espeak-ng recording in a worker process into a transcript in the forced language', async () => {
    const file = speech16k('Um, I think the weather is really nice today, you know.')
    const duration = seconds(file, 16_000)
    const { spawn, exited } = tracked()
    const result = await createOnDeviceTranscriber({ modelPath: model, workerEntry: WORKER, spawn }).transcribe(request(file, 'de'))
    expect(result.language).toBe('de')
    expect(result.model).toBe('whisper.cpp')
    expect(result.words.length).toBeGreaterThan(0)
    expect(result.text.length).toBeGreaterThan(0)
    expect(result.durationMs).toBe(Math.round(duration * 1000))
    for (const word of result.words) {
      expect(word.start).toBeGreaterThanOrEqual(0)
      expect(word.start).toBeLessThanOrEqual(word.end)
      expect(word.end).toBeLessThanOrEqual(duration)
    }
    for (const segment of result.segments) expect(segment.end).toBeLessThanOrEqual(duration)
    // The worker does not outlive its job (it exits, or the supervisor ends it after the reply).
    await exited
  })

  it('reports what whisper.cpp decoded with and what it cost: the forced language, the threads, the time', async () => {
    const file = speech16k('Um, I think the weather is really nice today, you know.')
    const { job } = buildJob({ modelPath: model, threads: 1 }, file, 'fr')
    const stages = new Set<string>()
    const reply = await runOnDeviceJob(job, { workerEntry: WORKER, spawn: forkTs, onProgress: (p) => stages.add(p.stage) })
    expect(reply.whisper.language).toBe('fr')
    expect(reply.threads).toBe(1)
    expect(reply.audioSeconds).toBeCloseTo(seconds(file, 16_000), 3)
    expect(reply.transcribeMs).toBeGreaterThan(0)
    expect(reply.loadMs).toBeGreaterThan(0)
    expect([...stages]).toEqual(['loading', 'transcribing'])
  })

  it('converts espeak-ng’s own 22.05 kHz WAV in the worker', async () => {
    const file = speech22k('Hello, this recording was never resampled.')
    const result = await createOnDeviceTranscriber({ modelPath: model, workerEntry: WORKER, spawn: forkTs }).transcribe(request(file, 'en'))
    expect(result.durationMs).toBe(Math.round(seconds(file, 22_050) * 1000))
  })

  it('refuses 60 seconds of silence instead of returning a hallucinated transcript', async () => {
    const silence = soxSynth('silence-60s.wav', ['-r', '16000', '-c', '1', '-b', '16'], ['trim', '0', '60'])
    const error = await pipelineError(createOnDeviceTranscriber({ modelPath: model, workerEntry: WORKER, spawn: forkTs }).transcribe(request(silence, 'en')))
    expect(error.kind).toBe('permanent')
    expect(error.message).toBe(NO_SPEECH_MESSAGE)
    expect(error.hint).toMatch(/Speak closer to the microphone/)
  })

  it('fails clearly for a missing model file, a truncated one and random bytes behind the right magic', async () => {
    const file = speech16k('Hello there, how are you?')
    const bytes = tinyWhisperModel()
    const truncated = join(dir, 'truncated.bin')
    await writeFile(truncated, bytes.subarray(0, bytes.length - 1000))
    const noise = join(dir, 'noise.bin')
    await writeFile(noise, Buffer.concat([Buffer.from('lmgg', 'latin1'), Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 251))]))
    const transcribe = (modelPath: string) => createOnDeviceTranscriber({ modelPath, workerEntry: WORKER, spawn: forkTs }).transcribe(request(file, 'en'))

    const missing = await pipelineError(transcribe(join(dir, 'absent.bin')))
    expect([missing.kind, missing.message]).toEqual(['permanent', 'The on-device speech model is missing.'])
    const cut = await pipelineError(transcribe(truncated))
    expect([cut.kind, cut.message]).toEqual(['permanent', 'The on-device speech model is incomplete or damaged (the file ends early).'])
    const random = await pipelineError(transcribe(noise))
    expect([random.kind, random.message]).toEqual(['permanent', 'The on-device speech model file is damaged (its settings are not those of a Whisper model).'])
  })

  it('passes on whisper.cpp’s own refusal of a model whose layout is sound but whose shapes are not', async () => {
    // n_text_ctx 447: every weight is there, but the decoder's position table no longer fits it.
    const bytes = tinyWhisperModel()
    bytes.writeInt32LE(447, 4 + 5 * 4)
    const mismatched = join(dir, 'mismatched.bin')
    await writeFile(mismatched, bytes)
    const error = await pipelineError(
      createOnDeviceTranscriber({ modelPath: mismatched, workerEntry: WORKER, spawn: forkTs }).transcribe(request(speech16k('Hello there, how are you?'), 'en'))
    )
    expect([error.kind, error.message]).toEqual(['permanent', 'The on-device speech model could not be loaded.'])
  })

  it('survives whisper.cpp aborting its process (an all-F32 model fails an assertion) as a retryable failure', async () => {
    const f32 = writeTinyWhisperModel(join(dir, 'f32.bin'), { allF32: true })
    const { spawn, exited } = tracked()
    const error = await pipelineError(createOnDeviceTranscriber({ modelPath: f32, workerEntry: WORKER, spawn }).transcribe(request(speech16k('Hello there, how are you?'), 'en')))
    expect(error.kind).toBe('transient')
    expect(error.message).toBe('On-device transcription stopped unexpectedly.')
    expect((await exited).signal).toBe('SIGABRT')
  })

  it('cancels a running transcription by ending the worker, without waiting for whisper.cpp', async () => {
    const file = longSpeech16k(90)
    const controller = new AbortController()
    const { spawn, exited } = tracked()
    const { job } = buildJob({ modelPath: model, threads: 1 }, file, 'en')
    let abortedAt = 0
    const error = await pipelineError(
      runOnDeviceJob(job, {
        workerEntry: WORKER,
        spawn,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.stage !== 'transcribing' || abortedAt) return
          abortedAt = performance.now()
          controller.abort()
        }
      })
    )
    expect(error.message).toBe('Cancelled.')
    // Left alone, whisper.cpp needs well over ten seconds for this recording.
    expect(performance.now() - abortedAt).toBeLessThan(5000)
    expect((await exited).signal).toBe('SIGKILL')
  })

  it('tells the caller how far it is: 0 while the model loads, then whisper.cpp percentages, rising', async () => {
    const seen: number[] = []
    const transcriber = createOnDeviceTranscriber({ modelPath: model, workerEntry: WORKER, spawn: forkTs, threads: 2 })
    await transcriber.transcribe({ ...request(longSpeech16k(40), 'en'), onProgress: (percent) => seen.push(percent) })
    expect(seen[0]).toBe(0)
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
    expect(seen.some((p) => p > 0)).toBe(true)
    // whisper.cpp's last window can report past 100 (151 was seen here); the caller gets at most 100.
    expect(Math.max(...seen)).toBeLessThanOrEqual(100)
  })
})

if (!installed) {
  describe('on-device transcription with the real whisper addon', () => {
    it.skip(`${platformPackage()} is not installed on this machine`, () => undefined)
  })
}
