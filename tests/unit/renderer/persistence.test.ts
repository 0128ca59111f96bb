import { describe, it, expect } from 'vitest'
import type { PatternStatView } from '../../../electron/shared/contract.ts'
import { persistenceOf, rankPatterns } from '../../../renderer/src/progress/persistence.ts'

const day = (d: number) => new Date(Date.UTC(2025, 2, d, 12)).toISOString()

function pattern(key: string, sessions: number, lastSeenDay: number, occurrences = sessions): PatternStatView {
  return { patternKey: key, category: key.split('.')[0]!, label: key, occurrences, sessions, firstSeenAt: day(1), lastSeenAt: day(lastSeenDay), trend: [] }
}

// Finished sessions on days 1..6.
const sessions = [1, 2, 3, 4, 5, 6].map(day)

describe('persistenceOf', () => {
  it('calls a pattern persistent when it was in 3+ sessions and one of the latest 3', () => {
    expect(persistenceOf(pattern('grammar.articles', 3, 4), sessions)).toBe('persistent')
    expect(persistenceOf(pattern('grammar.articles', 5, 6), sessions)).toBe('persistent')
  })

  it('calls a pattern fading when it was in fewer than 3 sessions, however recent', () => {
    expect(persistenceOf(pattern('grammar.articles', 2, 6), sessions)).toBe('fading')
  })

  it('calls a pattern fading when it was not seen in the latest 3 sessions', () => {
    expect(persistenceOf(pattern('grammar.articles', 4, 3), sessions)).toBe('fading')
  })

  it('does not depend on the order of the session dates', () => {
    expect(persistenceOf(pattern('grammar.articles', 3, 4), [...sessions].reverse())).toBe('persistent')
  })

  it('treats every session as recent when there are fewer than 3', () => {
    expect(persistenceOf(pattern('grammar.articles', 3, 1), [day(1), day(2)])).toBe('persistent')
    expect(persistenceOf(pattern('grammar.articles', 3, 1), [])).toBe('persistent')
  })
})

describe('rankPatterns', () => {
  it('puts persistent patterns first, then more sessions, then more occurrences', () => {
    const ranked = rankPatterns(
      [pattern('a.fading-many', 8, 2), pattern('b.persistent', 3, 6, 3), pattern('c.persistent-more', 4, 5, 2), pattern('d.persistent-more-occ', 4, 5, 9)],
      sessions
    )
    expect(ranked.map((r) => [r.pattern.patternKey, r.persistence])).toEqual([
      ['d.persistent-more-occ', 'persistent'],
      ['c.persistent-more', 'persistent'],
      ['b.persistent', 'persistent'],
      ['a.fading-many', 'fading']
    ])
  })
})
