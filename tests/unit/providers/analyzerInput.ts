import type { Analysis, SessionMetrics } from '../../../electron/core/analysis/contract.ts'
import type { AnalyzerInput } from '../../../electron/core/analysis/types.ts'

/** Plausible metrics for a short B1 session; the numbers only need to be well-formed. */
export const METRICS: SessionMetrics = {
  wordCount: 58,
  speakingSeconds: 31.5,
  speakingRate: 110.5,
  articulationRate: 128.2,
  pauses: {
    count: 6,
    perMinute: 11.4,
    meanMs: 540,
    longestMs: 1320,
    longCount: 1,
    midClauseCount: 4,
    midClauseShare: 0.67,
    midClausePerMinute: 7.6
  },
  meanLengthOfRun: 8.3,
  fillers: { total: 4, perMinute: 7.6, per100Words: 6.9, byType: { um: 2, like: 1, 'you know': 1 } },
  lexicalDiversity: { mattr: 0.74, lowConfidence: true },
  repetition: { immediateRepeats: 0, examples: [], topPhrases: [{ phrase: 'we go', count: 2 }] }
}

/** An analyzer input around `transcript`, with a previous focus and a small profile. */
export function analyzerInput(transcript: string, overrides: Partial<AnalyzerInput> = {}): AnalyzerInput {
  return {
    transcript,
    words: [],
    metrics: METRICS,
    language: 'en',
    firstLanguage: 'es',
    level: 'B1',
    previousFocus: { patternKey: 'grammar.past-tense', goal: 'Use the past tense for every finished event.' },
    previousMetrics: null,
    profile: [{ patternKey: 'grammar.past-tense', label: 'Present tense for past events', sessions: 3, occurrences: 9 }],
    ...overrides
  }
}

/** A contract-valid analysis quoting the simulator's default transcript. */
export const VALID_ANALYSIS: Analysis = {
  summary: 'You speak with confidence and keep going. Past events are often told in the present tense.',
  strengths: ['Clear ideas'],
  insights: [
    {
      category: 'grammar',
      patternKey: 'grammar.past-tense',
      pattern: 'Present tense for past events',
      detail: 'Finished events are told with present forms.',
      frequency: 3,
      severity: 'high',
      examples: [{ quote: 'Yesterday I go to the market', correction: 'Yesterday I went to the market' }],
      suggestion: 'When you say "yesterday", switch to the past form of the verb.'
    }
  ],
  focusNext: { patternKey: 'grammar.past-tense', goal: 'Use the past tense for every finished event in a 3-minute story.' },
  previousFocus: { patternKey: 'grammar.past-tense', verdict: 'same', evidence: 'Still "I go" for yesterday.' }
}
