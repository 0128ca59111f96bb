import { readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { NO_SPEECH_MESSAGE, PipelineError } from '../providers/types.ts'
import { inspectWhisperModel, type WhisperModelInfo } from './ggmlModel.ts'
import { checkModelFile, ModelFileError, modelProblemError } from './modelStore.ts'
import { hasSpeech, measureSpeech } from './speechActivity.ts'
import { UnsupportedAudioError, WHISPER_SAMPLE_RATE, wavToWhisperPcm } from './whisperAudio.ts'
import {
  isMissingNativeModule,
  loadWhisperBinding,
  type WhisperBinding,
  type WhisperContextLike,
  type WhisperGpu,
  type WhisperResult,
  type WhisperTranscribeOptions
} from './whisperBinding.ts'

/** What the parent sends the transcription worker (structured-cloneable). */
export interface LocalTranscribeJob {
  /** A PCM WAV: 16 kHz mono 16-bit goes to whisper.cpp as is, any other rate or layout is converted. */
  audioPath: string
  modelPath: string
  /** Exact size of a catalog model; null for a model given by path, which is checked by structure only. */
  modelBytes: number | null
  /** The catalog id, named in a model error's hint; null for a model given by path. */
  modelId: string | null
  options: WhisperTranscribeOptions
}

/** What the worker sends back: whisper.cpp's result and what it cost. */
export interface LocalTranscribeReply {
  whisper: WhisperResult
  audioSeconds: number
  speechSeconds: number
  /** Reading the model into memory. */
  loadMs: number
  /** whisper.cpp's encode and decode of the whole recording. */
  transcribeMs: number
  threads: number
  model: Pick<WhisperModelInfo, 'nAudioLayer' | 'nAudioState' | 'ftype' | 'multilingual'>
  /** The GPU whisper.cpp ran on (null: the CPU), and why an installed GPU build was not used. */
  backend: { gpu: WhisperGpu | null; gpuFallback: string | null }
}

export const NOT_INSTALLED_MESSAGE = 'On-device transcription is not installed in this build.'
export const NEEDS_WAV_MESSAGE = 'On-device transcription needs a 16 kHz WAV recording.'

/** What the job needs from its process; tests pass a stand-in addon as `load`. */
export interface JobHost {
  /** The addon, null when this build has none (see `loadWhisperBinding`). */
  load: () => WhisperBinding | null | Promise<WhisperBinding | null>
  /** Stages and whisper.cpp's percentage, for the parent to show. */
  progress: (stage: 'loading' | 'transcribing', percent?: number) => void
  now: () => number
}

const defaultHost: JobHost = { load: () => loadWhisperBinding(), progress: () => undefined, now: () => performance.now() }

/**
 * The worker's work: load the addon, check the model and the recording, refuse silence, then
 * transcribe. Every failure the learner can act on becomes a `PipelineError` with a hint; the raw
 * result goes back for the parent to map.
 */
export async function runTranscriptionJob(job: LocalTranscribeJob, host: Partial<JobHost> = {}): Promise<LocalTranscribeReply> {
  const { load, progress, now } = { ...defaultHost, ...host }
  // The addon first: downloading a model would not help a build that cannot run it.
  let binding: WhisperBinding | null
  try {
    binding = await load()
  } catch (error) {
    throw notInstalled(error)
  }
  if (!binding) throw notInstalled()

  const model = await checkModel(job)
  if (!model.multilingual && job.options.language !== undefined && job.options.language !== 'en') {
    throw onDevice('permanent', 'This on-device speech model only understands English.', 'Choose a model without ".en" in Settings, then press Retry.')
  }
  const samples = await readRecording(job.audioPath)
  const activity = measureSpeech(samples, WHISPER_SAMPLE_RATE)
  if (!hasSpeech(activity)) {
    // Whisper invents text for silence and steady noise; nothing is better than that.
    throw onDevice('permanent', NO_SPEECH_MESSAGE, 'Speak closer to the microphone, check that the right one is selected in your system settings, and record again.')
  }

  progress('loading')
  const loadStart = now()
  let loaded: LoadedModel
  try {
    loaded = await initModel(binding, job.modelPath)
  } catch (error) {
    if (isMissingNativeModule(error)) throw notInstalled(error)
    throw onDevice('permanent', 'The on-device speech model could not be loaded.', modelHint(job, 'damaged'), error)
  }
  const { context, backend } = loaded
  const loadMs = now() - loadStart
  try {
    progress('transcribing', 0)
    const start = now()
    // whisper.cpp measures against its 30 s windows, so the last one can report past 100.
    const onProgress = (percent: number) => progress('transcribing', Math.min(100, Math.max(0, Math.round(percent))))
    const whisper = await context.transcribeData(samples, { ...job.options, onProgress }).promise
    return {
      whisper,
      audioSeconds: activity.totalSeconds,
      speechSeconds: activity.speechSeconds,
      loadMs,
      transcribeMs: now() - start,
      // The addon's own default when none was set.
      threads: job.options.maxThreads ?? Math.min(8, availableParallelism()),
      model: { nAudioLayer: model.nAudioLayer, nAudioState: model.nAudioState, ftype: model.ftype, multilingual: model.multilingual },
      backend
    }
  } catch (error) {
    throw onDevice('transient', 'On-device transcription failed.', 'Speakloop will try again. If it keeps failing, choose another model in Settings.', error)
  } finally {
    await context.release().catch(() => undefined)
  }
}

interface LoadedModel {
  context: WhisperContextLike
  backend: LocalTranscribeReply['backend']
}

/**
 * Loads the model. The CPU build is given the file alone, so the addon's own default holds (Metal
 * on macOS, the CPU elsewhere). A GPU build is asked for the GPU and, when that fails (no usable
 * device, too little video memory), once more on whisper.cpp's CPU backend, which every build
 * has: only if that fails too is the model to blame.
 */
async function initModel(binding: WhisperBinding, filePath: string): Promise<LoadedModel> {
  const gpuFallback = binding.gpuFallback ?? null
  if (!binding.gpu) return { context: await binding.initWhisper({ filePath }), backend: { gpu: null, gpuFallback } }
  try {
    return { context: await binding.initWhisper({ filePath, useGpu: true }), backend: { gpu: binding.gpu, gpuFallback } }
  } catch (error) {
    const reason = `${binding.packageName} on the GPU: ${(error as Error).message}`
    return { context: await binding.initWhisper({ filePath, useGpu: false }), backend: { gpu: null, gpuFallback: gpuFallback ? `${gpuFallback}; ${reason}` : reason } }
  }
}

async function checkModel(job: LocalTranscribeJob): Promise<WhisperModelInfo> {
  try {
    // Size first for a catalog model: cheaper, and a partial download gets the right wording.
    if (job.modelBytes !== null) await checkModelFile(job.modelPath, job.modelBytes)
    return await inspectWhisperModel(job.modelPath)
  } catch (error) {
    if (!(error instanceof ModelFileError)) throw error
    if (job.modelId !== null) throw modelProblemError(error, job.modelId)
    throw onDevice('permanent', error.message, modelHint(job, error.problem), error)
  }
}

async function readRecording(path: string): Promise<Int16Array> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw onDevice('permanent', 'The recording file is missing.', 'Record the session again.', error)
  }
  try {
    return wavToWhisperPcm(bytes)
  } catch (error) {
    if (error instanceof UnsupportedAudioError) throw needsWav(error)
    throw error
  }
}

/** The refusal for anything but a PCM WAV, the same before and inside the worker. */
export function needsWav(cause?: unknown): PipelineError {
  return onDevice('permanent', NEEDS_WAV_MESSAGE, 'Record the session again, or import the recording as a WAV file.', cause)
}

function modelHint(job: LocalTranscribeJob, problem: string): string {
  if (job.modelId === null) return 'Check the model file, then press Retry.'
  return problem === 'missing'
    ? `Download the "${job.modelId}" model in Settings, then press Retry.`
    : `Delete the "${job.modelId}" model in Settings and download it again, then press Retry.`
}

function notInstalled(cause?: unknown): PipelineError {
  return onDevice('permanent', NOT_INSTALLED_MESSAGE, 'Choose OpenAI for transcription in Settings, or install a build with on-device transcription.', cause)
}

function onDevice(kind: PipelineError['kind'], message: string, hint: string, cause?: unknown): PipelineError {
  return new PipelineError(kind, message, { hint, provider: 'on-device', cause })
}
