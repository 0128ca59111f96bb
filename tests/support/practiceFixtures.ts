import type { ClaudeAnalysis } from '../../electron/core/analysis/contract.ts'

/** What the learner said in the practice tests' session: two past-tense slips and an auxiliary one. */
export const PRACTICE_SPEECH =
  'Yesterday I go to the market with my friend. Um, we buy some vegetables and a lot of fruits. I am agree that the prices are very high now.'

/** A scripted analysis of PRACTICE_SPEECH whose examples are all verbatim, so each becomes a drill. */
export const PRACTICE_ANALYSIS: ClaudeAnalysis = {
  summary: 'You told a clear story about the market. The past tense slips repeat.',
  strengths: ['You kept going without long breakdowns.'],
  insights: [
    {
      category: 'grammar',
      patternKey: 'grammar.auxiliaries',
      pattern: 'Extra auxiliary',
      detail: '"Agree" is a verb on its own.',
      frequency: 1,
      severity: 'medium',
      examples: [{ quote: 'I am agree', correction: 'I agree' }],
      suggestion: 'Say "I agree", without "am".'
    },
    {
      category: 'grammar',
      patternKey: 'grammar.past-tense',
      pattern: 'Present tense for past events',
      detail: 'You used present forms for things that happened yesterday.',
      frequency: 2,
      severity: 'high',
      examples: [
        { quote: 'Yesterday I go to the', correction: 'Yesterday I went to the' },
        { quote: 'we buy some vegetables', correction: 'we bought some vegetables' }
      ],
      suggestion: 'When you say "yesterday", use the past form of the verb.'
    }
  ],
  focusNext: { patternKey: 'grammar.past-tense', goal: 'Use the past tense for every past event in your next session.' },
  previousFocus: null
}

/** The sentence the first past-tense drill asks for, and the learner's original. */
export const CORRECT_SENTENCE = 'Yesterday I went to the market with my friend.'
export const ORIGINAL_SENTENCE = 'Yesterday I go to the market with my friend.'
