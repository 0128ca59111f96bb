import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findModel } from '../../../electron/core/localModels/catalog.ts'
import { createLocalTranscriber, LOCAL_FILLER_PROMPT, whisperOptions } from '../../../electron/core/localModels/localTranscriber.ts'
import { modelPath } from '../../../electron/core/localModels/modelStore.ts'
import { NOT_INSTALLED_MESSAGE, runTranscriptionJob, type LocalTranscribeJob } from '../../../electron/core/localModels/transcribeJob.ts'
import { loadWhisperBinding, type WhisperBinding, type WhisperTranscribeOptions } from '../../../electron/core/localModels/whisperBinding.ts'
import { PipelineError } from '../../../electron/core/providers/types.ts'
import { forkWorker, type SpawnWorker } from '../../../electron/core/worker/supervisor.ts'

const WORKER = fileURLToPath(new URL('../../../electron/core/localModels/transcribeWorker.ts', import.meta.url))
const MODEL = findModel('base.en')!

let dataDir: string
let wav: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'speakloop-local-'))
  wav = join(dataDir, 'recording.wav')
  // Only the header is read before the worker: enough to be recognised as WAV.
  await writeFile(wav, Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')]))
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

async function installFakeModel(magic = 'lmgg'): Promise<string> {
  const path = modelPath(dataDir, MODEL)
  await mkdir(join(path, '..'), { recursive: true })
  await writeFile(path, magic)
  await truncate(path, MODEL.sizeBytes)
  return path
}

async function pipelineError(promise: Promise<unknown>): Promise<PipelineError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(PipelineError)
  return error as PipelineError
}

const request = (overrides: Partial<{ file: string; language: string; mimeType: string }> = {}) => ({
  file: wav,
  mimeType: 'audio/wav',
  language: 'en',
  signal: new AbortController().signal,
  ...overrides
})

describe('whisperOptions', () => {
  it('forces the learner’s language, keeps fillers with the prompt and asks for one token per segment', () => {
    expect(whisperOptions('de')).toEqual({
      language: 'de',
      translate: false,
      prompt: LOCAL_FILLER_PROMPT,
      temperature: 0,
      tokenTimestamps: true,
      maxLen: 1
    })
    expect(LOCAL_FILLER_PROMPT).toMatch(/\bUmm\b.*\blike\b.*\bhmm\b/)
  })
})

describe('createLocalTranscriber', () => {
  /** A worker stand-in that answers with a binding-shaped result and records the job it got. */
  function answering(jobs: LocalTranscribeJob[]): SpawnWorker {
    return () => {
      let reply: (m: unknown) => void = () => undefined
      return {
        postMessage: (message) => {
          jobs.push((message as { payload: LocalTranscribeJob }).payload)
          reply({ type: 'result', payload: { result: ' Um, hello.', segments: [{ text: ' Um', t0: 0, t1: 300 }, { text: ',', t0: 300, t1: 310 }, { text: ' hello', t0: 400, t1: 800 }, { text: '.', t0: 800, t1: 810 }] } })
        },
        onMessage: (listener) => (reply = listener),
        onExit: () => undefined,
        kill: () => undefined
      }
    }
  }

  it('sends the worker the model path and forced options, and maps its result', async () => {
    const jobs: LocalTranscribeJob[] = []
    const transcriber = createLocalTranscriber({ dataDir, modelId: 'base.en', workerPath: WORKER, spawn: answering(jobs) })
    const result = await transcriber.transcribe(request())
    expect(transcriber.name).toBe('on-device')
    expect(jobs).toEqual([
      { audioPath: wav, modelPath: modelPath(dataDir, MODEL), modelBytes: MODEL.sizeBytes, modelId: 'base.en', options: whisperOptions('en') }
    ])
    expect(result.text).toBe('Um, hello.')
    expect(result.words.map((w) => w.word)).toEqual(['Um,', 'hello.'])
  })

  it('refuses an English-only model for another language before starting any worker', async () => {
    const jobs: LocalTranscribeJob[] = []
    const transcriber = createLocalTranscriber({ dataDir, modelId: 'base.en', workerPath: WORKER, spawn: answering(jobs) })
    const error = await pipelineError(transcriber.transcribe(request({ language: 'es' })))
    expect(error.message).toBe('The "base.en" model only understands English.')
    expect(jobs).toHaveLength(0)
  })

  it('refuses a WebM recording, which whisper.cpp cannot decode, with a clear way out', async () => {
    const webm = join(dataDir, 'r.webm')
    await writeFile(webm, Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0, 0, 0, 0, 0]))
    const jobs: LocalTranscribeJob[] = []
    const transcriber = createLocalTranscriber({ dataDir, modelId: 'base', workerPath: WORKER, spawn: answering(jobs) })
    const error = await pipelineError(transcriber.transcribe(request({ file: webm, mimeType: 'audio/webm' })))
    expect(error.kind).toBe('permanent')
    expect(error.message).toBe('On-device transcription needs a WAV, MP3 or FLAC recording.')
    expect(jobs).toHaveLength(0)
  })

  it('in a real worker process, says on-device transcription is not installed when the binding is missing', async () => {
    await installFakeModel()
    const transcriber = createLocalTranscriber({
      dataDir,
      modelId: 'base.en',
      workerPath: WORKER,
      spawn: forkWorker({ execArgv: ['--import', 'tsx'] })
    })
    const error = await pipelineError(transcriber.transcribe(request()))
    expect(error.kind).toBe('permanent')
    expect(error.message).toBe(NOT_INSTALLED_MESSAGE)
    expect(error.message).toBe('On-device transcription is not installed in this build.')
    expect(error.provider).toBe('on-device')
  })
})

describe('runTranscriptionJob (inside the worker)', () => {
  const job = (): LocalTranscribeJob => ({
    audioPath: wav,
    modelPath: modelPath(dataDir, MODEL),
    modelBytes: MODEL.sizeBytes,
    modelId: 'base.en',
    options: whisperOptions('en')
  })

  /** A binding that records its calls and answers, or fails where told. */
  function fakeBinding(calls: string[], fail?: 'init' | 'init-native' | 'transcribe'): WhisperBinding {
    return {
      async initWhisper({ filePath }) {
        calls.push(`init ${filePath}`)
        if (fail === 'init') throw new Error('whisper_init_from_file_with_params_no_state: failed')
        if (fail === 'init-native') throw new Error('Failed to load whisper.node: cannot open shared object file')
        return {
          transcribeFile(path: string, options: WhisperTranscribeOptions) {
            calls.push(`transcribe ${path} ${options.language} maxLen=${options.maxLen}`)
            const promise = fail === 'transcribe' ? Promise.reject(new Error('Failed to load audio file')) : Promise.resolve({ result: ' Hi', segments: [{ text: ' Hi', t0: 0, t1: 100 }] })
            return { stop: async () => undefined, promise }
          },
          async release() {
            calls.push('release')
          }
        }
      }
    }
  }

  it('checks the binding before the model: a build without it should not send the learner to download one', async () => {
    const error = await pipelineError(runTranscriptionJob(job(), async () => null))
    expect(error.message).toBe(NOT_INSTALLED_MESSAGE)
  })

  it('fails clearly for a missing model, then for a corrupt one, without loading either', async () => {
    const calls: string[] = []
    const missing = await pipelineError(runTranscriptionJob(job(), async () => fakeBinding(calls)))
    expect(missing.message).toBe('The on-device speech model is missing.')
    expect(missing.hint).toBe('Download the "base.en" model in Settings, then press Retry.')
    await installFakeModel('GGUF')
    const corrupt = await pipelineError(runTranscriptionJob(job(), async () => fakeBinding(calls)))
    expect(corrupt.message).toMatch(/GGUF/)
    expect(calls).toEqual([])
  })

  it('transcribes with the given options and always releases the context', async () => {
    await installFakeModel()
    const calls: string[] = []
    const result = await runTranscriptionJob(job(), async () => fakeBinding(calls))
    expect(result.segments).toEqual([{ text: ' Hi', t0: 0, t1: 100 }])
    expect(calls).toEqual([`init ${job().modelPath}`, `transcribe ${wav} en maxLen=1`, 'release'])

    calls.length = 0
    const unreadable = await pipelineError(runTranscriptionJob(job(), async () => fakeBinding(calls, 'transcribe')))
    expect(unreadable.message).toBe('The recording could not be read for on-device transcription.')
    expect(calls.at(-1)).toBe('release')
  })

  it('tells a model whisper.cpp cannot load from a missing native module', async () => {
    await installFakeModel()
    const broken = await pipelineError(runTranscriptionJob(job(), async () => fakeBinding([], 'init')))
    expect(broken.message).toBe('The on-device speech model could not be loaded.')
    const noNative = await pipelineError(runTranscriptionJob(job(), async () => fakeBinding([], 'init-native')))
    expect(noNative.message).toBe(NOT_INSTALLED_MESSAGE)
  })
})

describe('loadWhisperBinding', () => {
  it('is null when the package is absent, as in this build', async () => {
    expect(await loadWhisperBinding()).toBeNull()
  })

  it('finds initWhisper as a named or a default export', async () => {
    const initWhisper = async () => ({}) as never
    expect(await loadWhisperBinding(async () => ({ initWhisper }))).toEqual({ initWhisper })
    expect(await loadWhisperBinding(async () => ({ default: { initWhisper } }))).toEqual({ initWhisper })
    expect(await loadWhisperBinding(async () => ({ something: 1 }))).toBeNull()
  })
})
