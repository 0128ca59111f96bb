import { describe, it, expect } from 'vitest'
import { chooseFocus, judgePreviousFocus, overrideWithMetrics } from '../../../electron/core/analysis/closedLoop.ts'
import { computeMetrics } from '../../../electron/core/analysis/metrics.ts'
import type { Insight, PreviousFocus, SessionMetrics } from '../../../electron/core/analysis/contract.ts'

/** Metrics of a 120-word, 90-second session with the given overrides. */
function metrics(over: { fillersPerMinute?: number; fillersPer100?: number; midPerMinute?: number; rate?: number; words?: number; seconds?: number } = {}): SessionMetrics {
  const m = computeMetrics([])
  m.wordCount = over.words ?? 120
  m.speakingSeconds = over.seconds ?? 90
  m.speakingRate = over.rate ?? 130
  m.fillers.perMinute = over.fillersPerMinute ?? 0
  m.fillers.per100Words = over.fillersPer100 ?? 0
  m.pauses.midClausePerMinute = over.midPerMinute ?? 0
  return m
}

const fillersFocus = { patternKey: 'vocabulary.filler-words', goal: 'Keep fillers under 3 per minute' }

function insight(patternKey: string, severity: Insight['severity'] = 'medium', frequency = 2): Insight {
  return { category: 'grammar', patternKey, pattern: patternKey, detail: '', frequency, severity, examples: [{ quote: 'q', correction: 'c' }], suggestion: '' }
}

describe('judgePreviousFocus', () => {
  it('returns null when there was no previous focus', () => {
    expect(judgePreviousFocus(null, metrics(), metrics(), [])).toBeNull()
  })

  it('calls fewer fillers per minute an improvement and quotes both numbers', () => {
    const verdict = judgePreviousFocus(fillersFocus, metrics({ fillersPerMinute: 3.1 }), metrics({ fillersPerMinute: 7.2 }), [])
    expect(verdict).toEqual({ patternKey: 'vocabulary.filler-words', verdict: 'improved', evidence: 'Fillers fell from 7.2 to 3.1 per minute.' })
  })

  it('calls a change within 15% the same and a larger rise worse', () => {
    expect(judgePreviousFocus(fillersFocus, metrics({ fillersPerMinute: 4.5 }), metrics({ fillersPerMinute: 4.0 }), [])?.verdict).toBe('same')
    expect(judgePreviousFocus(fillersFocus, metrics({ fillersPerMinute: 6 }), metrics({ fillersPerMinute: 4.0 }), [])?.verdict).toBe('worse')
  })

  it('judges mid-clause pauses per minute', () => {
    const focus = { patternKey: 'mid-clause-pauses', goal: 'g' }
    const verdict = judgePreviousFocus(focus, metrics({ midPerMinute: 2 }), metrics({ midPerMinute: 5 }), [])
    expect(verdict).toEqual({ patternKey: 'fluency.mid-clause-pauses', verdict: 'improved', evidence: 'Mid-clause pauses fell from 5.0 to 2.0 per minute.' })
  })

  it('judges pace by the distance to the 110-150 band', () => {
    const focus = { patternKey: 'fluency.pace', goal: 'g' }
    expect(judgePreviousFocus(focus, metrics({ rate: 120 }), metrics({ rate: 92 }), [])?.verdict).toBe('improved')
    expect(judgePreviousFocus(focus, metrics({ rate: 175 }), metrics({ rate: 140 }), [])?.verdict).toBe('worse')
    expect(judgePreviousFocus(focus, metrics({ rate: 145 }), metrics({ rate: 115 }), [])?.verdict).toBe('same')
  })

  it('has not enough evidence under 60 seconds or under 50 words', () => {
    expect(judgePreviousFocus(fillersFocus, metrics({ seconds: 45 }), metrics({ fillersPerMinute: 7 }), [])?.verdict).toBe('not-enough-evidence')
    expect(judgePreviousFocus(fillersFocus, metrics({ words: 40 }), metrics({ fillersPerMinute: 7 }), [])?.verdict).toBe('not-enough-evidence')
  })

  it('has not enough evidence for a measurable goal without earlier metrics', () => {
    expect(judgePreviousFocus(fillersFocus, metrics(), null, [])?.verdict).toBe('not-enough-evidence')
  })

  it('does not judge pauses or pace from synthetic timings but judges fillers per 100 words', () => {
    const pace = judgePreviousFocus({ patternKey: 'fluency.pace', goal: 'g' }, metrics({ rate: 130 }), metrics({ rate: 90 }), [], { syntheticTimings: true })
    expect(pace?.verdict).toBe('not-enough-evidence')
    const fillers = judgePreviousFocus(fillersFocus, metrics({ fillersPer100: 2, seconds: 10 }), metrics({ fillersPer100: 6 }), [], { syntheticTimings: true })
    expect(fillers).toMatchObject({ verdict: 'improved', evidence: 'Fillers fell from 6.0 to 2.0 per 100 words.' })
  })

  it('calls a grammar focus improved when the pattern is absent from enough words, same when still present', () => {
    const focus = { patternKey: 'grammar.past-tense', goal: 'g' }
    expect(judgePreviousFocus(focus, metrics(), null, [{ patternKey: 'grammar.articles', frequency: 3 }])?.verdict).toBe('improved')
    const still = judgePreviousFocus(focus, metrics(), null, [{ patternKey: 'past-tense', frequency: 3 }])
    expect(still).toMatchObject({ verdict: 'same', evidence: 'Still found 3 times in 120 words this session.' })
    expect(judgePreviousFocus(focus, metrics({ words: 30 }), null, [])?.verdict).toBe('not-enough-evidence')
  })
})

describe('overrideWithMetrics', () => {
  const model: PreviousFocus = { patternKey: 'vocabulary.filler-words', verdict: 'improved', evidence: 'model says so' }

  it('lets the local verdict win for a measurable goal', () => {
    const local: PreviousFocus = { patternKey: 'vocabulary.filler-words', verdict: 'worse', evidence: 'Fillers rose from 2.0 to 5.0 per minute.' }
    expect(overrideWithMetrics(model, local)).toBe(local)
  })

  it('keeps the model verdict for a grammar goal and falls back to the local one without it', () => {
    const modelGrammar: PreviousFocus = { patternKey: 'grammar.past-tense', verdict: 'improved', evidence: 'm' }
    const local: PreviousFocus = { patternKey: 'grammar.past-tense', verdict: 'same', evidence: 'l' }
    expect(overrideWithMetrics(modelGrammar, local)).toBe(modelGrammar)
    expect(overrideWithMetrics(null, local)).toBe(local)
    expect(overrideWithMetrics(null, null)).toBeNull()
  })
})

describe('chooseFocus', () => {
  const profile = [
    { patternKey: 'grammar.articles', label: 'Articles', sessions: 2, occurrences: 9 },
    { patternKey: 'grammar.past-tense', label: 'Past', sessions: 5, occurrences: 12 },
    { patternKey: 'grammar.plurals', label: 'Plurals', sessions: 8, occurrences: 20 }
  ]

  it("prefers the learner's most persistent pattern among this session's insights", () => {
    const focus = chooseFocus([insight('grammar.articles', 'high', 5), insight('grammar.past-tense', 'low', 1)], profile, metrics())
    expect(focus).toEqual({ patternKey: 'grammar.past-tense', goal: 'Use the past tense for finished events: no more than 1 present-tense slip' })
  })

  it('takes the most severe insight when none is in the profile', () => {
    const focus = chooseFocus([insight('grammar.auxiliaries', 'low'), insight('grammar.third-person-s', 'high', 6)], [], metrics())
    expect(focus).toEqual({ patternKey: 'grammar.third-person-s', goal: 'Add -s to verbs after he, she and it: no more than 3 verbs without -s' })
  })

  it('sets a measurable fillers goal from the metrics', () => {
    const focus = chooseFocus([insight('vocabulary.filler-words')], [], metrics({ fillersPerMinute: 7.2 }))
    expect(focus).toEqual({ patternKey: 'vocabulary.filler-words', goal: 'Keep fillers under 5 per minute' })
  })

  it('falls back to a pace goal out of band, else a fillers goal only for a learner who used fillers, when there are no insights', () => {
    expect(chooseFocus([], [], metrics({ rate: 90 })).patternKey).toBe('fluency.pace')
    const withFillers = metrics({ rate: 130, fillersPerMinute: 4, fillersPer100: 3 })
    withFillers.fillers.total = 6
    expect(chooseFocus([], [], withFillers).patternKey).toBe('vocabulary.filler-words')
    const none = chooseFocus([], [], metrics({ rate: 130, words: 200 }))
    expect(none.patternKey).toBe('other.longer-talk')
    expect(none.goal).toMatch(/at least 300 words/)
  })

  it('always states a number in the goal', () => {
    const keys = ['grammar.articles', 'grammar.subject-verb-agreement', 'grammar.auxiliaries', 'grammar.plurals', 'structure.repeated-starters', 'fluency.mid-clause-pauses', 'fluency.pace', 'other.idioms']
    for (const key of keys) expect(chooseFocus([insight(key)], [], metrics()).goal).toMatch(/\d/)
  })
})
