/**
 * Finds quotes in the transcript the way the analysis checks them: case, punctuation and
 * whitespace insensitive. Returns spans in the original text so they can be highlighted.
 */

export interface Span {
  start: number
  end: number
  id: string
}

export function findQuote(text: string, quote: string): { start: number; end: number } | null {
  const target = normalize(quote).chars
  if (!target) return null
  const { chars, map } = normalize(text)
  const at = chars.indexOf(target)
  if (at < 0) return null
  return { start: map[at]!, end: map[at + target.length - 1]! + 1 }
}

/** Spans for many quotes, sorted, with overlaps dropped (the first found wins). */
export function quoteSpans(text: string, quotes: { id: string; quote: string }[]): Span[] {
  const spans: Span[] = []
  for (const q of quotes) {
    const found = findQuote(text, q.quote)
    if (found && !spans.some((s) => found.start < s.end && s.start < found.end)) spans.push({ ...found, id: q.id })
  }
  return spans.sort((a, b) => a.start - b.start)
}

/** Splits text into plain pieces and quote pieces, in order. */
export function segment(text: string, spans: Span[]): { text: string; id: string | null }[] {
  const pieces: { text: string; id: string | null }[] = []
  let cursor = 0
  for (const span of spans) {
    if (span.start > cursor) pieces.push({ text: text.slice(cursor, span.start), id: null })
    pieces.push({ text: text.slice(span.start, span.end), id: span.id })
    cursor = span.end
  }
  if (cursor < text.length) pieces.push({ text: text.slice(cursor), id: null })
  return pieces
}

function normalize(text: string): { chars: string; map: number[] } {
  let chars = ''
  const map: number[] = []
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (/[\p{L}\p{N}]/u.test(ch)) {
      chars += ch.toLowerCase()
      map.push(i)
    }
  }
  return { chars, map }
}
