import { describe, it, expect } from 'vitest'
import { focusHistory } from '../../../renderer/src/progress/focusHistory.ts'

type Point = Parameters<typeof focusHistory>[0][number]

function point(id: string, day: number, focusKey: string | null, previous: Point['previousFocus'] = null): Point {
  return {
    id,
    createdAt: new Date(Date.UTC(2025, 2, day)).toISOString(),
    focusNext: focusKey ? { patternKey: focusKey, goal: `Work on ${focusKey}` } : null,
    previousFocus: previous
  }
}

describe('focusHistory', () => {
  it('pairs the goal of each session with the verdict of the next one, newest first', () => {
    const entries = focusHistory([
      point('a', 1, 'grammar.past-tense'),
      point('b', 2, 'vocabulary.filler-words', { patternKey: 'grammar.past-tense', verdict: 'improved', evidence: 'Two slips instead of six.' }),
      point('c', 3, 'fluency.pace', { patternKey: 'vocabulary.filler-words', verdict: 'worse', evidence: '' })
    ])
    expect(entries.map((e) => [e.sessionId, e.patternKey, e.verdict])).toEqual([
      ['c', 'fluency.pace', 'pending'],
      ['b', 'vocabulary.filler-words', 'worse'],
      ['a', 'grammar.past-tense', 'improved']
    ])
    expect(entries[2]).toMatchObject({ goal: 'Work on grammar.past-tense', evidence: 'Two slips instead of six.', checkedAt: new Date(Date.UTC(2025, 2, 2)).toISOString() })
    // An empty evidence string is no evidence.
    expect(entries[1]!.evidence).toBeNull()
    expect(entries[0]!.checkedAt).toBeNull()
  })

  it('marks a goal the next session gave no verdict on as unchecked', () => {
    const entries = focusHistory([point('a', 1, 'grammar.articles'), point('b', 2, null)])
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ sessionId: 'a', verdict: 'unchecked' })
  })

  it('is empty without goals', () => {
    expect(focusHistory([])).toEqual([])
    expect(focusHistory([point('a', 1, null)])).toEqual([])
  })
})
