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

  it('marks a goal the next judged session gave no verdict on as unchecked', () => {
    const entries = focusHistory([point('a', 1, 'grammar.articles'), point('b', 2, 'fluency.pace')])
    expect(entries[1]).toMatchObject({ sessionId: 'a', verdict: 'unchecked' })
  })

  it('skips a session too short to judge: the goal stays pending past it, then takes the next verdict', () => {
    const tooShort = point('b', 2, null)
    expect(focusHistory([point('a', 1, 'grammar.articles'), tooShort])).toEqual([
      expect.objectContaining({ sessionId: 'a', verdict: 'pending', checkedAt: null })
    ])
    const entries = focusHistory([
      point('a', 1, 'grammar.articles'),
      tooShort,
      point('c', 3, 'fluency.pace', { patternKey: 'grammar.articles', verdict: 'improved', evidence: 'Not found in 120 words.' })
    ])
    expect(entries.map((e) => [e.sessionId, e.verdict])).toEqual([
      ['c', 'pending'],
      ['a', 'improved']
    ])
    expect(entries[1]!.checkedAt).toBe(new Date(Date.UTC(2025, 2, 3)).toISOString())
  })

  it('is empty without goals', () => {
    expect(focusHistory([])).toEqual([])
    expect(focusHistory([point('a', 1, null)])).toEqual([])
  })
})
