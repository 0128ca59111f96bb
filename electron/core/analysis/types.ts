import type { Analysis, FocusNext, SessionMetrics, TimedWord } from './contract.ts'
import type { Level } from '../../shared/contract.ts'

/** A recurring pattern from the learner's profile, as the analyzer sees it. */
export interface ProfilePattern {
  patternKey: string
  label: string
  sessions: number
  occurrences: number
}

/** Everything an analyzer (Claude or on-device) gets for one session. */
export interface AnalyzerInput {
  transcript: string
  words: TimedWord[]
  metrics: SessionMetrics
  language: string
  firstLanguage: string
  level: Level
  /** The focus goal set by the learner's previous finished session, if any. */
  previousFocus: FocusNext | null
  /** The previous session's metrics, so measurable goals are judged locally. */
  previousMetrics: SessionMetrics | null
  /** Drill attempts on the previous focus pattern since that session: cited in the verdict, never counted as occurrences. */
  focusDrills?: { passed: number; attempts: number } | null
  /** Top recurring patterns, most persistent first. */
  profile: ProfilePattern[]
}

export interface TokenUsage {
  input: number
  output: number
  cacheRead: number
  cacheWrite: number
}

export interface AnalyzerResult {
  analysis: Analysis
  model: string
  usage: TokenUsage | null
}

/** An analyzer returns a raw contract object; verification (verify.ts) happens in the pipeline. */
export interface Analyzer {
  readonly name: string
  analyze(input: AnalyzerInput, signal: AbortSignal): Promise<AnalyzerResult>
}
