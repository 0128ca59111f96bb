/**
 * Issue 4: how long on-device analysis of a long session takes, and how big the Claude request
 * for a five-minute session is (and how much of it the prompt cache can serve).
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { analyzeTranscriptText, createOfflineAnalyzer } from '../electron/core/analysis/offline/offlineAnalyzer.ts'
import { computeMetrics, punctuateWords } from '../electron/core/analysis/metrics.ts'
import type { AnalyzerInput } from '../electron/core/analysis/types.ts'
import type { TimedWord } from '../electron/core/analysis/contract.ts'
import { analysisInputSchema, buildAnalysisRequest } from '../electron/core/providers/prompt.ts'
import { DEFAULT_SETTINGS } from '../electron/core/settings/settings.ts'
import { fakeTranscript } from '../tests/support/simulator/transcript.ts'
import { round, summarize, type Summary } from './stats.ts'

export const ANALYSIS_TARGET_MS = 300
/** Issue 13: the whole offline analyzer adds at most 150 MB RSS once warm and is ready within 1.5 s of first use. */
export const COST_TARGET = { addedRssMB: 150, readyMs: 1500 } as const

const LONG_WORDS = 1500
/** Five minutes at an ordinary learner pace of about 130 words a minute. */
const FIVE_MINUTE_WORDS = 650

/** Runs the analysis benchmark and returns its JSON section. */
export async function benchAnalysis(quick: boolean): Promise<Record<string, unknown>> {
  const runs = quick ? 5 : 30
  const text = learnerTranscript(LONG_WORDS)
  const verbose = fakeTranscript(text)
  // The pipeline stores Whisper's words with punctuation restored; do the same.
  const words = punctuateWords(verbose.words, verbose.text)
  const input = analyzerInput(verbose.text, words)

  // The pipeline's path: local metrics, then the on-device analyzer. The first call in a process
  // loads the tagger's model, so it is timed on its own.
  const analyzer = createOfflineAnalyzer()
  const pipelinePath = async () => {
    const metrics = computeMetrics(words)
    return analyzer.analyze({ ...input, metrics }, new AbortController().signal)
  }
  const coldStart = performance.now()
  const first = await pipelinePath()
  const coldMs = performance.now() - coldStart
  const warm = await timeRuns(pipelinePath, runs)

  const textPath = await timeRuns(() => analyzeTranscriptText(text), runs)
  const cost = costInFreshProcess()
  const metricsOnly = await timeRuns(async () => computeMetrics(words), runs * 10)

  return {
    transcript: {
      words: verbose.words.length,
      characters: verbose.text.length,
      sentences: verbose.segments.length,
      insightsFound: first.analysis.insights.map((i) => `${i.patternKey} ×${i.frequency}`)
    },
    target: { medianMs: ANALYSIS_TARGET_MS, measuredMedianMs: warm.median, met: warm.median < ANALYSIS_TARGET_MS },
    firstCallMs: round(coldMs),
    cost: { ...cost, target: { addedRssMB: COST_TARGET.addedRssMB, readyMs: COST_TARGET.readyMs }, met: cost.addedRssMB <= COST_TARGET.addedRssMB && cost.readyMs <= COST_TARGET.readyMs },
    pipelinePathMs: { what: 'computeMetrics(timed words) + createOfflineAnalyzer().analyze(...), after warm-up', ...warm },
    textPathMs: { what: 'analyzeTranscriptText(text) (the CLI: synthetic timings), after warm-up', ...textPath },
    computeMetricsMs: metricsOnly,
    claudePrompt: promptSize()
  }
}

/** Memory and first-use time measured in a new Node process, so nothing loaded by other benches counts. */
function costInFreshProcess(): { readyMs: number; addedRssMB: number } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./analysisCost.ts', import.meta.url))], { encoding: 'utf8' })
  if (child.status !== 0) throw new Error(`analysis cost probe failed: ${child.stderr}`)
  return JSON.parse(child.stdout) as { readyMs: number; addedRssMB: number }
}

// ---------------------------------------------------------------------------------------------

/**
 * A B1 learner telling stories: past-tense slips, "I am agree", agreement, articles, fillers and
 * repeated starters. Sentence frames rotate through fixed word lists, so the text is long, varied
 * and identical on every run.
 */
export function learnerTranscript(targetWords: number): string {
  const places = ['market', 'park', 'station', 'library', 'beach', 'office', 'cinema', 'hospital']
  const people = ['friend', 'sister', 'brother', 'colleague', 'neighbour', 'teacher', 'cousin']
  const things = ['vegetables', 'tickets', 'books', 'shoes', 'flowers', 'clothes', 'furniture']
  const foods = ['soup', 'pizza', 'rice', 'cake', 'fish', 'salad']
  const cities = ['London', 'Madrid', 'Berlin', 'Lisbon', 'Prague', 'Dublin']
  const frames: ((i: number) => string)[] = [
    (i) => `Yesterday I go to the ${pick(places, i)} with my ${pick(people, i)}.`,
    (i) => `Um, we buy some ${pick(things, i)} and, like, a lot of ${pick(things, i + 3)}.`,
    (i) => `I am agree that the ${pick(things, i + 1)} is very expensive now.`,
    (i) => `My ${pick(people, i + 2)} she like the ${pick(foods, i)} very much, you know.`,
    (i) => `Last week he don't want to come to the ${pick(places, i + 1)} because he was tired.`,
    (i) => `I have visited ${pick(cities, i)} in 2019 and it was very beautiful city.`,
    (i) => `There is many people in the ${pick(places, i + 2)} on the weekend.`,
    (i) => `So, uh, I think that is, um, a good idea for my ${pick(people, i + 3)}.`,
    (i) => `She explained me the problem with the ${pick(things, i + 2)} but I not understand it.`,
    (i) => `We was very happy when my ${pick(people, i + 4)} arrive at home.`,
    (i) => `I am living in ${pick(cities, i + 1)} since three years and I like it.`,
    (i) => `He said me that the ${pick(foods, i + 1)} was more better than before.`,
    (i) => `In the morning I make the homework and after I go to the ${pick(places, i + 3)}.`,
    (i) => `Then we eat ${pick(foods, i + 2)} and we talk about the ${pick(things, i + 4)} for a long time.`,
    (i) => `Then I call my ${pick(people, i + 5)} and, um, we decide to meet tomorrow.`,
    () => `It was a interesting day and I learned many new thing.`
  ]
  const sentences: string[] = []
  let count = 0
  for (let i = 0; count < targetWords; i++) {
    const sentence = frames[i % frames.length]!(Math.floor(i / frames.length))
    sentences.push(sentence)
    count += sentence.split(/\s+/).length
  }
  return sentences.join(' ')
}

function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length]!
}

/** A returning learner: a previous focus, previous metrics and a profile, as the pipeline builds them. */
function analyzerInput(transcript: string, words: TimedWord[]): AnalyzerInput {
  const metrics = computeMetrics(words)
  return {
    transcript,
    words,
    metrics,
    language: DEFAULT_SETTINGS.language,
    firstLanguage: 'es',
    level: DEFAULT_SETTINGS.level,
    previousFocus: { patternKey: 'grammar.past-tense', goal: 'Use the past tense for every finished event in a 3-minute story' },
    previousMetrics: metrics,
    profile: [
      { patternKey: 'grammar.past-tense', label: 'Present form for past events', sessions: 6, occurrences: 31 },
      { patternKey: 'vocabulary.filler-words', label: 'Fillers', sessions: 5, occurrences: 44 },
      { patternKey: 'grammar.auxiliaries', label: 'Extra "be" before a verb', sessions: 4, occurrences: 9 },
      { patternKey: 'grammar.subject-verb-agreement', label: 'Verb agreement', sessions: 3, occurrences: 12 },
      { patternKey: 'grammar.articles', label: 'Articles', sessions: 2, occurrences: 5 }
    ]
  }
}

/** Three untimed runs, then `count` timed ones. */
async function timeRuns(run: () => Promise<unknown>, count: number): Promise<Summary> {
  for (let i = 0; i < Math.min(3, count); i++) await run()
  const samples: number[] = []
  for (let i = 0; i < count; i++) {
    const start = performance.now()
    await run()
    samples.push(performance.now() - start)
  }
  return summarize(samples)
}

/**
 * Size of the Messages request for a five-minute session. The static part is what the cache
 * breakpoint on the system block covers: the tool definition (tools come first in the cached
 * prefix) and the system text.
 */
function promptSize() {
  const verbose = fakeTranscript(learnerTranscript(FIVE_MINUTE_WORDS))
  const words = punctuateWords(verbose.words, verbose.text)
  const model = DEFAULT_SETTINGS.analysisModel
  const request = buildAnalysisRequest(analyzerInput(verbose.text, words), model)
  const system = Array.isArray(request.system) ? request.system : []
  const systemText = system.map((block) => block.text).join('')
  const tools = JSON.stringify(request.tools)
  const message = request.messages
    .flatMap((m) => (typeof m.content === 'string' ? [m.content] : m.content.flatMap((part) => (part.type === 'text' ? [part.text] : []))))
    .join('')
  const schema = JSON.stringify(analysisInputSchema())
  const total = systemText.length + tools.length + message.length
  const staticChars = systemText.length + tools.length
  const tokens = (chars: number) => Math.round(chars / 4)
  const floor = CACHE_FLOOR_TOKENS[model]
  return {
    what: `buildAnalysisRequest for ${verbose.words.length} words (about 5 minutes), a returning learner with a profile, model ${model}`,
    tokenEstimate: 'characters / 4: an estimate, not the tokenizer',
    characters: {
      total,
      systemText: systemText.length,
      toolDefinition: tools.length,
      sessionMessage: message.length,
      wireJson: JSON.stringify(request).length,
      inputSchemaAlsoInSystemText: systemText.includes(schema) ? schema.length : 0
    },
    estimatedTokens: { total: tokens(total), static: tokens(staticChars), session: tokens(message.length) },
    systemBlockHasCacheControl: system.length > 0 && system.every((block) => block.cache_control),
    cacheableStaticShare: round(staticChars / total, 3),
    cacheFloor: floor
      ? { model, minimumTokens: floor, staticEstimateReachesIt: tokens(staticChars) >= floor, source: CACHE_FLOOR_SOURCE }
      : { model, minimumTokens: null }
  }
}

/** Anthropic's minimum cacheable prefix: a shorter prefix is silently not cached. */
const CACHE_FLOOR_TOKENS: Record<string, number> = {
  'claude-haiku-4-5': 4096,
  'claude-sonnet-4-5': 1024,
  'claude-opus-4-5': 4096
}
const CACHE_FLOOR_SOURCE = 'https://platform.claude.com/docs/en/docs/build-with-claude/prompt-caching (minimum cacheable prompt length)'
