import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findModel } from '../../../electron/core/localModels/catalog.ts'
import {
  buildJob,
  createOnDeviceTranscriber,
  defaultLanes,
  defaultThreads,
  LOCAL_FILLER_PROMPT,
  whisperOptions
} from '../../../electron/core/localModels/localTranscriber.ts'
import {
  NEEDS_WAV_MESSAGE,
  NOT_INSTALLED_MESSAGE,
  runTranscriptionJob,
  type LocalTranscribeJob,
  type LocalTranscribeReply
} from '../../../electron/core/localModels/transcribeJob.ts'
import type { WhisperBinding, WhisperTranscribeOptions } from '../../../electron/core/localModels/whisperBinding.ts'
import { NO_SPEECH_MESSAGE } from '../../../electron/core/providers/types.ts'
import { forkWorker, type SpawnWorker } from '../../../electron/core/worker/supervisor.ts'
import { soxSynth, speech16k } from '../../support/whisperModel/recordings.ts'
import { writeTinyWhisperModel } from '../../support/whisperModel/tinyModel.ts'
import { pipelineError } from '../../support/pipelineError.ts'

const WORKER = fileURLToPath(new URL('../../../electron/core/localModels/transcribeWorker.ts', import.meta.url))
const NO_ADDON_WORKER = fileURLToPath(new URL('./fixtures/workerWithoutAddon.ts', import.meta.url))
const FORMAT_16K = ['-r', '16000', '-c', '1', '-b', '16']

let dir: string
let model: string
let englishModel: string
let speech: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'speakloop-local-'))
  model = writeTinyWhisperModel(join(dir, 'tiny.bin'))
  englishModel = writeTinyWhisperModel(join(dir, 'tiny.en.bin'), { englishOnly: true })
  speech = speech16k('Um, I think the weather is nice today.')
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const request = (file: string, language = 'en') => ({ file, mimeType: 'audio/wav', language, signal: new AbortController().signal })

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

describe('buildJob', () => {
  it('finds a catalog model in the models folder and pins its exact size', () => {
    const base = findModel('base.en')!
    const { job, label } = buildJob({ modelsDir: '/data/models', modelId: 'base.en', threads: 3 }, '/r.wav', 'en')
    expect(job).toEqual({
      audioPath: '/r.wav',
      modelPath: join('/data/models', 'ggml-base.en.bin'),
      modelBytes: base.sizeBytes,
      modelId: 'base.en',
      options: { ...whisperOptions('en'), maxThreads: 3 }
    })
    expect(label).toBe('whisper.cpp base.en')
  })

  it('takes any model file by path, checked in the worker by structure instead of size', () => {
    const { job } = buildJob({ modelPath: '/m/custom.bin' }, '/r.wav', 'es')
    expect(job).toMatchObject({ modelPath: '/m/custom.bin', modelBytes: null, modelId: null, options: { language: 'es', maxThreads: defaultThreads() } })
    expect(defaultThreads()).toBeGreaterThanOrEqual(1)
    expect(defaultThreads()).toBeLessThanOrEqual(4)
  })

  it('runs parts of a recording in parallel workers only where the addon computes on one core', () => {
    expect(defaultLanes('linux', 'x64')).toBe(Math.min(2, availableParallelism()))
    for (const [platform, arch] of [['darwin', 'arm64'], ['darwin', 'x64'], ['win32', 'x64'], ['linux', 'arm64']]) expect(defaultLanes(platform, arch)).toBe(1)
    expect(createOnDeviceTranscriber({ modelPath: '/m.bin', workerEntry: WORKER }).lanes).toBe(defaultLanes())
    expect(createOnDeviceTranscriber({ modelPath: '/m.bin', workerEntry: WORKER, lanes: 3 }).lanes).toBe(3)
  })

  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    'the premise of defaultLanes: the Linux x64 addon asks OpenMP for threads but never opens a parallel region',
    () => {
      // When an addon update links GOMP_parallel, whisper.cpp's threads work and defaultLanes can go back to 1.
      const addon = readFileSync(createRequire(import.meta.url).resolve('@fugood/node-whisper-linux-x64/index.node')).toString('latin1')
      expect(addon).toContain('omp_get_num_threads')
      expect(addon).not.toContain('GOMP_parallel')
    }
  )

  it('refuses an English-only model for another language, and a model that is not offered', async () => {
    expect(() => buildJob({ modelsDir: '/m', modelId: 'base.en' }, '/r.wav', 'es')).toThrow('The "base.en" model only understands English.')
    expect(() => buildJob({ modelsDir: '/m', modelId: 'huge' as never }, '/r.wav', 'en')).toThrow('No on-device speech model is selected.')
  })
})

describe('createOnDeviceTranscriber', () => {
  /** A worker stand-in that answers with a reply and records the jobs it got. */
  function answering(jobs: LocalTranscribeJob[], reply: Partial<LocalTranscribeReply> = {}): SpawnWorker {
    return () => {
      let listener: (m: unknown) => void = () => undefined
      return {
        postMessage: (message) => {
          jobs.push((message as { payload: LocalTranscribeJob }).payload)
          const whisper = { result: ' Um, hello.', segments: [{ text: ' Um', t0: 0, t1: 300 }, { text: ',', t0: 300, t1: 310 }, { text: ' hello', t0: 400, t1: 800 }, { text: '.', t0: 800, t1: 30_000 }] }
          listener({ type: 'result', payload: { whisper, audioSeconds: 1.5, ...reply } })
        },
        onMessage: (l) => (listener = l),
        onExit: () => undefined,
        kill: () => undefined
      }
    }
  }

  it('sends the worker the job and maps its reply, ending no word after the recording does', async () => {
    const jobs: LocalTranscribeJob[] = []
    const transcriber = createOnDeviceTranscriber({ modelsDir: join(dir, 'models'), modelId: 'base.en', workerEntry: WORKER, spawn: answering(jobs), threads: 2 })
    const result = await transcriber.transcribe(request(speech))
    expect(transcriber.name).toBe('on-device')
    expect(jobs).toEqual([buildJob({ modelsDir: join(dir, 'models'), modelId: 'base.en', threads: 2 }, speech, 'en').job])
    expect(result.text).toBe('Um, hello.')
    expect(result.words).toEqual([
      { word: 'Um,', start: 0, end: 0.31 },
      { word: 'hello.', start: 0.4, end: 1.5 }
    ])
    expect(result.durationMs).toBe(1500)
    expect(result.model).toBe('whisper.cpp base.en')
  })

  it.each([
    ['a WebM recording', 'r.webm', Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0, 0, 0, 0, 0])],
    ['an MP3', 'r.mp3', Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00\x00\x00')]
  ])('refuses %s before starting any worker, telling the learner to re-record or import a WAV', async (_what, name, bytes) => {
    const file = join(dir, name)
    await writeFile(file, bytes)
    const jobs: LocalTranscribeJob[] = []
    const error = await pipelineError(createOnDeviceTranscriber({ modelPath: model, workerEntry: WORKER, spawn: answering(jobs) }).transcribe(request(file)))
    expect(error.kind).toBe('permanent')
    expect(error.message).toBe(NEEDS_WAV_MESSAGE)
    expect(error.message).toBe('On-device transcription needs a 16 kHz WAV recording.')
    expect(error.hint).toBe('Record the session again, or import the recording as a WAV file.')
    expect(jobs).toHaveLength(0)
  })

  it('refuses a compressed (µ-law) WAV too, and says when the recording is gone', async () => {
    const ulaw = soxSynth('t-ulaw.wav', ['-r', '8000', '-c', '1', '-e', 'u-law'], ['synth', '1', 'sine', '440', 'gain', '-6'])
    const transcriber = createOnDeviceTranscriber({ modelPath: model, workerEntry: WORKER, spawn: answering([]) })
    expect((await pipelineError(transcriber.transcribe(request(ulaw)))).message).toBe(NEEDS_WAV_MESSAGE)
    expect((await pipelineError(transcriber.transcribe(request(join(dir, 'gone.wav'))))).message).toBe('The recording file is missing.')
  })

  it('in a real worker process, says on-device transcription is not installed when the addon is missing', async () => {
    const transcriber = createOnDeviceTranscriber({ modelPath: model, workerEntry: NO_ADDON_WORKER, spawn: forkWorker({ execArgv: ['--import', 'tsx'] }) })
    const error = await pipelineError(transcriber.transcribe(request(speech)))
    expect(error.kind).toBe('permanent')
    expect(error.message).toBe(NOT_INSTALLED_MESSAGE)
    expect(error.message).toBe('On-device transcription is not installed in this build.')
    expect(error.provider).toBe('on-device')
  })
})

describe('runTranscriptionJob (inside the worker) with a stand-in addon', () => {
  const job = (overrides: Partial<LocalTranscribeJob> = {}): LocalTranscribeJob => ({
    audioPath: speech,
    modelPath: model,
    modelBytes: null,
    modelId: null,
    options: { ...whisperOptions('en'), maxThreads: 2 },
    ...overrides
  })

  /** An addon that records its calls and answers, or fails where told. */
  function fakeBinding(calls: string[], fail?: 'init' | 'init-native' | 'transcribe'): WhisperBinding {
    return {
      packageName: 'fake',
      async initWhisper({ filePath }) {
        calls.push(`init ${filePath}`)
        if (fail === 'init') throw new Error('Failed to initialize whisper context (whisper_model_load: tensor has wrong shape)')
        if (fail === 'init-native') throw new Error('Failed to load whisper.node: cannot open shared object file')
        return {
          transcribeData(samples: Int16Array, options: WhisperTranscribeOptions) {
            calls.push(`transcribe ${samples.length} samples ${options.language} maxLen=${options.maxLen} threads=${options.maxThreads}`)
            options.onProgress?.(100)
            const promise = fail === 'transcribe' ? Promise.reject(new Error('Transcription failed')) : Promise.resolve({ result: ' Hi', segments: [{ text: ' Hi', t0: 0, t1: 100 }] })
            return { stop: async () => undefined, promise }
          },
          async release() {
            calls.push('release')
          }
        }
      }
    }
  }

  it('checks the addon before anything else: a build without it should not send the learner to download a model', async () => {
    expect((await pipelineError(runTranscriptionJob(job({ modelPath: join(dir, 'absent.bin') }), { load: () => null }))).message).toBe(NOT_INSTALLED_MESSAGE)
    const unloadable = await pipelineError(
      runTranscriptionJob(job(), {
        load: () => {
          throw new Error('Failed to load whisper.node: GLIBC_2.38 not found')
        }
      })
    )
    expect(unloadable.message).toBe(NOT_INSTALLED_MESSAGE)
  })

  it('transcribes the recording’s samples with the given options, reports progress and always releases the model', async () => {
    const calls: string[] = []
    const stages: string[] = []
    const reply = await runTranscriptionJob(job(), { load: () => fakeBinding(calls), progress: (stage, percent) => stages.push(`${stage} ${percent ?? ''}`.trim()) })
    expect(reply.whisper.segments).toEqual([{ text: ' Hi', t0: 0, t1: 100 }])
    expect(reply.threads).toBe(2)
    expect(reply.model).toEqual({ nAudioLayer: 1, nAudioState: 8, ftype: 1, multilingual: true })
    expect(reply.audioSeconds).toBeGreaterThan(1)
    const samples = Math.round(reply.audioSeconds * 16_000)
    expect(calls).toEqual([`init ${model}`, `transcribe ${samples} samples en maxLen=1 threads=2`, 'release'])
    expect(stages).toEqual(['loading', 'transcribing 0', 'transcribing 100'])

    calls.length = 0
    const failed = await pipelineError(runTranscriptionJob(job(), { load: () => fakeBinding(calls, 'transcribe') }))
    expect(failed.message).toBe('On-device transcription failed.')
    expect(failed.kind).toBe('transient')
    expect(calls.at(-1)).toBe('release')
  })

  it('refuses a silent recording before loading any model, so Whisper never invents a transcript for it', async () => {
    const calls: string[] = []
    const silence = soxSynth('silence-60s.wav', FORMAT_16K, ['trim', '0', '60'])
    const error = await pipelineError(runTranscriptionJob(job({ audioPath: silence }), { load: () => fakeBinding(calls) }))
    expect(error.kind).toBe('permanent')
    expect(error.message).toBe(NO_SPEECH_MESSAGE)
    expect(error.hint).toMatch(/closer to the microphone/)
    expect(calls).toEqual([])
  })

  it('fails clearly for a missing, an incomplete and a damaged model without loading any of them', async () => {
    const calls: string[] = []
    const missing = await pipelineError(runTranscriptionJob(job({ modelPath: join(dir, 'absent.bin'), modelId: 'base.en', modelBytes: 1 }), { load: () => fakeBinding(calls) }))
    expect(missing.message).toBe('The on-device speech model is missing.')
    expect(missing.hint).toBe('Download the "base.en" model in Settings, then press Retry.')
    // A catalog model whose size is not the pinned one: a download cut short.
    const partial = await pipelineError(runTranscriptionJob(job({ modelId: 'base.en', modelBytes: findModel('base.en')!.sizeBytes }), { load: () => fakeBinding(calls) }))
    expect(partial.message).toBe('The on-device speech model is incomplete or damaged (its size is wrong).')
    expect(partial.hint).toBe('Delete the "base.en" model in Settings and download it again, then press Retry.')
    const gguf = join(dir, 'model.gguf')
    await writeFile(gguf, Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(64)]))
    const damaged = await pipelineError(runTranscriptionJob(job({ modelPath: gguf }), { load: () => fakeBinding(calls) }))
    expect(damaged.message).toBe('The on-device speech model file is damaged (it is not a whisper.cpp model).')
    expect(damaged.hint).toBe('Check the model file, then press Retry.')
    expect(calls).toEqual([])
  })

  it('refuses another language with an English-only model file', async () => {
    const error = await pipelineError(runTranscriptionJob(job({ modelPath: englishModel, options: whisperOptions('fr') }), { load: () => fakeBinding([]) }))
    expect(error.message).toBe('This on-device speech model only understands English.')
  })

  it('tells a model whisper.cpp cannot load from an addon that cannot load', async () => {
    const broken = await pipelineError(runTranscriptionJob(job({ modelId: 'tiny' }), { load: () => fakeBinding([], 'init') }))
    expect(broken.message).toBe('The on-device speech model could not be loaded.')
    expect(broken.hint).toBe('Delete the "tiny" model in Settings and download it again, then press Retry.')
    expect(String((broken.cause as Error).message)).toMatch(/wrong shape/)
    const noNative = await pipelineError(runTranscriptionJob(job(), { load: () => fakeBinding([], 'init-native') }))
    expect(noNative.message).toBe(NOT_INSTALLED_MESSAGE)
  })
})
