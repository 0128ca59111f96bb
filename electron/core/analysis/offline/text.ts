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

/** Token range [a, b] (inclusive) of the 3-10 word quote around a finding, kept inside its sentence when possible. */
export function quoteWindow(tokens: Token[], finding: Finding, after = 2): [number, number] {
  const sentence = (tokens[finding.from] as Token).sentence
  const inSentence = tokens.filter((t) => t.sentence === sentence)
  const sentenceStart = inSentence[0]?.index ?? finding.from
  const sentenceEnd = inSentence[inSentence.length - 1]?.index ?? finding.to - 1
  let a = Math.max(sentenceStart, finding.from - 2)
  let b = Math.max(finding.to - 1, Math.min(sentenceEnd, finding.to - 1 + after))
  // A very short sentence borrows words from its neighbours so the quote is recognisable.
  while (b - a + 1 < MIN_QUOTE_WORDS && (a > 0 || b < tokens.length - 1)) {
    if (b < tokens.length - 1) b++
    else a--
  }
  while (b - a + 1 > MAX_QUOTE_WORDS && (a < finding.from || b > finding.to - 1)) {
    if (finding.from - a > b - (finding.to - 1)) a++
    else b--
  }
  return [a, b]
}

/**
 * A verbatim quote around a finding and the same span corrected; `alongside` findings that fall inside
 * the quote are corrected too, so a correction never keeps a slip the learner was just shown.
 */
export function exampleFor(transcript: string, tokens: Token[], finding: Finding, alongside: Finding[] = [], after = 2): Example {
  const [a, b] = quoteWindow(tokens, finding, after)
  const fixes = [finding, ...alongside.filter((f) => f !== finding && f.from >= a && f.to - 1 <= b)]
    .sort((x, y) => x.from - y.from)
    .filter((f, i, all) => i === 0 || f.from >= (all[i - 1] as Finding).to)
  let correction = ''
  let cursor = (tokens[a] as Token).from
  for (const f of fixes) {
    const first = tokens[f.from] as Token
    correction += transcript.slice(cursor, first.from) + matchCase(transcript.slice(first.from, first.to), f.replacement)
    cursor = (tokens[f.to - 1] as Token).to
  }
  correction += transcript.slice(cursor, (tokens[b] as Token).to)
  const quote = transcript.slice((tokens[a] as Token).from, (tokens[b] as Token).to)
  return { quote, correction: correction.replace(/\s{2,}/g, ' ').trim() }
}

/** The original words of tokens [from, to), as written in the transcript. */
export function spanText(transcript: string, tokens: Token[], from: number, to: number): string {
  return transcript.slice((tokens[from] as Token).from, (tokens[to - 1] as Token).to)
}

function matchCase(original: string, replacement: string): string {
  const startsUpper = /^\p{Lu}/u.test(original) && original !== 'I'
  return startsUpper && replacement ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement
}
