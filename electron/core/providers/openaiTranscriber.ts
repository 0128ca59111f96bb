import { readFile, stat } from 'node:fs/promises'
import OpenAI, { toFile } from 'openai'
import type { TranscriptionVerbose } from 'openai/resources/audio/transcriptions'
import type { TimedWord } from '../analysis/contract.ts'
import { classifyProviderError } from './classify.ts'
import { noSpeechError, PipelineError, sdkClientOptions, type ProviderClientOptions, type Transcriber, type TranscriptResult, type TranscriptSegment } from './types.ts'

/** OpenAI's upload cap for one transcription request. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024

/**
 * Whisper drops fillers unless the prompt itself contains them; the fillers are what the
 * fluency metrics count, so the prompt is part of the measurement, not decoration.
 */
export const FILLER_PROMPT = 'Umm, let me think, like, hmm... I mean, you know,'

export type OpenAITranscriberOptions = ProviderClientOptions

/** A `Transcriber` backed by OpenAI's transcription endpoint (word + segment timings, fillers kept). */
export function createOpenAITranscriber(options: OpenAITranscriberOptions): Transcriber {
  const model = options.model ?? 'whisper-1'
  const client = new OpenAI(sdkClientOptions(options))

  return {
    name: 'openai',
    async transcribe(request): Promise<TranscriptResult> {
      const bytes = await readRecording(request.file)
      // Named by type, not by path: the local file name says nothing the provider needs.
      const file = await toFile(bytes, `recording.${extensionFor(request.mimeType)}`, { type: request.mimeType })
      let response: TranscriptionVerbose
      try {
        response = await client.audio.transcriptions.create(
          {
            file,
            model,
            // Forced: accented speech is otherwise detected as the first language or translated.
            language: request.language,
            prompt: FILLER_PROMPT,
            response_format: 'verbose_json',
            timestamp_granularities: ['word', 'segment']
          },
          { signal: request.signal }
        )
      } catch (error) {
        throw classifyProviderError(error, 'openai')
      }
      return toTranscriptResult(response, request.language, model)
    }
  }
}

/** Whisper's silence tell-tales (../shared/DOMAIN.md): likely no speech, or a looping hallucination. */
export function isHallucinatedSegment(segment: TranscriptSegment): boolean {
  return (segment.noSpeechProb > 0.6 && segment.avgLogprob < -1) || segment.compressionRatio > 2.4
}

/**
 * Drops hallucinated segments and the words inside them, and rebuilds the text from what is left.
 * Pure, so the rule can be tested without a server.
 */
export function dropHallucinatedSegments(
  segments: TranscriptSegment[],
  words: TimedWord[]
): { segments: TranscriptSegment[]; words: TimedWord[]; text: string; dropped: number } {
  const kept = segments.filter((s) => !isHallucinatedSegment(s))
  const dropped = segments.filter(isHallucinatedSegment)
  const inDropped = (w: TimedWord) => {
    const mid = (w.start + w.end) / 2
    return dropped.some((s) => mid >= s.start && mid <= s.end)
  }
  return {
    segments: kept,
    words: dropped.length === 0 ? words : words.filter((w) => !inDropped(w)),
    text: kept
      .map((s) => s.text.trim())
      .filter(Boolean)
      .join(' '),
    dropped: dropped.length
  }
}

/** Maps a verbose_json response onto our transcript, applying the silence guard. */
export function toTranscriptResult(response: TranscriptionVerbose, language: string, model: string): TranscriptResult {
  const segments: TranscriptSegment[] = (response.segments ?? []).map((s) => ({
    text: s.text,
    start: s.start,
    end: s.end,
    noSpeechProb: s.no_speech_prob,
    avgLogprob: s.avg_logprob,
    compressionRatio: s.compression_ratio
  }))
  const rawWords: TimedWord[] = (response.words ?? []).map((w) => ({ word: w.word.trim(), start: w.start, end: w.end }))
  const guarded = dropHallucinatedSegments(segments, rawWords)
  // With no segments at all there is nothing to judge; trust the text and words as given.
  const text = segments.length === 0 ? (response.text ?? '').trim() : guarded.text
  if (!text || (guarded.segments.length === 0 && segments.length > 0)) {
    throw noSpeechError()
  }
  return {
    text,
    words: attachPunctuation(text, guarded.words),
    segments: guarded.segments,
    // The requested code, not Whisper's "english": the language was forced anyway.
    language,
    durationMs: Math.round((response.duration ?? 0) * 1000),
    model
  }
}

async function readRecording(path: string): Promise<Buffer> {
  let size: number
  try {
    size = (await stat(path)).size
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new PipelineError('permanent', missing ? 'The recording file is missing.' : 'The recording file could not be read.', {
      hint: 'Record the session again.',
      provider: 'openai',
      cause: error
    })
  }
  if (size > MAX_UPLOAD_BYTES) {
    const mb = (size / (1024 * 1024)).toFixed(1)
    throw new PipelineError('permanent', `This recording is over the 25 MB upload limit (${mb} MB).`, {
      hint: 'Record a shorter session and try again.',
      provider: 'openai'
    })
  }
  return readFile(path)
}

const EXTENSIONS: Record<string, string> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a'
}

// OpenAI infers the container from the file name's extension, so it must match the bytes.
function extensionFor(mimeType: string): string {
  return EXTENSIONS[mimeType.split(';')[0]!.trim().toLowerCase()] ?? 'webm'
}

/**
 * Whisper's word list carries no punctuation, but pause and filler metrics need clause boundaries
 * ("like," vs "like"). Walk the text alongside the words and keep the punctuation that follows each.
 */
function attachPunctuation(text: string, words: TimedWord[]): TimedWord[] {
  const lower = text.toLowerCase()
  let cursor = 0
  return words.map((w) => {
    const needle = w.word.toLowerCase()
    const at = needle ? lower.indexOf(needle, cursor) : -1
    // Only trust a match close to the cursor; a far one means the word and text disagree.
    if (at < 0 || at - cursor > 40) return w
    let end = at + needle.length
    while (end < text.length && /[.,;:?!…]/.test(text[end]!)) end++
    cursor = end
    return { ...w, word: text.slice(at, end) }
  })
}
