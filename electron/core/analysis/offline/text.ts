import type { Example } from '../contract.ts'
import { tokenizeTranscript } from '../metrics.ts'

/** A transcript word: `from`/`to` bound the word itself (no surrounding punctuation) in the transcript. */
export interface Token {
  index: number
  text: string
  norm: string
  from: number
  to: number
  sentence: number
}

export interface Sentence {
  index: number
  tokens: Token[]
}

/** One rule hit: tokens [from, to) should read `replacement`. */
export interface Finding {
  key: string
  from: number
  to: number
  replacement: string
  /** From a rule whose single hit is weak evidence: it counts toward a pattern only when it recurs. */
  weak?: boolean
}

const MIN_QUOTE_WORDS = 3
const MAX_QUOTE_WORDS = 10

/** Tokenizes a transcript into words with offsets and groups them into sentences (. ? ! end one; an ellipsis does not). */
export function tokenize(transcript: string): { tokens: Token[]; sentences: Sentence[] } {
  const tokens: Token[] = []
  const sentences: Sentence[] = []
  let current: Token[] = []
  for (const raw of tokenizeTranscript(transcript)) {
    const lead = raw.text.length - raw.text.replace(/^[^\p{L}\p{N}]+/u, '').length
    const trail = raw.text.length - raw.text.replace(/[^\p{L}\p{N}]+$/u, '').length
    const token: Token = { index: tokens.length, text: raw.text, norm: raw.norm, from: raw.from + lead, to: raw.to - trail, sentence: sentences.length }
    tokens.push(token)
    current.push(token)
    const end = raw.text.replace(/["'\u201d\u2019)\]]+$/, '')
    if (/[.?!]$/.test(end) && !/(\.\.\.|\u2026)$/.test(end)) {
      sentences.push({ index: sentences.length, tokens: current })
      current = []
    }
  }
  if (current.length) sentences.push({ index: sentences.length, tokens: current })
  return { tokens, sentences }
}

/**
 * Verbatim token range [a, b] (inclusive) of the 3-10 word quote around a finding, kept inside its sentence
 * when possible. The window grows over the words the learner meant (`kept`), so a filler inside it is
 * quoted but never counted as one of the quote's words.
 */
export function quoteWindow(tokens: Token[], finding: Finding, after = 2, kept: Token[] = tokens): [number, number] {
  const first = Math.max(0, kept.findIndex((t) => t.index >= finding.from))
  let lastIn = first
  while (lastIn + 1 < kept.length && (kept[lastIn + 1] as Token).index < finding.to) lastIn++
  const sentence = (kept[first] as Token).sentence
  let sentenceStart = first
  while (sentenceStart > 0 && (kept[sentenceStart - 1] as Token).sentence === sentence) sentenceStart--
  let sentenceEnd = lastIn
  while (sentenceEnd + 1 < kept.length && (kept[sentenceEnd + 1] as Token).sentence === sentence) sentenceEnd++
  let a = Math.max(sentenceStart, first - 2)
  let b = Math.max(lastIn, Math.min(sentenceEnd, lastIn + after))
  // A very short sentence borrows words from its neighbours so the quote is recognisable.
  while (b - a + 1 < MIN_QUOTE_WORDS && (a > 0 || b < kept.length - 1)) {
    if (b < kept.length - 1) b++
    else a--
  }
  const verbatim = (): number => (kept[b] as Token).index - (kept[a] as Token).index + 1
  while (verbatim() > MAX_QUOTE_WORDS && (a < first || b > lastIn)) {
    if (first - a > b - lastIn) a++
    else b--
  }
  return [(kept[a] as Token).index, (kept[b] as Token).index]
}

/**
 * A verbatim quote around a finding and the same span corrected as fluent speech: fillers, repeats and
 * restarts inside the quote are left out of the correction, and `alongside` findings that fall inside the
 * quote are corrected too, so a correction never keeps a slip the learner was just shown.
 */
export function exampleFor(transcript: string, tokens: Token[], finding: Finding, alongside: Finding[] = [], after = 2, kept: Token[] = tokens): Example {
  const [a, b] = quoteWindow(tokens, finding, after, kept)
  const fixes = [finding, ...alongside.filter((f) => f !== finding && f.from >= a && f.to - 1 <= b)]
    .sort((x, y) => x.from - y.from)
    .filter((f, i, all) => i === 0 || f.from >= (all[i - 1] as Finding).to)
  const inQuote = kept.filter((t) => t.index >= a && t.index <= b)
  const words: string[] = []
  for (let i = 0; i < inQuote.length; i++) {
    const t = inQuote[i] as Token
    const fix = fixes.find((f) => f.from <= t.index && t.index < f.to)
    if (!fix) {
      words.push(t.text.slice(i === 0 ? t.from - tokenStart(t) : 0, i === inQuote.length - 1 ? t.to - tokenStart(t) : undefined))
      continue
    }
    // The fix replaces every kept word it covers; the punctuation around it stays.
    let j = i
    while (j + 1 < inQuote.length && (inQuote[j + 1] as Token).index < fix.to) j++
    const last = inQuote[j] as Token
    const lead = i === 0 ? '' : t.text.slice(0, t.from - tokenStart(t))
    const trail = j === inQuote.length - 1 ? '' : last.text.slice(last.to - tokenStart(last))
    words.push(`${lead}${matchCase(transcript.slice(t.from, t.to), fix.replacement)}${trail}`)
    i = j
  }
  const quote = transcript.slice((tokens[a] as Token).from, (tokens[b] as Token).to)
  return { quote, correction: words.filter(Boolean).join(' ').replace(/\s{2,}/g, ' ').trim() }
}

/** The original words of tokens [from, to), as written in the transcript. */
export function spanText(transcript: string, tokens: Token[], from: number, to: number): string {
  return transcript.slice((tokens[from] as Token).from, (tokens[to - 1] as Token).to)
}

/** Where the raw token (with its punctuation) starts: `from` bounds the word itself. */
function tokenStart(t: Token): number {
  return t.from - (t.text.length - t.text.replace(/^[^\p{L}\p{N}]+/u, '').length)
}

function matchCase(original: string, replacement: string): string {
  const startsUpper = /^\p{Lu}/u.test(original) && original !== 'I'
  return startsUpper && replacement ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement
}
