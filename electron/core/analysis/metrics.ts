import type { SessionMetrics, TimedWord } from './contract.ts'

/** Thresholds from ../shared/DOMAIN.md ("Deterministic local metrics"). */
export const SILENT_PAUSE_SECONDS = 0.25
export const LONG_PAUSE_SECONDS = 1
export const MATTR_WINDOW = 50
export const MATTR_CONFIDENT_TOKENS = 100

export interface PausedSpan {
  start: number
  end: number
}

/** One filler occurrence: `length` words starting at `index` of the words it was found in. */
export interface FillerHit {
  index: number
  length: number
  type: string
}

/** Computes the session's on-device metrics from timed words; empty input gives zeros, never NaN. */
export function computeMetrics(words: TimedWord[], options: { pausedSpans?: PausedSpan[] } = {}): SessionMetrics {
  const tokens = words.filter((w) => normalizeWord(w.word) !== '')
  if (tokens.length === 0) return emptyMetrics()
  const paused = options.pausedSpans ?? []
  const first = tokens[0] as TimedWord
  const last = tokens[tokens.length - 1] as TimedWord
  const speakingSeconds = Math.max(0, last.end - first.start - pausedWithin(paused, first.start, last.end))
  const perMinute = (count: number): number => (speakingSeconds > 0 ? (count / speakingSeconds) * 60 : 0)

  const pauses: { seconds: number; midClause: boolean }[] = []
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i] as TimedWord
    const b = tokens[i + 1] as TimedWord
    const gap = b.start - a.end - pausedWithin(paused, a.end, b.start)
    // Float subtraction turns 0.25 into 0.2499999…; the epsilon keeps the threshold inclusive.
    if (gap >= SILENT_PAUSE_SECONDS - 1e-9) pauses.push({ seconds: gap, midClause: !endsClause(a.word) })
  }
  const pauseSeconds = pauses.reduce((sum, p) => sum + p.seconds, 0)
  const speechSeconds = Math.max(0, speakingSeconds - pauseSeconds)
  const midClauseCount = pauses.filter((p) => p.midClause).length

  const fillerHits = findFillers(tokens)
  const byType: Record<string, number> = {}
  for (const hit of fillerHits) byType[hit.type] = (byType[hit.type] ?? 0) + 1

  const norms = tokens.map((t) => normalizeWord(t.word))
  const n = tokens.length
  return {
    wordCount: n,
    speakingSeconds: round(speakingSeconds),
    speakingRate: round(perMinute(n)),
    articulationRate: round(speechSeconds > 0 ? (n / speechSeconds) * 60 : 0),
    pauses: {
      count: pauses.length,
      perMinute: round(perMinute(pauses.length)),
      meanMs: pauses.length ? Math.round((pauseSeconds / pauses.length) * 1000) : 0,
      longestMs: Math.round(Math.max(0, ...pauses.map((p) => p.seconds)) * 1000),
      longCount: pauses.filter((p) => p.seconds >= LONG_PAUSE_SECONDS - 1e-9).length,
      midClauseCount,
      midClauseShare: round(pauses.length ? midClauseCount / pauses.length : 0),
      midClausePerMinute: round(perMinute(midClauseCount))
    },
    meanLengthOfRun: round(n / (pauses.length + 1)),
    fillers: {
      total: fillerHits.length,
      perMinute: round(perMinute(fillerHits.length)),
      per100Words: round((fillerHits.length / n) * 100),
      byType
    },
    lexicalDiversity: { mattr: round(mattr(norms)), lowConfidence: n < MATTR_CONFIDENT_TOKENS },
    repetition: repetition(tokens, norms)
  }
}

/** Lower-cases a word and strips surrounding punctuation, keeping inner apostrophes and hyphens. */
export function normalizeWord(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
}

/** The canonical filled pause ("umm" → "um"), or undefined when the word is not one. */
export function filledPause(norm: string): string | undefined {
  if (/^u+h*m+$/.test(norm)) return 'um'
  if (/^u+h+$/.test(norm)) return 'uh'
  if (/^e+r+m+$/.test(norm)) return 'erm'
  if (/^e+r+$/.test(norm)) return 'er'
  if (/^a+h+$/.test(norm)) return 'ah'
  if (/^h+m+$/.test(norm)) return 'hmm'
  if (/^m{2,}$/.test(norm)) return 'mm'
  return undefined
}

const MULTI_WORD_FILLERS = ['you know', 'i mean', 'sort of', 'kind of']
const ALWAYS_FILLERS = new Set(['basically', 'actually'])
const SET_OFF_FILLERS = new Set(['like', 'so'])
const DETERMINERS = new Set(['a', 'the', 'what', 'this', 'that', 'which', 'any', 'some', 'every', 'no', 'one', 'same', 'different', 'other', 'another'])
// "do you know", "what I mean" and "a kind of" are ordinary grammar, not fillers.
const NOT_AFTER: Record<string, Set<string>> = {
  'you know': new Set(['do', 'did', 'does', "don't", "didn't", 'if', 'would', 'could', 'will', 'to']),
  'i mean': new Set(['what', 'do', 'did']),
  'sort of': DETERMINERS,
  'kind of': DETERMINERS
}

/** Finds filled pauses and discourse fillers, multi-word ones first; "like"/"so" only when set off by a comma or pause. */
export function findFillers(words: TimedWord[]): FillerHit[] {
  const norms = words.map((w) => normalizeWord(w.word))
  const hits: FillerHit[] = []
  for (let i = 0; i < words.length; i++) {
    const norm = norms[i] ?? ''
    if (norm === '') continue
    const pair = `${norm} ${norms[i + 1] ?? ''}`
    if (MULTI_WORD_FILLERS.includes(pair) && !NOT_AFTER[pair]?.has(norms[i - 1] ?? '')) {
      hits.push({ index: i, length: 2, type: pair })
      i++
      continue
    }
    const type = filledPause(norm) ?? (ALWAYS_FILLERS.has(norm) ? norm : undefined)
    if (type) hits.push({ index: i, length: 1, type })
    else if (SET_OFF_FILLERS.has(norm) && isSetOff(words, i)) hits.push({ index: i, length: 1, type: norm })
  }
  return hits
}

/** Re-attaches the transcript's punctuation to timed words (Whisper's word timings carry none), keeping their times. */
export function punctuateWords(words: TimedWord[], transcript: string): TimedWord[] {
  if (words.length === 0) return []
  return alignTimings(tokenizeTranscript(transcript), words)
}

/** A whitespace-delimited chunk of a transcript with its character offsets. */
export interface TranscriptToken {
  text: string
  norm: string
  from: number
  to: number
}

/** Splits a transcript into whitespace-delimited tokens with offsets, skipping punctuation-only chunks. */
export function tokenizeTranscript(transcript: string): TranscriptToken[] {
  const tokens: TranscriptToken[] = []
  for (const m of transcript.matchAll(/\S+/g)) {
    const norm = normalizeWord(m[0])
    if (norm !== '') tokens.push({ text: m[0], norm, from: m.index, to: m.index + m[0].length })
  }
  return tokens
}

/**
 * One timed word per transcript token: times come from the matching timed word (small look-ahead for
 * words the two disagree on); an unmatched token takes a zero-length slot at the previous word's end
 * so a real pause next to it is neither lost nor invented.
 */
export function alignTimings(tokens: TranscriptToken[], words: TimedWord[]): TimedWord[] {
  const keys = words.map((w) => alignKey(normalizeWord(w.word)))
  const out: TimedWord[] = []
  let j = 0
  for (const token of tokens) {
    const key = alignKey(token.norm)
    let match = -1
    for (let k = j; k < Math.min(keys.length, j + 5); k++) {
      if (keys[k] === key) {
        match = k
        break
      }
    }
    if (match >= 0) {
      const w = words[match] as TimedWord
      out.push({ word: token.text, start: w.start, end: w.end })
      j = match + 1
    } else {
      const t = out.length ? (out[out.length - 1] as TimedWord).end : (words[j]?.start ?? words[words.length - 1]?.end ?? 0)
      out.push({ word: token.text, start: t, end: t })
    }
  }
  return out
}

/** Evenly spaced timings for text without audio: no gap reaches a silent pause, so no pause is claimed. */
export function syntheticTimings(tokens: TranscriptToken[], wordsPerMinute = 130): TimedWord[] {
  const slot = 60 / wordsPerMinute
  return tokens.map((t, i) => ({ word: t.text, start: round(i * slot, 4), end: round(i * slot + slot * 0.85, 4) }))
}

function alignKey(norm: string): string {
  return norm.replace(/[^\p{L}\p{N}]/gu, '')
}

function isSetOff(words: TimedWord[], i: number): boolean {
  const w = words[i] as TimedWord
  const prev = words[i - 1]
  const next = words[i + 1]
  if (/,\s*$/.test(w.word) || (prev && /,\s*$/.test(prev.word))) return true
  if (prev && w.start - prev.end >= SILENT_PAUSE_SECONDS - 1e-9) return true
  return next !== undefined && next.start - w.end >= SILENT_PAUSE_SECONDS - 1e-9
}

/** True when a word ends a sentence or clause (. , ; : ? !); an ellipsis is Whisper's mark of hesitation, so it does not. */
export function endsClause(raw: string): boolean {
  const trimmed = raw.trim().replace(/["'\u201d\u2019)\]]+$/, '')
  if (/(\.\.\.|\u2026)$/.test(trimmed)) return false
  return /[.,;:?!]$/.test(trimmed)
}

function pausedWithin(spans: PausedSpan[], from: number, to: number): number {
  let total = 0
  for (const s of spans) total += Math.max(0, Math.min(to, s.end) - Math.max(from, s.start))
  return total
}

function mattr(norms: string[]): number {
  if (norms.length === 0) return 0
  // Under one window MATTR is undefined; plain TTR is the honest fallback and is flagged low-confidence.
  if (norms.length < MATTR_WINDOW) return new Set(norms).size / norms.length
  const counts = new Map<string, number>()
  for (const w of norms.slice(0, MATTR_WINDOW)) counts.set(w, (counts.get(w) ?? 0) + 1)
  let sum = counts.size / MATTR_WINDOW
  for (let i = MATTR_WINDOW; i < norms.length; i++) {
    const out = norms[i - MATTR_WINDOW] as string
    const left = (counts.get(out) ?? 0) - 1
    if (left === 0) counts.delete(out)
    else counts.set(out, left)
    const inn = norms[i] as string
    counts.set(inn, (counts.get(inn) ?? 0) + 1)
    sum += counts.size / MATTR_WINDOW
  }
  return sum / (norms.length - MATTR_WINDOW + 1)
}

// Doubles that are grammatical ("had had", "that that") or emphatic ("no, no") are not disfluent repeats.
const LEGIT_DOUBLES = new Set(['had', 'that', 'no', 'yes', 'very', 'really', 'so', 'bye', 'ha'])

function repetition(tokens: TimedWord[], norms: string[]): SessionMetrics['repetition'] {
  let immediateRepeats = 0
  const examples: string[] = []
  for (let i = 1; i < norms.length; i++) {
    const norm = norms[i] as string
    if (norm !== norms[i - 1] || LEGIT_DOUBLES.has(norm) || filledPause(norm)) continue
    immediateRepeats++
    const example = `${core(tokens[i - 1] as TimedWord)} ${core(tokens[i] as TimedWord)}`
    if (examples.length < 5 && !examples.some((e) => e.toLowerCase() === example.toLowerCase())) examples.push(example)
  }
  return { immediateRepeats, examples, topPhrases: topPhrases(tokens, norms) }
}

function topPhrases(tokens: TimedWord[], norms: string[]): { phrase: string; count: number }[] {
  const counts = new Map<string, { count: number; first: number; n: number }>()
  for (let n = 2; n <= 3; n++) {
    for (let i = 0; i + n <= norms.length; i++) {
      const gram = norms.slice(i, i + n)
      // Phrases do not run across a sentence end, and filled pauses are counted as fillers instead.
      if (tokens.slice(i, i + n - 1).some((t) => /[.?!]["'\u201d)]*$/.test(t.word.trim()))) continue
      if (gram.some((g) => filledPause(g))) continue
      const phrase = gram.join(' ')
      const entry = counts.get(phrase)
      if (entry) entry.count++
      else counts.set(phrase, { count: 1, first: i, n })
    }
  }
  const repeated = [...counts.entries()].filter(([, e]) => e.count >= 2)
  const kept = repeated.filter(
    ([phrase, e]) => !(e.n === 2 && repeated.some(([p3, e3]) => e3.n === 3 && e3.count === e.count && ` ${p3} `.includes(` ${phrase} `)))
  )
  kept.sort(([, a], [, b]) => b.count - a.count || b.n - a.n || a.first - b.first)
  return kept.slice(0, 5).map(([phrase, e]) => ({ phrase, count: e.count }))
}

function core(word: TimedWord): string {
  return word.word.trim().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits
  return Number.isFinite(value) ? Math.round(value * f) / f : 0
}

function emptyMetrics(): SessionMetrics {
  return {
    wordCount: 0,
    speakingSeconds: 0,
    speakingRate: 0,
    articulationRate: 0,
    pauses: { count: 0, perMinute: 0, meanMs: 0, longestMs: 0, longCount: 0, midClauseCount: 0, midClauseShare: 0, midClausePerMinute: 0 },
    meanLengthOfRun: 0,
    fillers: { total: 0, perMinute: 0, per100Words: 0, byType: {} },
    lexicalDiversity: { mattr: 0, lowConfidence: true },
    repetition: { immediateRepeats: 0, examples: [], topPhrases: [] }
  }
}
