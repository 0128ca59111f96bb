import { deflateSync } from 'node:zlib'
import type { TimedWord } from '../analysis/contract.ts'
import { noSpeechError, type TranscriptResult, type TranscriptSegment } from '../providers/types.ts'
import type { WhisperResult, WhisperSegment } from './whisperBinding.ts'

/** Whisper's looping-hallucination tell-tale (../shared/DOMAIN.md), the one guard the binding's output allows. */
export const MAX_COMPRESSION_RATIO = 2.4
/** Whisper decodes in 30 s windows; a segment never spans more, so long unpunctuated speech still splits. */
const MAX_SEGMENT_SECONDS = 30

/**
 * Maps a whisper.node result made with `maxLen: 1` (one token per segment) onto our transcript:
 * tokens are merged into words (a token without a leading space continues the word, so
 * punctuation stays attached: "like,"), sound annotations such as [BLANK_AUDIO] are dropped,
 * words are grouped into sentence segments, and looping segments are removed. Pure.
 */
export function toLocalTranscript(result: WhisperResult, options: { language: string; model: string; audioSeconds?: number }): TranscriptResult {
  const words = clampTo(dropAnnotations(mergeTokens(result.segments)), options.audioSeconds)
  const segments = groupSentences(words).filter((s) => s.segment.compressionRatio <= MAX_COMPRESSION_RATIO)
  const kept = segments.flatMap((s) => s.words)
  if (kept.length === 0) throw noSpeechError()
  return {
    text: segments.map((s) => s.segment.text).join(' '),
    words: kept,
    segments: segments.map((s) => s.segment),
    // The requested code: the language was forced, whatever the model would have guessed.
    language: options.language,
    durationMs: Math.round(options.audioSeconds !== undefined ? options.audioSeconds * 1000 : Math.max(0, ...result.segments.map((t) => t.t1))),
    model: options.model
  }
}

/** gzip-style ratio, as OpenAI's Whisper computes it: UTF-8 bytes over zlib-compressed bytes. */
export function compressionRatio(text: string): number {
  const bytes = Buffer.from(text, 'utf8')
  return bytes.length === 0 ? 0 : bytes.length / deflateSync(bytes).length
}

function mergeTokens(tokens: WhisperSegment[]): TimedWord[] {
  const words: TimedWord[] = []
  for (const token of tokens) {
    if (token.text.trim() === '') continue
    const last = words.at(-1)
    if (!last || /^\s/.test(token.text)) {
      words.push({ word: token.text.trim(), start: token.t0 / 1000, end: token.t1 / 1000 })
    } else {
      last.word += token.text.trimEnd()
      last.end = token.t1 / 1000
    }
  }
  return words
}

// whisper.cpp pads the last window to 30 s, and its timestamps can land in the padding.
function clampTo(words: TimedWord[], seconds: number | undefined): TimedWord[] {
  if (seconds === undefined) return words
  return words.map((w) => ({ ...w, start: Math.min(w.start, seconds), end: Math.min(w.end, seconds) }))
}

// Whisper marks non-speech in brackets or parentheses ("[BLANK_AUDIO]", "(upbeat music)") or with ♪.
function dropAnnotations(words: TimedWord[]): TimedWord[] {
  let depth = 0
  return words.filter((w) => {
    if (depth === 0 && !/^[[(]/.test(w.word)) return !/^[♪*]+$/.test(w.word)
    depth = Math.max(0, depth + count(w.word, /[[(]/g) - count(w.word, /[\])]/g))
    return false
  })
}

function groupSentences(words: TimedWord[]): { segment: TranscriptSegment; words: TimedWord[] }[] {
  const groups: TimedWord[][] = []
  let current: TimedWord[] = []
  for (const word of words) {
    if (current.length > 0 && word.end - current[0]!.start > MAX_SEGMENT_SECONDS) {
      groups.push(current)
      current = []
    }
    current.push(word)
    if (/[.?!…]["')\]]*$/.test(word.word)) {
      groups.push(current)
      current = []
    }
  }
  if (current.length > 0) groups.push(current)
  return groups.map((group) => {
    const text = group.map((w) => w.word).join(' ')
    return {
      words: group,
      segment: {
        text,
        start: group[0]!.start,
        end: group.at(-1)!.end,
        // The binding exposes no per-segment probabilities; neutral values keep the other guards inert.
        noSpeechProb: 0,
        avgLogprob: 0,
        compressionRatio: compressionRatio(text)
      }
    }
  })
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0
}
