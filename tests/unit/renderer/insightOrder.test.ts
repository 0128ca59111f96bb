import { describe, it, expect } from 'vitest'
import type { InsightView } from '../../../electron/shared/contract.ts'
import { groupInsights, quoteId } from '../../../renderer/src/session/insightOrder.ts'

function insight(id: string, category: InsightView['category'], severity: InsightView['severity'], frequency = 1): InsightView {
  return { id, category, patternKey: `${category}.x`, pattern: id, detail: '', frequency, severity, examples: [], suggestion: '' }
}

describe('groupInsights', () => {
  it('orders by severity high > medium > low, never alphabetically, then by frequency', () => {
    const [group] = groupInsights([insight('low', 'grammar', 'low', 9), insight('medium', 'grammar', 'medium'), insight('high-rare', 'grammar', 'high', 1), insight('high-often', 'grammar', 'high', 5)])
    expect(group!.insights.map((i) => i.id)).toEqual(['high-often', 'high-rare', 'medium', 'low'])
  })

  it('orders groups by their most severe insight, then catalog order', () => {
    const groups = groupInsights([
      insight('s', 'structure', 'high'),
      insight('v', 'vocabulary', 'low'),
      insight('f', 'fluency', 'medium'),
      insight('g', 'grammar', 'medium')
    ])
    expect(groups.map((g) => g.category)).toEqual(['structure', 'grammar', 'fluency', 'vocabulary'])
  })

  it('leaves out empty categories', () => {
    expect(groupInsights([])).toEqual([])
    expect(groupInsights([insight('v', 'vocabulary', 'low')]).map((g) => g.category)).toEqual(['vocabulary'])
  })

  it('does not reorder the array it was given', () => {
    const input = [insight('low', 'grammar', 'low'), insight('high', 'grammar', 'high')]
    groupInsights(input)
    expect(input.map((i) => i.id)).toEqual(['low', 'high'])
  })
})

describe('quoteId', () => {
  it('is unique per insight and example', () => {
    expect(quoteId(insight('abc', 'grammar', 'low'), 2)).toBe('abc:2')
  })
})
