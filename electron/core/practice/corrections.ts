import { normalizeForMatch } from '../analysis/verify.ts'
import { syntheticTimings, tokenizeTranscript, type TranscriptToken } from '../analysis/metrics.ts'
import { diffWords, spokenWords } from './spoken.ts'

/** A verified example: a verbatim span of the transcript and its correction. */
export interface Example {
  quote: string
  correction: string
}

/** A piece of text with corrections applied: unchanged text, or a changed run with what it replaced. */
export interface CorrectedPart {
  text: string
  /** The learner's words this part replaced; absent for unchanged text. "" for an insertion. */
  original?: string
}

/** Where an example's quote sits in the transcript: character offsets of its words, punctuation around them kept out. */
interface Placement {
  from: number
  to: number
  example: Example
}

/**
 * The transcript with every verified correction applied, as parts; changed words carry the
 * words they replaced. Only the given examples are applied, each at the first place its quote
 * occurs that no earlier example took (overlapping ones are skipped): nothing is invented.
 */
export function applyCorrections(transcript: string, examples: readonly Example[]): CorrectedPart[] {
  const tokens = tokenizeTranscript(transcript)
  return corrected(transcript, tokens, matchKeys(tokens), examples)
}

/** The plain text of corrected parts. */
export function partsText(parts: readonly CorrectedPart[]): string {
  return parts.map((p) => p.text).join('').replace(/ {2,}/g, ' ').replace(/ ([,.;:?!])/g, '$1')
}

/**
 * The sentence of `transcript` that holds `example`'s quote, with that correction and every other
 * verified correction inside the sentence applied, so the learner is never asked to say another
 * slip of theirs. Null when the quote is not found.
 */
export function correctedSentence(transcript: string, example: Example, others: readonly Example[]): string | null {
  return sentenceCorrector(transcript, others)(example)
}

/**
 * `correctedSentence` for many examples of one transcript: the transcript is tokenized and its
 * words and the other quotes normalised once, not once per example (a session's drills ask for
 * every example's sentence inside the analysis commit).
 */
export function sentenceCorrector(transcript: string, others: readonly Example[]): (example: Example) => string | null {
  const tokens = tokenizeTranscript(transcript)
  const keys = matchKeys(tokens)
  const otherQuotes = others.map((o) => normalizeForMatch(o.quote))
  return (example) => {
    const place = locate(tokens, keys, example, [])
    if (!place) return null
    let first = tokens.findIndex((t) => t.to > place.from)
    let last = first
    while (last + 1 < tokens.length && tokens[last]!.to < place.to) last++
    while (first > 0 && !endsSentence(tokens[first - 1]!.text)) first--
    while (last + 1 < tokens.length && !endsSentence(tokens[last]!.text)) last++
    const from = tokens[first]!.from
    const sentence = transcript.slice(from, tokens[last]!.to)
    const normalized = normalizeForMatch(sentence)
    const inside = others.filter((o, i) => o !== example && normalized.includes(otherQuotes[i]!))
    // The sentence runs from a token's start to a token's end, so its tokens are the transcript's, shifted.
    const sentenceTokens = tokens.slice(first, last + 1).map((t) => ({ ...t, from: t.from - from, to: t.to - from }))
    const parts = corrected(sentence, sentenceTokens, keys.slice(first, last + 1), [example, ...inside])
    return fluentSentence(partsText(parts))
  }
}

/**
 * The sentence as a learner should say it: fillers and restarts left out (the judge ignores them
 * anyway), a comma that only set off a filler removed, sentence-final punctuation kept.
 */
export function fluentSentence(sentence: string): string {
  const tokens = tokenizeTranscript(sentence)
  // The same words spokenWords would tokenize again.
  const spoken = spokenWords(sentence, syntheticTimings(tokens))
  const kept: string[] = []
  tokens.forEach((token, i) => {
    if (!spoken[i]?.ignored) {
      kept.push(token.text)
      return
    }
    const end = /[.?!]+["')\u201d\u2019]*$/.exec(token.text)?.[0]
    const previous = kept.length - 1
    if (previous < 0) return
    if (end) kept[previous] = kept[previous]!.replace(/[,;]$/, '') + end
    else if (/,$/.test(token.text) && /,$/.test(kept[previous]!)) kept[previous] = kept[previous]!.slice(0, -1)
  })
  const text = kept.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** `text` with the given examples applied, from its tokens and their match keys. */
function corrected(text: string, tokens: TranscriptToken[], keys: string[], examples: readonly Example[]): CorrectedPart[] {
  const placed: Placement[] = []
  for (const example of examples) {
    const place = locate(tokens, keys, example, placed)
    if (place) placed.push(place)
  }
  placed.sort((x, y) => x.from - y.from)
  const parts: CorrectedPart[] = []
  let at = 0
  for (const place of placed) {
    pushText(parts, text.slice(at, place.from))
    for (const part of changedWords(text.slice(place.from, place.to), place.example.correction)) {
      if (part.original === undefined) pushText(parts, part.text)
      else parts.push(part)
    }
    at = place.to
  }
  pushText(parts, text.slice(at))
  return parts
}

function matchKeys(tokens: TranscriptToken[]): string[] {
  return tokens.map((t) => normalizeForMatch(t.text))
}

function endsSentence(text: string): boolean {
  return /[.?!]["')\u201d\u2019]*$/.test(text) && !/(\.\.\.|\u2026)$/.test(text)
}

function locate(tokens: TranscriptToken[], keys: string[], example: Example, taken: Placement[]): Placement | null {
  const needle = normalizeForMatch(example.quote)
  if (needle === '') return null
  for (let i = 0; i < tokens.length; i++) {
    let joined = ''
    for (let j = i; j < tokens.length && joined.length < needle.length; j++) {
      joined = joined === '' ? keys[j]! : `${joined} ${keys[j]!}`
      if (joined !== needle) continue
      const from = tokens[i]!.from + leading(tokens[i]!.text)
      const to = tokens[j]!.to - trailing(tokens[j]!.text)
      if (taken.some((p) => p.from < to && from < p.to)) break
      return { from, to, example }
    }
  }
  return null
}

/** The correction split into unchanged words and changed runs, against the span it replaces. */
function changedWords(span: string, correction: string): CorrectedPart[] {
  const a = span.split(/\s+/).filter(Boolean)
  const b = correction.trim().split(/\s+/).filter(Boolean)
  const parts: CorrectedPart[] = []
  let j = 0
  const hunks = diffWords(
    a.map((w) => normalizeForMatch(w)),
    b.map((w) => normalizeForMatch(w))
  )
  const join = (words: string[]) => words.join(' ')
  for (const hunk of hunks) {
    if (hunk.bFrom > j) parts.push({ text: `${join(b.slice(j, hunk.bFrom))} ` })
    parts.push({ text: join(b.slice(hunk.bFrom, hunk.bTo)), original: join(a.slice(hunk.aFrom, hunk.aTo)) })
    parts.push({ text: ' ' })
    j = hunk.bTo
  }
  if (j < b.length) parts.push({ text: join(b.slice(j)) })
  else if (parts.at(-1)?.text === ' ') parts.pop()
  return parts
}

function pushText(parts: CorrectedPart[], text: string): void {
  if (text === '') return
  const last = parts.at(-1)
  if (last && last.original === undefined) last.text += text
  else parts.push({ text })
}

function leading(text: string): number {
  return text.length - text.replace(/^[^\p{L}\p{N}]+/u, '').length
}

function trailing(text: string): number {
  return text.length - text.replace(/[^\p{L}\p{N}]+$/u, '').length
}
