import { describe, it, expect } from 'vitest'
import { findQuote, quoteSpans, segment } from '../../../renderer/src/session/transcriptMatch.ts'

const text = 'Yesterday I go to the office, and I talk with my manager.  She say that we need more time.'

describe('findQuote', () => {
  it('finds a quote ignoring case, punctuation and whitespace, as spans of the original text', () => {
    const found = findQuote(text, 'i GO to the office and')!
    expect(text.slice(found.start, found.end)).toBe('I go to the office, and')
    const across = findQuote(text, 'manager she say')!
    expect(text.slice(across.start, across.end)).toBe('manager.  She say')
  })

  it('returns null for text that is not there or has no letters', () => {
    expect(findQuote(text, 'I went to the office')).toBeNull()
    expect(findQuote(text, '...')).toBeNull()
  })

  it('matches letters beyond ASCII', () => {
    const found = findQuote('Ich bin müde, sehr müde.', 'MÜDE sehr')!
    expect(found).toEqual({ start: 8, end: 18 })
  })
})

describe('quoteSpans and segment', () => {
  it('sorts spans, drops overlaps (first found wins) and unknown quotes', () => {
    const spans = quoteSpans(text, [
      { id: 'b', quote: 'she say that' },
      { id: 'a', quote: 'I go to the office' },
      { id: 'overlap', quote: 'say that we need' },
      { id: 'missing', quote: 'not in the text' }
    ])
    expect(spans.map((s) => s.id)).toEqual(['a', 'b'])
  })

  it('splits the text into plain and quote pieces that join back to the original', () => {
    const spans = quoteSpans(text, [{ id: 'a', quote: 'yesterday' }, { id: 'b', quote: 'more time' }])
    const pieces = segment(text, spans)
    expect(pieces.map((p) => p.text).join('')).toBe(text)
    expect(pieces.filter((p) => p.id).map((p) => [p.id, p.text])).toEqual([
      ['a', 'Yesterday'],
      ['b', 'more time']
    ])
    expect(pieces.at(-1)).toEqual({ text: '.', id: null })
  })
})
