import { categoryOfKey, normalizePatternKey } from './catalog.ts'
import { analysisSchema, MAX_INSIGHTS, type Analysis, type Insight, type Severity } from './contract.ts'

/** Raised when an analyzer's output does not match analysis contract v1. */
export class InvalidAnalysisError extends Error {
  readonly issues: { path: string; message: string }[]

  constructor(issues: { path: string; message: string }[]) {
    const shown = issues.slice(0, 3).map((i) => `${i.path || '(root)'}: ${i.message}`)
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''
    super(`Analysis does not match contract v1: ${shown.join('; ')}${more}`)
    this.name = 'InvalidAnalysisError'
    this.issues = issues
  }
}

/** Parses an analyzer's raw output against contract v1, stripping unknown fields; throws InvalidAnalysisError. */
export function parseAnalysis(raw: unknown): Analysis {
  const result = analysisSchema.safeParse(raw)
  if (result.success) return result.data
  throw new InvalidAnalysisError(result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })))
}

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 }

/**
 * Keeps only what the transcript supports: drops examples whose quote is not in it and insights left
 * without one, maps keys onto the catalog, aligns categories with catalog keys, orders by severity and
 * cuts to MAX_INSIGHTS. `dropped.insights` counts only insights dropped for lack of a verified example.
 */
export function verifyAnalysis(analysis: Analysis, transcript: string): { analysis: Analysis; dropped: { examples: number; insights: number } } {
  const haystack = ` ${normalizeForMatch(transcript)} `
  let droppedExamples = 0
  let droppedInsights = 0
  const kept: Insight[] = []
  for (const insight of analysis.insights) {
    const examples = insight.examples.filter((e) => {
      const needle = normalizeForMatch(e.quote)
      const ok = needle !== '' && haystack.includes(` ${needle} `)
      if (!ok) droppedExamples++
      return ok
    })
    if (examples.length === 0) {
      droppedInsights++
      continue
    }
    const patternKey = normalizePatternKey(insight.patternKey)
    kept.push({ ...insight, patternKey, category: categoryOfKey(patternKey) ?? insight.category, examples })
  }
  // Array.prototype.sort is stable, so equal severities keep the analyzer's order.
  kept.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
  return {
    analysis: {
      ...analysis,
      insights: kept.slice(0, MAX_INSIGHTS),
      focusNext: analysis.focusNext && { ...analysis.focusNext, patternKey: normalizePatternKey(analysis.focusNext.patternKey) },
      previousFocus: analysis.previousFocus
        ? { ...analysis.previousFocus, patternKey: normalizePatternKey(analysis.previousFocus.patternKey) }
        : null
    },
    dropped: { examples: droppedExamples, insights: droppedInsights }
  }
}

/**
 * Case-, punctuation- and whitespace-insensitive form used to find quotes: apostrophes (straight or
 * curly) vanish so "don’t" matches "dont" and "don't"; every other non-letter/digit run becomes one space.
 */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['\u2018\u2019\u02bc`\u00b4]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}
