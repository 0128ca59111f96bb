import { describe, it, expect } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { analyzeTranscriptText } from '../../../electron/core/analysis/offline/offlineAnalyzer.ts'
import { verifyAnalysis } from '../../../electron/core/analysis/verify.ts'

const dir = fileURLToPath(new URL('../../fixtures/learner/', import.meta.url))
const TARGET_KEYS = [
  'grammar.past-tense', 'grammar.third-person-s', 'grammar.subject-verb-agreement', 'grammar.articles',
  'grammar.auxiliaries', 'grammar.plurals', 'vocabulary.filler-words', 'structure.repeated-starters'
]

interface Sample {
  name: string
  text: string
  keys: string[]
}

const samples: Sample[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ name: f, ...(JSON.parse(readFileSync(dir + f, 'utf8')) as { text: string; keys: string[] }) }))

describe('learner corpus', () => {
  it('holds at least 30 labelled transcripts, each labelled only with targeted keys', () => {
    expect(samples.length).toBeGreaterThanOrEqual(30)
    for (const s of samples) for (const key of s.keys) expect(TARGET_KEYS).toContain(key)
  })

  it('is analysed with micro recall >= 0.6 and precision >= 0.8, every output surviving verification', async () => {
    const counts = new Map(TARGET_KEYS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]))
    for (const sample of samples) {
      const { analysis } = await analyzeTranscriptText(sample.text, { currentYear: 2025 })
      expect(verifyAnalysis(analysis, sample.text).dropped, sample.name).toEqual({ examples: 0, insights: 0 })
      const found = new Set(analysis.insights.map((i) => i.patternKey).filter((k) => TARGET_KEYS.includes(k)))
      for (const key of TARGET_KEYS) {
        const c = counts.get(key) as { tp: number; fp: number; fn: number }
        const labelled = sample.keys.includes(key)
        if (labelled && found.has(key)) c.tp++
        else if (found.has(key)) c.fp++
        else if (labelled) c.fn++
      }
    }
    const ratio = (a: number, b: number): string => (b === 0 ? '  -  ' : (a / b).toFixed(2))
    const rows = [...counts.entries()].map(([key, c]) => `${key.padEnd(32)} ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}   ${ratio(c.tp, c.tp + c.fp)}     ${ratio(c.tp, c.tp + c.fn)}`)
    const total = [...counts.values()].reduce((t, c) => ({ tp: t.tp + c.tp, fp: t.fp + c.fp, fn: t.fn + c.fn }), { tp: 0, fp: 0, fn: 0 })
    const precision = total.tp / (total.tp + total.fp)
    const recall = total.tp / (total.tp + total.fn)
    console.log(
      [`${'key'.padEnd(32)}  tp  fp  fn   precision recall`, ...rows, `${'micro'.padEnd(32)} ${String(total.tp).padStart(3)} ${String(total.fp).padStart(3)} ${String(total.fn).padStart(3)}   ${precision.toFixed(2)}     ${recall.toFixed(2)}`].join('\n')
    )
    expect(recall).toBeGreaterThanOrEqual(0.6)
    expect(precision).toBeGreaterThanOrEqual(0.8)
  })
})
