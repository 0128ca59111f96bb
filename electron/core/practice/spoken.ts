import type { TimedWord } from '../analysis/contract.ts'
import { endsClause, findFillers, syntheticTimings, tokenizeTranscript } from '../analysis/metrics.ts'
import { normalizeForMatch } from '../analysis/verify.ts'

/** Why a spoken word is left out of the words that are judged. */
export type Ignored = 'filler' | 'restart'

/** One spoken word: as written, its comparison key, and whether the fluent view drops it. */
export interface SpokenWord {
  text: string
  /** normalizeForMatch of the word ("Didn't," → "didnt"); a word with inner punctuation may give several keys. */
  keys: string[]
  ignored: Ignored | null
}

/** How far back a restart may reach: "we went to the, we go to" drops at most this many words. */
const MAX_REPARANDUM = 5

/**
 * The learner's words with disfluencies marked, in the order of DOMAIN.md's cascade: filled pauses and
 * discourse fillers (the analysis metrics' own detection), cut-off words ("go-"), restarts ("I go- I
 * went", "we went to, we go to": the words before a break that the next words start over) and
 * immediate repeats ("I I"). What is left is the fluent view the judge compares.
 */
export function spokenWords(text: string, timed?: TimedWord[]): SpokenWord[] {
  const words = timed && timed.length > 0 ? timed : syntheticTimings(tokenizeTranscript(text))
  const out: SpokenWord[] = words.map((w) => ({ text: w.word.trim(), keys: keysOf(w.word), ignored: null }))
  for (const hit of findFillers(words)) {
    for (let k = hit.index; k < hit.index + hit.length; k++) if (out[k]) out[k]!.ignored = 'filler'
  }
  for (let i = 0; i < out.length; i++) {
    const word = out[i]!
    if (word.ignored || word.keys.length === 0) continue
    if (/[-\u2013\u2014]$/.test(word.text)) word.ignored = 'restart'
    // A cut-off or trailing off is a strong break; a comma is one only where the words before it
    // started a clause ("we went to, we go to"), never inside one ("after I came home, I cooked").
    const strong = /([-\u2013\u2014]|\.\.\.|\u2026)$/.test(word.text)
    if (!strong && !/[,;]$/.test(word.text)) continue
    const next = nextFluent(out, i + 1)
    if (next < 0) continue
    const first = out[next]!.keys[0]
    // The longest reparandum within reach that the repair starts over: its first word comes back.
    for (let s = Math.max(0, i - MAX_REPARANDUM + 1); s <= i; s++) {
      if (out[s]!.ignored || out[s]!.keys[0] !== first) continue
      if (!strong && !startsClause(out, s)) continue
      for (let k = s; k <= i; k++) if (!out[k]!.ignored) out[k]!.ignored = 'restart'
      break
    }
  }
  let previous = -1
  for (let i = 0; i < out.length; i++) {
    if (out[i]!.ignored || out[i]!.keys.length === 0) continue
    if (previous >= 0 && out[previous]!.keys.join(' ') === out[i]!.keys.join(' ')) out[previous]!.ignored = 'restart'
    previous = i
  }
  return out
}

/** The comparison keys of the words the judge hears, in order. */
export function fluentKeys(words: SpokenWord[]): string[] {
  return words.flatMap((w) => (w.ignored ? [] : w.keys))
}

/** Where `needle` occurs as a run of consecutive keys in `haystack`; -1 when it does not. */
export function findRun(haystack: readonly string[], needle: readonly string[], from = 0): number {
  if (needle.length === 0) return -1
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer
    return i
  }
  return -1
}

/** One difference between two word sequences: `a[aFrom, aTo)` was replaced by `b[bFrom, bTo)`. */
export interface Hunk {
  aFrom: number
  aTo: number
  bFrom: number
  bTo: number
}

/** The word-level differences between `a` and `b` (longest common subsequence), in order. */
export function diffWords(a: readonly string[], b: readonly string[]): Hunk[] {
  const n = a.length
  const m = b.length
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  }
  const hunks: Hunk[] = []
  let i = 0
  let j = 0
  let open: Hunk | null = null
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      if (open) hunks.push(open)
      open = null
      i++
      j++
      continue
    }
    open ??= { aFrom: i, aTo: i, bFrom: j, bTo: j }
    if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) open.bTo = ++j
    else open.aTo = ++i
  }
  if (open) hunks.push(open)
  return hunks
}

function keysOf(word: string): string[] {
  const key = normalizeForMatch(word)
  return key === '' ? [] : key.split(' ')
}

function startsClause(words: SpokenWord[], index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    if (words[i]!.ignored || words[i]!.keys.length === 0) continue
    return endsClause(words[i]!.text)
  }
  return true
}

function nextFluent(words: SpokenWord[], from: number): number {
  for (let i = from; i < words.length; i++) if (!words[i]!.ignored && words[i]!.keys.length > 0) return i
  return -1
}
