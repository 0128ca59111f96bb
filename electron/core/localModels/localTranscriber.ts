import { open } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { PipelineError, type Transcriber, type TranscriptResult } from '../providers/types.ts'
import type { WorkerProgress } from '../worker/protocol.ts'
import { forkWorker, superviseWorker, type SpawnWorker } from '../worker/supervisor.ts'
import { findModel, type ModelId, type WhisperModel } from './catalog.ts'
import { toLocalTranscript } from './localTranscript.ts'
import { needsWav, type LocalTranscribeJob, type LocalTranscribeReply } from './transcribeJob.ts'
import { readWavFormat } from './whisperAudio.ts'
import type { WhisperTranscribeOptions } from './whisperBinding.ts'

/**
 * Whisper drops fillers unless the prompt contains them, and the fillers are what the fluency
 * metrics count. Same text as the OpenAI path; kept here so on-device mode never loads that SDK.
 */
export const LOCAL_FILLER_PROMPT = 'Umm, let me think, like, hmm... I mean, you know,'

/**
 * How long the worker may go without a progress note before it is taken to hang. whisper.cpp
 * reports every 5%: for a two-hour import on the slowest model offered, one step stays well
 * inside this on a slow computer.
 */
export const DEFAULT_LOCAL_TIMEOUT_MS = 30 * 60 * 1000

/** Which model: a catalog one installed in `modelsDir`, or any whisper.cpp file (tests, bench). */
export type ModelChoice =
  | { modelsDir: string; modelId: ModelId; modelPath?: never; /** The catalog `modelId` is looked up in; the pinned one by default. */ catalog?: readonly WhisperModel[] }
  | { modelPath: string; modelId?: never; catalog?: never }

export type OnDeviceTranscriberOptions = ModelChoice & {
  /**
   * The worker entry, electron/core/localModels/transcribeWorker.ts built as its own file (the
   * app passes the built path, e.g. `fileURLToPath(new URL('transcribeWorker.js', import.meta.url))`).
   */
  workerEntry: string
  /** How the worker is started: Electron's utilityProcess in the app (`utilityProcessWorker`), `forkWorker()` by default. */
  spawn?: SpawnWorker
  timeoutMs?: number
  /** whisper.cpp threads; defaults to `defaultThreads()`. */
  threads?: number
  /** How many recordings' parts are transcribed at once, each in its own worker; defaults to `defaultLanes()`. */
  lanes?: number
  /** Options over the app's own (the bench turns off the temperature fallback for random-weight models). */
  whisper?: Partial<WhisperTranscribeOptions>
}

/**
 * A `Transcriber` that runs whisper.cpp on this computer, inside a supervised worker process, so a
 * crash or an out-of-memory kill fails one job instead of the app. Holds no process or model
 * between calls: make one whenever the learner's model choice changes. In the Electron main process:
 *
 *   createOnDeviceTranscriber({
 *     modelsDir: modelsDir(dataDir), modelId: settings.localModel,
 *     workerEntry: fileURLToPath(new URL('transcribeWorker.js', import.meta.url)),
 *     spawn: utilityProcessWorker({ fork: utilityProcess.fork, onChildProcessGone }) // see worker/utilityProcess.ts
 *   })
 *
 * It takes 16 kHz mono WAV recordings (other PCM WAVs are converted in the worker) and refuses
 * anything else, refuses silence, and cancels by ending the worker when the request's signal aborts.
 */
export function createOnDeviceTranscriber(options: OnDeviceTranscriberOptions): Transcriber {
  return {
    name: 'on-device',
    lanes: options.lanes ?? defaultLanes(),
    async transcribe(request): Promise<TranscriptResult> {
      const { job, label } = buildJob(options, request.file, request.language)
      await checkWavHeader(request.file)
      const reply = await runOnDeviceJob(job, {
        workerEntry: options.workerEntry,
        spawn: options.spawn,
        timeoutMs: options.timeoutMs,
        signal: request.signal,
        // Loading the model is the first step; whisper.cpp's own percentages follow.
        onProgress: (progress) => request.onProgress?.(progress.stage === 'transcribing' ? (progress.percent ?? 0) : 0)
      })
      return toLocalTranscript(reply.whisper, { language: request.language, model: label, audioSeconds: reply.audioSeconds })
    }
  }
}

export interface RunJobOptions {
  workerEntry: string
  spawn?: SpawnWorker
  timeoutMs?: number
  signal?: AbortSignal
  onProgress?: (progress: WorkerProgress) => void
}

/** Runs one job in a supervised worker and returns its raw reply (the transcriber and the bench share this). */
export function runOnDeviceJob(job: LocalTranscribeJob, options: RunJobOptions): Promise<LocalTranscribeReply> {
  return superviseWorker<LocalTranscribeReply>({
    modulePath: options.workerEntry,
    request: job,
    timeoutMs: options.timeoutMs ?? DEFAULT_LOCAL_TIMEOUT_MS,
    signal: options.signal,
    spawn: options.spawn ?? forkWorker(),
    task: 'On-device transcription',
    provider: 'on-device',
    onProgress: options.onProgress
  })
}

/** The worker's job for a recording, after the checks that need no worker; `label` names the model in results. */
export function buildJob(
  options: ModelChoice & { threads?: number; whisper?: Partial<WhisperTranscribeOptions> },
  audioPath: string,
  language: string
): { job: LocalTranscribeJob; label: string } {
  const whisper = { ...whisperOptions(language), maxThreads: options.threads ?? defaultThreads(), ...options.whisper }
  if (options.modelPath !== undefined) {
    return { job: { audioPath, modelPath: options.modelPath, modelBytes: null, modelId: null, options: whisper }, label: 'whisper.cpp' }
  }
  const model = options.catalog ? options.catalog.find((m) => m.id === options.modelId) : findModel(options.modelId)
  if (!model) {
    throw new PipelineError('permanent', 'No on-device speech model is selected.', {
      hint: 'Choose and download a model in Settings, then press Retry.',
      provider: 'on-device'
    })
  }
  if (model.englishOnly && language !== 'en') {
    throw new PipelineError('permanent', `The "${model.id}" model only understands English.`, {
      hint: 'Choose a model without ".en" in Settings, then press Retry.',
      provider: 'on-device'
    })
  }
  const modelPath = join(options.modelsDir, model.fileName)
  return { job: { audioPath, modelPath, modelBytes: model.sizeBytes, modelId: model.id, options: whisper }, label: `whisper.cpp ${model.id}` }
}

/**
 * The binding options for a learner: language forced (accented speech is otherwise detected as
 * the first language or translated), fillers kept, and one token per segment, the addon's only
 * way to expose word timings.
 */
export function whisperOptions(language: string): WhisperTranscribeOptions {
  return {
    language,
    translate: false,
    prompt: LOCAL_FILLER_PROMPT,
    temperature: 0,
    tokenTimestamps: true,
    maxLen: 1
  }
}

/** whisper.cpp threads: up to 4, whose speed-up is near linear, leaving the rest to the app and the learner. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()))
}

/**
 * On-device transcriptions worth running at once. whisper.cpp's Linux x64 addon computes on one
 * core whatever its thread count (every @fugood build from 1.0.22 to 1.2.0-rc.0: its ggml asks
 * OpenMP for the thread count but was compiled without OpenMP's parallel regions, so it gets 1).
 * There the parts of a recording left at Stop go to parallel workers instead, up to 2, each with
 * its own copy of the model in memory. Elsewhere whisper.cpp's own threads already use the cores.
 */
export function defaultLanes(platform: string = process.platform, arch: string = process.arch): number {
  return platform === 'linux' && arch === 'x64' ? Math.max(1, Math.min(2, availableParallelism())) : 1
}

// Refuses a WebM, MP3 or compressed WAV before any worker starts; the worker decodes the rest.
async function checkWavHeader(path: string): Promise<void> {
  const head = new Uint8Array(64 * 1024)
  let size: number
  let read: number
  try {
    const file = await open(path, 'r')
    try {
      size = (await file.stat()).size
      read = (await file.read(head, 0, head.length, 0)).bytesRead
    } finally {
      await file.close()
    }
  } catch (error) {
    throw new PipelineError('permanent', 'The recording file is missing.', { hint: 'Record the session again.', provider: 'on-device', cause: error })
  }
  if (!readWavFormat(head.subarray(0, read), size)) throw needsWav()
}
