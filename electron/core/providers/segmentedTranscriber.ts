import { stat, rm } from 'node:fs/promises'
import { splitWav } from '../audio/wavSegments.ts'
import { NO_SPEECH_MESSAGE, PipelineError, type Transcriber, type TranscriptResult } from './types.ts'

export interface SegmentOptions {
  /** The provider's upload cap (OpenAI: 25 MB). */
  maxBytes: number
  /** Longest piece sent at once (10 minutes keeps each request well inside its timeout). */
  maxSeconds: number
}

/**
 * Wraps a transcriber so a WAV over the upload cap is sent in pieces and the pieces' words and
 * segments are stitched back with their time offsets. Other formats over the cap fail clearly:
 * only PCM WAV can be cut without decoding (the app imports long files as 16 kHz WAV).
 */
export function withSegmentedUploads(inner: Transcriber, options: SegmentOptions): Transcriber {
  return {
    name: inner.name,
    async transcribe(request): Promise<TranscriptResult> {
      const size = (await stat(request.file)).size
      if (size <= options.maxBytes) return inner.transcribe(request)
      if (request.mimeType !== 'audio/wav') {
        throw new PipelineError('permanent', `This recording is over the ${Math.round(options.maxBytes / 1024 / 1024)} MB upload limit.`, {
          hint: 'Import it as a WAV file, or split it into shorter recordings.'
        })
      }
      const pieces = await splitWav(request.file, options).catch((error: unknown) => {
        throw new PipelineError('permanent', 'This recording is over the upload limit and could not be split.', {
          hint: 'Check that the file is a complete WAV recording, or split it into shorter recordings.',
          cause: error
        })
      })
      try {
        const results: { result: TranscriptResult; offset: number }[] = []
        for (const piece of pieces) {
          request.signal.throwIfAborted()
          try {
            results.push({ result: await inner.transcribe({ ...request, file: piece.path }), offset: piece.offsetSeconds })
          } catch (error) {
            // A silent stretch of a long recording is not a failure of the whole recording.
            if (!(error instanceof PipelineError && error.message === NO_SPEECH_MESSAGE)) throw error
          }
        }
        if (results.length === 0) throw new PipelineError('permanent', NO_SPEECH_MESSAGE, { hint: 'Check your microphone and record again.' })
        return stitch(results)
      } finally {
        await Promise.all(pieces.map((p) => rm(p.path, { force: true })))
      }
    }
  }
}

/** Joins transcripts of consecutive pieces, shifting each piece's times by where it starts. */
export function stitch(parts: { result: TranscriptResult; offset: number }[]): TranscriptResult {
  const first = parts[0]!.result
  const last = parts[parts.length - 1]!
  return {
    text: parts.map((p) => p.result.text.trim()).filter(Boolean).join(' '),
    words: parts.flatMap(({ result, offset }) => result.words.map((w) => ({ ...w, start: w.start + offset, end: w.end + offset }))),
    segments: parts.flatMap(({ result, offset }) => result.segments.map((s) => ({ ...s, start: s.start + offset, end: s.end + offset }))),
    language: first.language,
    durationMs: Math.round(last.offset * 1000 + last.result.durationMs),
    model: first.model
  }
}
