import type { InsightView } from '../../../electron/shared/contract.ts'

const CATEGORY_ORDER = ['grammar', 'vocabulary', 'fluency', 'structure'] as const
const SEVERITY_RANK: Record<InsightView['severity'], number> = { high: 0, medium: 1, low: 2 }

export interface InsightGroup {
  category: InsightView['category']
  insights: InsightView[]
}

/**
 * Groups insights by category. Within a group: severity high > medium > low (never alphabetical),
 * then frequency. Groups are ordered by their most severe insight, then catalog order.
 */
export function groupInsights(insights: InsightView[]): InsightGroup[] {
  const groups = CATEGORY_ORDER.map((category) => ({
    category,
    insights: insights
      .filter((i) => i.category === category)
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.frequency - a.frequency)
  })).filter((g) => g.insights.length > 0)
  const top = (g: InsightGroup) => SEVERITY_RANK[g.insights[0]!.severity]
  return groups.sort((a, b) => top(a) - top(b))
}

/** The id of one example, shared with the transcript so a click can find its highlight. */
export function quoteId(insight: InsightView, index: number): string {
  return `${insight.id}:${index}`
}
