import type { InsightView, SessionDetail, SessionStatus, SessionSummary } from '../../shared/contract.ts'
import type { TimedWord } from '../analysis/contract.ts'
import { estimateCostUsd } from './pricing.ts'

/** A stored session with what `toSummary` reads; relations and counts only if loaded. */
export interface SessionRow {
  id: string
  status: string
  createdAt: Date
  updatedAt: Date
  completedAt: Date | null
  durationMs: number | null
  language: string
  topic: string | null
  errorMessage: string | null
  errorHint: string | null
  focusNext: string | null
  _count?: { insights: number }
  transcript?: { wordCount: number } | null
  /** The session's failed or cancelled jobs, if loaded. */
  jobs?: { kind: string }[]
}

/** A stored session as the renderer's list shows it. */
export function toSummary(row: SessionRow): SessionSummary {
  return {
    id: row.id,
    status: row.status as SessionStatus,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    language: row.language,
    topic: row.topic,
    errorMessage: row.errorMessage,
    errorHint: row.errorHint,
    failedStage: row.status !== 'FAILED' ? null : row.jobs?.some((j) => j.kind === 'analyze') ? 'analysis' : 'transcription',
    focusNext: parseJson(row.focusNext, null),
    insightCount: row._count?.insights ?? 0,
    wordCount: row.transcript?.wordCount ?? null
  }
}

interface DetailRow extends SessionRow {
  summary: string | null
  strengths: string | null
  previousFocus: string | null
  metrics: string | null
  audioPath: string | null
  stretches?: { audioPath: string | null }[]
  analysisModel: string | null
  inputTokens: number | null
  outputTokens: number | null
  cacheReadTokens: number | null
  cacheWriteTokens: number | null
  transcript: { text: string; words: string; wordCount: number } | null
  insights: {
    id: string
    category: string
    patternKey: string
    pattern: string
    detail: string
    frequency: number
    severity: string
    examples: string
    suggestion: string
  }[]
  ledger: { provider: string; what: string; bytes: number; at: Date }[]
}

/** Everything the session screen, `speakloop show` and the export need. */
export function toDetail(row: DetailRow): SessionDetail {
  return {
    ...toSummary({ ...row, _count: { insights: row.insights.length } }),
    summary: row.summary,
    strengths: parseJson(row.strengths, []),
    previousFocus: parseJson(row.previousFocus, null),
    insights: row.insights.map(
      (i): InsightView => ({
        id: i.id,
        category: i.category as InsightView['category'],
        patternKey: i.patternKey,
        pattern: i.pattern,
        detail: i.detail,
        frequency: i.frequency,
        severity: i.severity as InsightView['severity'],
        examples: parseJson(i.examples, []),
        suggestion: i.suggestion
      })
    ),
    transcript: row.transcript
      ? { text: row.transcript.text, words: parseJson<TimedWord[]>(row.transcript.words, []), wordCount: row.transcript.wordCount }
      : null,
    metrics: parseJson(row.metrics, null),
    ledger: row.ledger.map((l) => ({ provider: l.provider, what: l.what, bytes: l.bytes, at: l.at.toISOString() })),
    // A recording transcribed while it went on keeps the audio of each stretch not yet transcribed.
    audioPresent: row.audioPath !== null || (row.stretches ?? []).some((s) => s.audioPath !== null),
    tokens: row.inputTokens === null ? null : tokensOf(row),
    analysisModel: row.analysisModel
  }
}

function tokensOf(row: DetailRow): NonNullable<SessionDetail['tokens']> {
  const tokens = {
    input: row.inputTokens ?? 0,
    output: row.outputTokens ?? 0,
    cacheRead: row.cacheReadTokens ?? 0,
    cacheWrite: row.cacheWriteTokens ?? 0
  }
  return { ...tokens, estimatedCostUsd: estimateCostUsd(row.analysisModel, tokens) }
}

export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}
