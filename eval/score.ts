import type { Analysis } from '../electron/core/analysis/contract.ts'
import type { EvalDoc } from './documents.ts'
import { CORE_KEYS, EVAL_KEYS, scoredKey, type EvalKey } from './mapping.ts'

/** Document-level counts for one key: a key counts once per document, however often it occurs. */
export interface KeyCounts {
  gold: number
  tp: number
  fp: number
  quotes: number
  quotesOnGold: number
}

export type Table = Record<EvalKey, KeyCounts>

export function emptyTable(): Table {
  return Object.fromEntries(EVAL_KEYS.map((k) => [k, { gold: 0, tp: 0, fp: 0, quotes: 0, quotesOnGold: 0 }])) as Table
}

/** Adds one analysed document to a table. */
export function scoreDoc(table: Table, doc: EvalDoc, analysis: Analysis): void {
  const gold = new Set(doc.gold.map((g) => g.key))
  const found = new Set<EvalKey>()
  for (const insight of analysis.insights) {
    const key = scoredKey(insight.patternKey)
    if (!key) continue
    found.add(key)
    for (const example of insight.examples) {
      table[key].quotes++
      if (quoteOnGold(doc, key, example.quote)) table[key].quotesOnGold++
    }
  }
  for (const key of EVAL_KEYS) {
    if (gold.has(key)) table[key].gold++
    if (found.has(key)) table[key][gold.has(key) ? 'tp' : 'fp']++
  }
}

/** A quote counts as on a gold edit when some occurrence of it overlaps (or contains the point of) one of the same key. */
function quoteOnGold(doc: EvalDoc, key: EvalKey, quote: string): boolean {
  const spans = doc.gold.filter((g) => g.key === key)
  for (let at = doc.text.indexOf(quote); at >= 0; at = doc.text.indexOf(quote, at + 1)) {
    const end = at + quote.length
    if (spans.some((g) => (g.from === g.to ? g.from >= at && g.from <= end : g.from < end && g.to > at))) return true
  }
  return false
}

export interface Rates {
  gold: number
  tp: number
  fp: number
  precision: number | null
  recall: number | null
  quotesOnGold: number | null
}

/** Precision, recall and quote share for one key, or summed over several keys (micro average). */
export function rates(table: Table, keys: readonly EvalKey[] = EVAL_KEYS): Rates {
  const sum = keys.reduce((s, k) => ({ gold: s.gold + table[k].gold, tp: s.tp + table[k].tp, fp: s.fp + table[k].fp, quotes: s.quotes + table[k].quotes, on: s.on + table[k].quotesOnGold }), { gold: 0, tp: 0, fp: 0, quotes: 0, on: 0 })
  const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 1000) / 1000)
  return { gold: sum.gold, tp: sum.tp, fp: sum.fp, precision: ratio(sum.tp, sum.tp + sum.fp), recall: ratio(sum.tp, sum.gold), quotesOnGold: ratio(sum.on, sum.quotes) }
}

export interface TargetCheck {
  target: string
  precision: number | null
  recall: number | null
  met: boolean
}

/** The targets, checked on summed counts. */
export function targetsOf(table: Table): Record<'coreKeys' | 'allKeys' | 'quotesOnGold', TargetCheck> {
  const check = (keys: readonly EvalKey[], p: number, r: number): TargetCheck => {
    const x = rates(table, keys)
    return { target: `precision >= ${p}, recall >= ${r}`, precision: x.precision, recall: x.recall, met: (x.precision ?? 0) >= p && (x.recall ?? 0) >= r }
  }
  const quotes = rates(table).quotesOnGold
  return {
    coreKeys: check(CORE_KEYS, 0.85, 0.6),
    allKeys: check(EVAL_KEYS, 0.8, 0.4),
    quotesOnGold: { target: 'share >= 0.7', precision: quotes, recall: null, met: (quotes ?? 0) >= 0.7 }
  }
}

/** A plain-text table of one run, one row per key plus the core and all-key rows. */
export function formatTable(title: string, table: Table): string {
  const f = (x: number | null): string => (x === null ? '   - ' : x.toFixed(2).padStart(5))
  const row = (name: string, x: Rates): string =>
    `${name.padEnd(34)}${String(x.gold).padStart(6)}${String(x.tp).padStart(6)}${String(x.fp).padStart(6)}   ${f(x.precision)}  ${f(x.recall)}  ${f(x.quotesOnGold)}`
  return [
    title,
    `${'key'.padEnd(34)}${'gold'.padStart(6)}${'tp'.padStart(6)}${'fp'.padStart(6)}   prec.  recall quotes`,
    ...EVAL_KEYS.map((k) => row(k, rates(table, [k]))),
    row('core four (micro)', rates(table, CORE_KEYS)),
    row('all nine (micro)', rates(table))
  ].join('\n')
}
