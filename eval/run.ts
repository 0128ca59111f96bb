/**
 * `npm run eval [-- --sample N] [--levels A,B,C]`: the on-device analyzer on real learner
 * writing (W&I+LOCNESS train, read from ../shared/eval/wi-locness/ at run time, never copied), scored at
 * document level per CEFR level and key, once as written and once as speech. Prints tables, writes JSON
 * to bench/results/eval-*.json.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { analyzeTranscriptText } from '../electron/core/analysis/offline/offlineAnalyzer.ts'
import { documentsOf, SENTENCES_PER_DOC, type EvalDoc } from './documents.ts'
import { readM2 } from './m2.ts'
import { EVAL_KEYS } from './mapping.ts'
import { emptyTable, formatTable, rates, scoreDoc, targetsOf, type Table } from './score.ts'

const DATA_DIR = resolve(process.env.SPEAKLOOP_EVAL_DIR ?? '../shared/eval/wi-locness')
const RESULTS_DIR = resolve('bench/results')
// The corpus was written before 2019: "in 2017" is the past for these learners.
const CORPUS_YEAR = 2019

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : undefined
  }
  const sample = option('--sample') ? Number(option('--sample')) : undefined
  const levels = (option('--levels') ?? 'A,B,C').split(',')
  if (!existsSync(DATA_DIR)) {
    console.error(`[eval] no corpus at ${DATA_DIR}: see ../shared/eval/README.md (or set SPEAKLOOP_EVAL_DIR)`)
    return 2
  }

  const started = performance.now()
  const results: Record<string, Record<string, unknown>> = {}
  const totals = { clean: emptyTable(), speech: emptyTable() }
  for (const level of levels) {
    const { clean, speech } = documentsOf(level, readM2(join(DATA_DIR, `${level}.train.gold.bea19.m2`)))
    const pick = sampled(clean.length, sample)
    results[level] = {}
    for (const [variant, docs] of [['clean', clean], ['speech', speech]] as const) {
      const table = emptyTable()
      for (const i of pick) {
        const doc = docs[i] as EvalDoc
        const { analysis } = await analyzeTranscriptText(doc.text, { currentYear: CORPUS_YEAR })
        scoreDoc(table, doc, analysis)
        scoreDoc(totals[variant], doc, analysis)
      }
      console.log(`\n${formatTable(`Level ${level}, ${variant} (${pick.length} documents)`, table)}`)
      results[level][variant] = jsonOf(table)
    }
  }
  for (const variant of ['clean', 'speech'] as const) console.log(`\n${formatTable(`All levels, ${variant}`, totals[variant])}`)
  const speechGap = speechGapOf(totals.clean, totals.speech)
  const report = {
    startedAt: new Date().toISOString(),
    corpus: 'W&I+LOCNESS v2.1 train (Yannakoudakis et al. 2018)',
    documents: { sentencesPer: SENTENCES_PER_DOC, sample: sample ?? 'all', levels },
    seconds: Math.round((performance.now() - started) / 100) / 10,
    targets: { clean: targetsOf(totals.clean), speech: targetsOf(totals.speech), speechWithin005: speechGap },
    all: { clean: jsonOf(totals.clean), speech: jsonOf(totals.speech) },
    levels: results
  }
  console.log(`\ntargets: ${JSON.stringify(report.targets, null, 2)}`)
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = join(RESULTS_DIR, `eval-${report.startedAt.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}.json`)
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  console.error(`[eval] ${report.seconds} s, wrote ${relative(process.cwd(), file)}`)
  return 0
}

/** Evenly spaced document indices (all of them without a sample size), the same on every run. */
function sampled(count: number, size: number | undefined): number[] {
  if (!size || size >= count) return Array.from({ length: count }, (_, i) => i)
  return Array.from({ length: size }, (_, i) => Math.floor((i * count) / size))
}

function jsonOf(table: Table) {
  return {
    byKey: Object.fromEntries(EVAL_KEYS.map((k) => [k, rates(table, [k])])),
    core: rates(table, ['grammar.articles', 'grammar.plurals', 'grammar.subject-verb-agreement', 'grammar.past-tense']),
    all: rates(table)
  }
}

/** The largest drop from clean to speech in precision or recall, on the core and all-key rows. */
function speechGapOf(clean: Table, speech: Table) {
  const c = targetsOf(clean)
  const s = targetsOf(speech)
  const gaps = [
    (c.coreKeys.precision ?? 0) - (s.coreKeys.precision ?? 0),
    (c.coreKeys.recall ?? 0) - (s.coreKeys.recall ?? 0),
    (c.allKeys.precision ?? 0) - (s.allKeys.precision ?? 0),
    (c.allKeys.recall ?? 0) - (s.allKeys.recall ?? 0)
  ]
  const worst = Math.round(Math.max(...gaps.map(Math.abs)) * 1000) / 1000
  return { target: 'within 0.05', largestGap: worst, met: worst <= 0.05 }
}

process.exitCode = await main()
