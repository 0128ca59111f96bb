import { open } from 'node:fs/promises'
import { sniffContainer } from '../audio/inspect.ts'
import { PipelineError, type Transcriber, type TranscriptResult } from '../providers/types.ts'
import { superviseWorker, type SpawnWorker } from '../worker/supervisor.ts'
import { findModel, type ModelId } from './catalog.ts'
import { toLocalTranscript } from './localTranscript.ts'
import { modelPath } from './modelStore.ts'
import type { LocalTranscribeJob } from './transcribeJob.ts'
import type { WhisperResult, WhisperTranscribeOptions } from './whisperBinding.ts'

/**
 * Whisper drops fillers unless the prompt contains them, and the fillers are what the fluency
 * metrics count. Same text as the OpenAI path; kept here so on-device mode never loads that SDK.
 */
export const LOCAL_FILLER_PROMPT = 'Umm, let me think, like, hmm... I mean, you know,'

/** A whole session on the slowest model offered stays well inside this; a hang does not. */
export const DEFAULT_LOCAL_TIMEOUT_MS = 30 * 60 * 1000

export interface LocalTranscriberOptions {
  dataDir: string
  modelId: ModelId
  /** The built worker entry (transcribeWorker); the app passes its bundled path. */
  workerPath: string
  spawn?: SpawnWorker
  timeoutMs?: number
}

/** A `Transcriber` that runs whisper.cpp on this computer, inside a supervised worker process. */
export function createLocalTranscriber(options: LocalTranscriberOptions): Transcriber {
  return {
    name: 'on-device',
    async transcribe(request): Promise<TranscriptResult> {
      const model = findModel(options.modelId)
      if (!model) {
        throw new PipelineError('permanent', 'No on-device speech model is selected.', {
          hint: 'Choose and download a model in Settings, then press Retry.',
          provider: 'on-device'
        })
      }
      if (model.englishOnly && request.language !== 'en') {
        throw new PipelineError('permanent', `The "${model.id}" model only understands English.`, {
          hint: 'Choose a model without ".en" in Settings, then press Retry.',
          provider: 'on-device'
        })
      }
      await checkReadableAudio(request.file)
      const job: LocalTranscribeJob = {
        audioPath: request.file,
        modelPath: modelPath(options.dataDir, model),
        modelBytes: model.sizeBytes,
        modelId: model.id,
        options: whisperOptions(request.language)
      }
      const result = await superviseWorker<WhisperResult>({
        modulePath: options.workerPath,
        request: job,
        timeoutMs: options.timeoutMs ?? DEFAULT_LOCAL_TIMEOUT_MS,
        signal: request.signal,
        spawn: options.spawn,
        task: 'On-device transcription',
        provider: 'on-device'
      })
      return toLocalTranscript(result, { language: request.language, model: `whisper.cpp ${model.id}` })
    }
  }
}

/**
 * The binding options for a learner: language forced (accented speech is otherwise detected as
 * the first language or translated), fillers kept, and one token per segment, the binding's only
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

// whisper.cpp decodes WAV, MP3 and FLAC (miniaudio); the recorder's WebM/Opus must be converted first.
async function checkReadableAudio(path: string): Promise<void> {
  const head = new Uint8Array(12)
  try {
    const file = await open(path, 'r')
    try {
      await file.read(head, 0, 12, 0)
    } finally {
      await file.close()
    }
  } catch (error) {
    throw new PipelineError('permanent', 'The recording file is missing.', { hint: 'Record the session again.', provider: 'on-device', cause: error })
  }
  const container = sniffContainer(head)
  const flac = String.fromCharCode(...head.subarray(0, 4)) === 'fLaC'
  if (container !== 'wav' && container !== 'mp3' && !flac) {
    throw new PipelineError('permanent', 'On-device transcription needs a WAV, MP3 or FLAC recording.', {
      hint: 'Record the session again with on-device mode on, or choose OpenAI for transcription in Settings.',
      provider: 'on-device'
    })
  }
}
