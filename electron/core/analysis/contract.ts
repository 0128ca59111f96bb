import { z } from 'zod'
import { CATEGORIES } from './catalog.ts'

/** Analysis contract v1 (../shared/DOMAIN.md). Unknown extra fields are stripped, never an error. */
export const SEVERITIES = ['high', 'medium', 'low'] as const
export type Severity = (typeof SEVERITIES)[number]

export const VERDICTS = ['improved', 'same', 'worse', 'not-enough-evidence'] as const
export type Verdict = (typeof VERDICTS)[number]

export const exampleSchema = z.object({
  quote: z.string().min(1),
  correction: z.string()
})

export const insightSchema = z.object({
  category: z.enum(CATEGORIES),
  patternKey: z.string().min(1),
  pattern: z.string().min(1),
  detail: z.string(),
  frequency: z.number().int().min(1),
  severity: z.enum(SEVERITIES),
  examples: z.array(exampleSchema).min(1).max(4),
  suggestion: z.string()
})

export const focusNextSchema = z.object({
  patternKey: z.string().min(1),
  goal: z.string().min(1)
})

export const previousFocusSchema = z.object({
  patternKey: z.string().min(1),
  verdict: z.enum(VERDICTS),
  evidence: z.string()
})

export const analysisSchema = z.object({
  summary: z.string().min(1),
  strengths: z.array(z.string()).max(3),
  // Over five is allowed on the wire: verification cuts by severity instead of failing.
  insights: z.array(insightSchema),
  // Null for a session too short to judge: it sets no goal, and the next session is judged against the last goal set.
  focusNext: focusNextSchema.nullable(),
  previousFocus: previousFocusSchema.nullable()
})

/**
 * What Claude must return: always a goal. The pipeline asks no analyzer to judge a session too
 * short to judge, so a goal can be required of every answer.
 */
export const claudeAnalysisSchema = analysisSchema.extend({ focusNext: focusNextSchema })

export type Example = z.infer<typeof exampleSchema>
export type Insight = z.infer<typeof insightSchema>
export type FocusNext = z.infer<typeof focusNextSchema>
export type PreviousFocus = z.infer<typeof previousFocusSchema>
export type Analysis = z.infer<typeof analysisSchema>
export type ClaudeAnalysis = z.infer<typeof claudeAnalysisSchema>

/** A word with its timing in seconds, as transcription returns it. */
export interface TimedWord {
  word: string
  start: number
  end: number
}

export const MAX_INSIGHTS = 5

/** Deterministic on-device metrics of one session (../shared/DOMAIN.md, "Deterministic local metrics"). */
export interface SessionMetrics {
  wordCount: number
  /** Speaking time in seconds: first word start to last word end (paused recording spans already excluded). */
  speakingSeconds: number
  /** Words per minute over speaking time. */
  speakingRate: number
  /** Words per minute over speech time with silent pauses removed. */
  articulationRate: number
  pauses: {
    count: number
    perMinute: number
    meanMs: number
    longestMs: number
    longCount: number
    midClauseCount: number
    /** Share (0-1) of silent pauses that are mid-clause. */
    midClauseShare: number
    midClausePerMinute: number
  }
  /** Mean number of words between silent pauses. */
  meanLengthOfRun: number
  fillers: {
    total: number
    perMinute: number
    per100Words: number
    byType: Record<string, number>
  }
  lexicalDiversity: {
    /** Moving-average type-token ratio, window 50 tokens. */
    mattr: number
    lowConfidence: boolean
  }
  repetition: {
    immediateRepeats: number
    examples: string[]
    topPhrases: { phrase: string; count: number }[]
  }
}
