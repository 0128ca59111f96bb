/**
 * Canned OpenAI `verbose_json` transcriptions for the provider simulator: plain text in, Whisper-shaped
 * words (no punctuation, like the real API), segments (one per sentence) and timings out.
 */

/** A short English learner text with the usual B1 slips and fillers, used when nothing is scripted. */
export const DEFAULT_TRANSCRIPT =
  'Yesterday I go to the market with my friend. Um, we buy some vegetables and, like, a lot of fruits. ' +
  'I am agree that the prices is very high now. Um, after that we go home and I cook dinner for my family. ' +
  'My sister she like the soup very much, you know.'

export interface SegmentStats {
  noSpeechProb: number
  avgLogprob: number
  compressionRatio: number
}

export interface FakeTranscriptOptions {
  /** Words per minute of the speech itself (default 130). */
  wpm?: number
  /** Silence before the first word, seconds (default 0.4). */
  startSec?: number
  /** Extra silence after a word, by 0-based word index: `{ 3: 1200 }` = 1.2 s pause after the 4th word. */
  pauseAfter?: Record<number, number>
  /** Silence between sentences, ms (default 350). */
  sentencePauseMs?: number
  /** Stats for every segment (defaults: clear speech). */
  stats?: Partial<SegmentStats>
  /** Per-segment overrides, by segment index, e.g. `{ 1: { noSpeechProb: 0.9, avgLogprob: -1.4 } }`. */
  segmentStats?: Record<number, Partial<SegmentStats>>
  /** Whisper reports the language by name (default 'english'). */
  language?: string
}

export interface VerboseWord {
  word: string
  start: number
  end: number
}

export interface VerboseSegment {
  id: number
  seek: number
  start: number
  end: number
  text: string
  tokens: number[]
  temperature: number
  avg_logprob: number
  compression_ratio: number
  no_speech_prob: number
}

export interface VerboseTranscription {
  task: 'transcribe'
  language: string
  duration: number
  text: string
  words: VerboseWord[]
  segments: VerboseSegment[]
  usage: { type: 'duration'; seconds: number }
}

const CLEAR_SPEECH: SegmentStats = { noSpeechProb: 0.01, avgLogprob: -0.25, compressionRatio: 1.35 }

/** Turns plain text into a deterministic Whisper-style verbose_json body with plausible timings. */
export function fakeTranscript(text: string, options: FakeTranscriptOptions = {}): VerboseTranscription {
  const slot = 60 / (options.wpm ?? 130)
  const sentencePause = (options.sentencePauseMs ?? 350) / 1000
  let t = options.startSec ?? 0.4
  let index = 0
  const words: VerboseWord[] = []
  const segments: VerboseSegment[] = []
  const sentences = text.match(/[^.!?]+[.!?]*/g)?.map((s) => s.trim()).filter(Boolean) ?? []

  sentences.forEach((sentence, segmentIndex) => {
    const segmentStart = t
    for (const token of sentence.split(/\s+/)) {
      const word = token.replace(/^[^\p{L}\p{N}']+|[^\p{L}\p{N}']+$/gu, '')
      if (!word) continue
      // Longer words take longer; the rest of the slot is the ordinary gap between words (< 250 ms).
      const duration = round(slot * Math.min(1.1, 0.45 + word.length * 0.06))
      words.push({ word, start: round(t), end: round(t + duration) })
      t = round(t + Math.max(duration, slot * 0.8) + slot * 0.2 + (options.pauseAfter?.[index] ?? 0) / 1000)
      index++
    }
    const stats = { ...CLEAR_SPEECH, ...options.stats, ...options.segmentStats?.[segmentIndex] }
    const end = words.length ? words[words.length - 1]!.end : t
    segments.push({
      id: segmentIndex,
      seek: Math.floor(segmentStart * 100),
      start: round(segmentStart),
      end: round(Math.max(end, segmentStart)),
      text: ` ${sentence}`,
      tokens: [],
      temperature: 0,
      avg_logprob: stats.avgLogprob,
      compression_ratio: stats.compressionRatio,
      no_speech_prob: stats.noSpeechProb
    })
    t = round(t + sentencePause)
  })

  const duration = round(t + 0.5)
  return {
    task: 'transcribe',
    language: options.language ?? 'english',
    duration,
    text: sentences.join(' '),
    words,
    segments,
    usage: { type: 'duration', seconds: Math.ceil(duration) }
  }
}

/** What Whisper typically returns for a silent recording: a confident-looking phrase with silence stats. */
export function silentTranscript(text = 'Thanks for watching!'): VerboseTranscription {
  return fakeTranscript(text, { stats: { noSpeechProb: 0.93, avgLogprob: -1.35, compressionRatio: 0.9 } })
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000
}
