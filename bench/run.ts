/**
 * `npm run bench [-- --only pipeline,analysis] [--quick]`: runs the benchmarks one after another,
 * prints one JSON document and writes the same to bench/results/<timestamp>.json.
 * `recording` records 3 minutes from a fake microphone (30 s with --quick); --only leaves it out.
 * `deletion` deletes sessions one by one, then everything, from a 10,000-session database (2,000 with --quick).
 * `--only local-speed` times on-device transcription of 60 s of speech with random-weight models
 * of the true tiny and base sizes (`--local-sizes tiny,base,small` to choose; small takes minutes
 * on two cores; --quick runs the first size only). It runs only when named: it takes minutes.
 * `--only stop-to-feedback` records 30 s and 3 minutes (90 s with --quick) from a fake microphone,
 * fully on the device with a true-size random-weight base model, with transcription while
 * recording on and off, and times Stop → DONE. Named only: it takes 10 minutes or more.
 * `--repeat N` records its streaming-on pair N times and reads the target on the medians.
 * `--local-model PATH` runs the on-device transcription benchmark with that whisper.cpp model file
 * (alone, or after the benchmarks --only names); without it, it never runs.
 * Benchmarks only: nothing here is part of the test suite, and timings depend on the machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { benchPipeline } from './pipeline.ts'
import { benchAnalysis } from './analysis.ts'
import { benchRenderer } from './renderer.ts'
import { benchRecordingHeap } from './recordingHeap.ts'
import { benchLocalModel } from './localModel.ts'
import { benchDeletion } from './deletion.ts'
import { benchLocalSpeed, DEFAULT_SIZES } from './localSpeed.ts'
import { benchStopToFeedback } from './stopToFeedback.ts'
import { TRUE_SHAPES, type TrueShapeName } from '../tests/support/whisperModel/trueSizeModels.ts'
import { round } from './stats.ts'

type Benchmark = (quick: boolean) => Promise<Record<string, unknown>>

const BENCHMARKS: Record<string, Benchmark> = {
  pipeline: benchPipeline,
  analysis: benchAnalysis,
  renderer: benchRenderer,
  recording: benchRecordingHeap,
  deletion: benchDeletion
}

const RESULTS_DIR = join(import.meta.dirname, 'results')

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'local-model': { type: 'string' },
      'local-sizes': { type: 'string' },
      repeat: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false }
    },
    strict: true
  })
  const repeat = Number(values.repeat)
  if (!Number.isInteger(repeat) || repeat < 1) {
    console.error(`--repeat takes a whole number of rounds, 1 or more; got ${values.repeat}.`)
    return 2
  }
  const sizes = values['local-sizes'] ? values['local-sizes'].split(',').map((n) => n.trim()) : DEFAULT_SIZES
  // Run only when --only names it: it takes minutes.
  const benchmarks: Record<string, Benchmark> = {
    ...BENCHMARKS,
    'local-speed': (quick) => benchLocalSpeed(quick, sizes as TrueShapeName[]),
    // --local-sizes names the model here too (its first size); base by default, as issue 15 asks.
    'stop-to-feedback': (quick) => benchStopToFeedback(quick, values['local-sizes'] ? (sizes[0] as TrueShapeName) : 'base', repeat)
  }
  const choices = Object.keys(benchmarks).join(',')
  if (values.help) {
    console.error(`usage: npm run bench -- [--only ${choices}] [--quick] [--local-sizes ${Object.keys(TRUE_SHAPES).join(',')}] [--repeat N] [--local-model PATH]`)
    return 0
  }
  const names = values.only ? values.only.split(',').map((n) => n.trim()).filter(Boolean) : Object.keys(BENCHMARKS)
  const unknown = names.filter((n) => !Object.hasOwn(benchmarks, n))
  if (unknown.length) {
    console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${choices}.`)
    return 2
  }
  const badSizes = sizes.filter((n) => !Object.hasOwn(TRUE_SHAPES, n))
  if (badSizes.length) {
    console.error(`Unknown model size ${badSizes.join(', ')}; choose from ${Object.keys(TRUE_SHAPES).join(', ')}.`)
    return 2
  }
  const localModel = values['local-model']
  if (localModel !== undefined) {
    benchmarks.localModel = (quick) => benchLocalModel(localModel, quick)
    if (!values.only) names.length = 0
    names.push('localModel')
  }

  const startedAt = new Date()
  const loadBefore = loadavg()
  const results: Record<string, unknown> = {}
  let failed = false
  for (const name of names) {
    console.error(`[bench] ${name}${values.quick ? ' (quick)' : ''}…`)
    const start = performance.now()
    try {
      results[name] = { ...(await benchmarks[name]!(values.quick)), durationS: round((performance.now() - start) / 1000, 1) }
    } catch (error) {
      failed = true
      results[name] = { error: (error as Error).stack ?? String(error) }
    }
  }

  const report = {
    startedAt: startedAt.toISOString(),
    quick: values.quick,
    environment: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGB: round(totalmem() / 2 ** 30, 1),
      // Other work on the machine skews every timing: read the figures with the load beside them.
      loadAverage1m: { before: round(loadBefore[0]!, 2), after: round(loadavg()[0]!, 2) }
    },
    targets: targets(results),
    results
  }
  const json = JSON.stringify(report, null, 2)
  console.log(json)
  mkdirSync(RESULTS_DIR, { recursive: true })
  const file = join(RESULTS_DIR, `${startedAt.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}.json`)
  writeFileSync(file, `${json}\n`)
  console.error(`[bench] wrote ${relative(process.cwd(), file)}`)
  return failed ? 1 : 0
}

/** The stated targets next to what was measured, for a reader who only looks at the top. */
function targets(results: Record<string, unknown>) {
  const get = (path: string): unknown => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], results)
  const out: Record<string, unknown> = {}
  if (get('pipeline.target')) {
    out.pipelineMedianOverheadMs = { target: '< 5', measured: get('pipeline.target.measuredMedianMs'), met: get('pipeline.target.met') }
    out.pipelineGrowthFirstToLast = { target: '≈ 1', measured: get('pipeline.sequential.flatness.lastOverFirst') }
    out.pipelineGrowthQueueLength = { target: '≈ 1', measured: get('pipeline.throughput.flatness.msPerSessionLargeOverSmall') }
  }
  if (get('analysis.target')) {
    out.offlineAnalysisMedianMs = { target: '< 300', measured: get('analysis.target.measuredMedianMs'), met: get('analysis.target.met') }
    out.offlineAnalyzerCost = { target: '<= 150 MB added RSS, ready <= 1500 ms', measured: { addedRssMB: get('analysis.cost.addedRssMB'), readyMs: get('analysis.cost.readyMs') }, met: get('analysis.cost.met') }
  }
  if (get('renderer.bundle')) {
    out.initialJsGzipKB = { target: '< 300', measured: get('renderer.bundle.gzipKB'), met: get('renderer.bundle.met') }
  }
  if (get('recording.target')) {
    out.recordingHeapGrowthMB = {
      target: '< 10',
      measured: get('recording.target.measuredMB'),
      met: get('recording.target.met'),
      slopeMBPerMin: get('recording.heapMB.slopeMBPerMin'),
      recordedS: get('recording.recordedS')
    }
  }
  if (get('deletion.deleteOneMs')) {
    out.deleteOneSessionMedianMs = {
      target: '< 200',
      measured: get('deletion.deleteOneMs.median'),
      met: get('deletion.deleteOneUnder200msMedian'),
      sessions: get('deletion.sessions')
    }
  }
  return out
}

process.exitCode = await main()
