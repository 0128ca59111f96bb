import { PipelineError } from '../providers/types.ts'
import { checkModelFile, ModelFileError, modelProblemError } from './modelStore.ts'
import { isMissingNativeModule, loadWhisperBinding, type WhisperBinding, type WhisperResult, type WhisperTranscribeOptions } from './whisperBinding.ts'

/** What the parent sends the transcription worker (structured-cloneable). */
export interface LocalTranscribeJob {
  audioPath: string
  modelPath: string
  modelBytes: number
  /** Shown in a model error's hint so the learner knows which model to fix. */
  modelId: string
  options: WhisperTranscribeOptions
}

export const NOT_INSTALLED_MESSAGE = 'On-device transcription is not installed in this build.'

/**
 * The worker's work: load the binding, check the model, transcribe. Every failure the learner can
 * act on becomes a permanent `PipelineError`; the raw result goes back for the parent to map.
 */
export async function runTranscriptionJob(job: LocalTranscribeJob, load: () => Promise<WhisperBinding | null> = loadWhisperBinding): Promise<WhisperResult> {
  // The binding first: downloading a model would not help a build that cannot run it.
  const binding = await load()
  if (!binding) throw notInstalled()
  try {
    await checkModelFile(job.modelPath, job.modelBytes)
  } catch (error) {
    throw error instanceof ModelFileError ? modelProblemError(error, job.modelId) : error
  }

  let context
  try {
    context = await binding.initWhisper({ filePath: job.modelPath })
  } catch (error) {
    if (isMissingNativeModule(error)) throw notInstalled(error)
    throw new PipelineError('permanent', 'The on-device speech model could not be loaded.', {
      hint: `Delete the "${job.modelId}" model in Settings and download it again, then press Retry.`,
      provider: 'on-device',
      cause: error
    })
  }
  try {
    return await context.transcribeFile(job.audioPath, job.options).promise
  } catch (error) {
    // whisper.cpp reads WAV, MP3 and FLAC itself; anything else fails here.
    throw new PipelineError('permanent', 'The recording could not be read for on-device transcription.', {
      hint: 'Record the session again.',
      provider: 'on-device',
      cause: error
    })
  } finally {
    await context.release().catch(() => undefined)
  }
}

function notInstalled(cause?: unknown): PipelineError {
  return new PipelineError('permanent', NOT_INSTALLED_MESSAGE, {
    hint: 'Choose OpenAI for transcription in Settings, or install a build with on-device transcription.',
    provider: 'on-device',
    cause
  })
}
