import { chooseFocus, judgePreviousFocus, PACE_BAND } from '../closedLoop.ts'
import { categoryOfKey } from '../catalog.ts'
import { MAX_INSIGHTS, type Analysis, type Example, type FocusNext, type Insight, type SessionMetrics, type Severity, type TimedWord } from '../contract.ts'
import { alignTimings, computeMetrics, endsClause, filledPause, findFillers, SILENT_PAUSE_SECONDS, syntheticTimings, tokenizeTranscript } from '../metrics.ts'
import type { Analyzer, ProfilePattern } from '../types.ts'
import { PATTERNS, severityFor, STARTER_ALTERNATIVES } from './patterns.ts'
import { cleanView } from './cleanView.ts'
import { MIN_JUDGED_WORDS, tooLittleSpeech } from '../tooLittleSpeech.ts'
import { docOf, LEARNER_RULES, runLearnerRules } from './rules.ts'
import { exampleFor, quoteWindow, spanText, tokenize, type Finding, type Token } from './text.ts'

export const OFFLINE_MODEL = 'speakloop-offline-1'

export interface OfflineOptions {
  /** The year "in 2019"-style markers are compared with; injectable so tests do not age. */
  currentYear?: number
}

export interface TextAnalysisOptions extends OfflineOptions {
  previousFocus?: FocusNext | null
  previousMetrics?: SessionMetrics | null
  profile?: ProfilePattern[]
  /** Pace assumed for the synthetic word timings. */
  wordsPerMinute?: number
}

/** An analyzer that needs no key and no network: local metrics and the learner rules. */
export function createOfflineAnalyzer(options: OfflineOptions = {}): Analyzer {
  return {
    name: 'on-device',
    async analyze(input, signal) {
      signal.throwIfAborted()
      const real = input.words.length > 0
      const tokens = tokenizeTranscript(input.transcript)
      const timed = real ? alignTimings(tokens, input.words) : syntheticTimings(tokens)
      const analysis = await analyzeOffline({
        transcript: input.transcript,
        timed,
        synthetic: !real,
        // Without timings the pipeline's metrics are all zeros; judge from the text's own counts instead.
        metrics: real ? input.metrics : computeMetrics(timed),
        previousFocus: input.previousFocus,
        previousMetrics: input.previousMetrics,
        profile: input.profile,
        options
      })
      signal.throwIfAborted()
      return { analysis, model: OFFLINE_MODEL, usage: null }
    }
  }
}

/**
 * Analyses bare text (the CLI's `analyze --transcript FILE`) with evenly spaced synthetic word timings.
 * `timings: 'synthetic'` marks the metrics: their pauses and pace are not measurements, and no
 * pause-based insight or pace verdict is claimed from them.
 */
export async function analyzeTranscriptText(
  text: string,
  options: TextAnalysisOptions = {}
): Promise<{ analysis: Analysis; metrics: SessionMetrics; timings: 'synthetic' }> {
  const timed = syntheticTimings(tokenizeTranscript(text), options.wordsPerMinute)
  const metrics = computeMetrics(timed)
  const analysis = await analyzeOffline({
    transcript: text,
    timed,
    synthetic: true,
    metrics,
    previousFocus: options.previousFocus ?? null,
    previousMetrics: options.previousMetrics ?? null,
    profile: options.profile ?? [],
    options
  })
  return { analysis, metrics, timings: 'synthetic' }
}

interface OfflineRun {
  transcript: string
  /** One timed word per transcript token (aligned or synthetic). */
  timed: TimedWord[]
  synthetic: boolean
  metrics: SessionMetrics
  previousFocus: FocusNext | null
  previousMetrics: SessionMetrics | null
  profile: ProfilePattern[]
  options: OfflineOptions
}

// In a long session one slip is a one-off; in a short one it is all the evidence there is. Tuned on the
// evaluation (npm run eval): in documents of about 180 words, asking for two hits instead of one halved
// recall without raising precision, so the bar of two starts at about three minutes of speech.
const LONG_SESSION_WORDS = 400
// Except for the past tense: from 150 words on, one present form in a past story was right only 43% of the
// time at document level on the evaluation (two: 57%), so it needs a second hit there.
const MEDIUM_SESSION_WORDS = 150
const MIN_HITS_MEDIUM: Record<string, number> = { 'grammar.past-tense': 2 }
// Hits of a weak rule (rules.ts marks them) make a pattern only from this many hits of the key.
const MIN_WEAK_HITS = 2

async function analyzeOffline(run: OfflineRun): Promise<Analysis> {
  const { transcript, timed } = run
  const { tokens, sentences } = tokenize(transcript)
  const currentYear = run.options.currentYear ?? new Date().getFullYear()
  // The rules read what the learner meant: fillers, repeats and restarts are taken out first.
  const clean = cleanView(tokens, sentences, timed)
  const grammar = runLearnerRules(docOf(clean, currentYear), LEARNER_RULES)
  const local = computeMetrics(timed)
  if (clean.tokens.length < MIN_JUDGED_WORDS) return tooLittleSpeech(clean.tokens.length)
  const minGrammar = clean.tokens.length >= LONG_SESSION_WORDS ? 2 : 1
  const groups = new Map<string, Finding[]>()
  // Strong hits first, so an insight's examples come from the most precise rules.
  for (const f of [...grammar.filter((g) => !g.weak), ...grammar.filter((g) => g.weak)]) groups.set(f.key, [...(groups.get(f.key) ?? []), f])
  // Agreement and a missing third-person -s are one habit: together they make a pattern.
  const family = (key: string): Finding[] => (AGREEMENT.has(key) ? [...AGREEMENT].flatMap((k) => groups.get(k) ?? []) : (groups.get(key) ?? []))
  const minFor = (key: string): number => Math.max(minGrammar, clean.tokens.length >= MEDIUM_SESSION_WORDS ? (MIN_HITS_MEDIUM[key] ?? 1) : 1)
  // A weak hit (a rule that is often right about the place but not the slip) counts only when it recurs.
  const recurs = (list: Finding[], min: number): boolean => list.filter((f) => !f.weak).length >= min || list.length >= Math.max(min, MIN_WEAK_HITS)
  for (const key of [...groups.keys()]) if (!recurs(family(key), minFor(key))) groups.delete(key)

  const fillers = findFillers(timed).map((h) => ({ key: 'vocabulary.filler-words', from: h.index, to: h.index + h.length, replacement: '' }))
  if (fillers.length >= 3 && local.fillers.per100Words >= 2) groups.set('vocabulary.filler-words', fillers)
  const starters = repeatedStarters(sentences.map((s) => s.tokens))
  if (starters.length) groups.set('structure.repeated-starters', starters)
  const pauses = run.synthetic ? [] : midClausePauses(timed)
  if (pauses.length >= 3 && local.pauses.midClauseShare >= 0.5) groups.set('fluency.mid-clause-pauses', pauses)

  const insights = [...groups.entries()]
    .map(([key, list]) => insightFor(key, list, key.startsWith('grammar.') ? grammar : list, transcript, tokens, local.fillers.per100Words, key.startsWith('grammar.') || key.startsWith('vocabulary.word') ? clean.tokens : tokens))
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.frequency - a.frequency)
    .slice(0, MAX_INSIGHTS)
  const strengths = strengthsOf(run.metrics, local, grammar, insights, run.synthetic)
  return {
    summary: summaryOf(strengths, insights, tokens.length),
    strengths,
    insights,
    focusNext: chooseFocus(insights, run.profile, run.metrics),
    previousFocus: judgePreviousFocus(run.previousFocus, run.metrics, run.previousMetrics, insights, { syntheticTimings: run.synthetic })
  }
}

const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 }
const AGREEMENT = new Set(['grammar.subject-verb-agreement', 'grammar.third-person-s'])

/** `related` are the findings a quote's correction may also fix (all grammar hits for a grammar insight). */
function insightFor(key: string, findings: Finding[], related: Finding[], transcript: string, tokens: Token[], per100Words: number, kept: Token[]): Insight {
  const info = PATTERNS[key] ?? { pattern: key, detail: () => '', suggestion: '' }
  const examples: Example[] = []
  const shown = new Set<number>()
  // Quote the precise rules' hits; weak hits only when there is nothing else to show.
  const strong = findings.filter((f) => !f.weak)
  for (const f of strong.length > 0 ? strong : findings.slice(0, 2)) {
    if (examples.length === 4) break
    // A hit inside an earlier quote is already shown (and corrected) there.
    if (range(f.from, f.to).every((i) => shown.has(i))) continue
    // Fillers cluster ("um, so, basically"): a longer tail keeps real words in the corrected quote.
    const after = key === 'vocabulary.filler-words' ? 3 : 2
    const example = key === 'fluency.mid-clause-pauses' ? pauseExample(transcript, tokens, f) : exampleFor(transcript, tokens, f, related, after, kept)
    const [a, b] = quoteWindow(tokens, f, after, kept)
    range(a, b + 1).forEach((i) => shown.add(i))
    if (!examples.some((e) => e.quote === example.quote)) examples.push(tidy(example))
  }
  return {
    category: categoryOfKey(key) ?? 'grammar',
    patternKey: key,
    pattern: info.pattern,
    detail: info.detail(findings.length),
    frequency: findings.length,
    severity: severityFor(key, findings.length, per100Words),
    examples,
    suggestion: info.suggestion
  }
}

/** Sentences that open with the same one or two words, when that is at least 3 sentences and 40% of them. */
function repeatedStarters(sentences: Token[][]): Finding[] {
  const opening = sentences.map((s) => s.filter((t) => !filledPause(t.norm)))
  for (const length of [2, 1]) {
    const counts = new Map<string, Token[][]>()
    for (const s of opening) {
      if (s.length <= length) continue
      const starter = s.slice(0, length).map((t) => t.norm).join(' ')
      counts.set(starter, [...(counts.get(starter) ?? []), s])
    }
    const [starter, list] = [...counts.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []]
    if (list.length >= 3 && list.length / sentences.length >= 0.4) {
      const alternative = STARTER_ALTERNATIVES[starter]
      return list.map((s, i) => {
        const first = s[0] as Token
        const replacement = alternative ?? `${['Also,', 'Then', 'After that,'][i % 3]} ${first.text.replace(/[^\p{L}\p{N}']/gu, '')}`
        return { key: 'structure.repeated-starters', from: first.index, to: first.index + (alternative ? length : 1), replacement }
      })
    }
  }
  return []
}

function midClausePauses(timed: TimedWord[]): Finding[] {
  const out: Finding[] = []
  for (let i = 0; i + 1 < timed.length; i++) {
    const a = timed[i] as TimedWord
    const b = timed[i + 1] as TimedWord
    if (b.start - a.end >= SILENT_PAUSE_SECONDS - 1e-9 && !endsClause(a.word)) out.push({ key: 'fluency.mid-clause-pauses', from: i, to: i + 2, replacement: '' })
  }
  return out
}

function pauseExample(transcript: string, tokens: Token[], f: Finding): Example {
  const words = spanText(transcript, tokens, f.from, f.to)
  const example = exampleFor(transcript, tokens, { ...f, replacement: words })
  return { quote: example.quote, correction: `${example.quote} (say "${words}" without a break)` }
}

// Removing a filler leaves stray commas ("I was, , tired"); fold them back.
function tidy(example: Example): Example {
  const correction = example.correction
    .replace(/\s+([,.;:?!])/g, '$1')
    .replace(/([,;:])(\s*[,;:])+/g, '$1')
    .replace(/^[,;:]\s*/, '')
    .trim()
  return { quote: example.quote, correction }
}

/** What the checks can truthfully praise: only keys they cover, and only when they found no slip at all. */
function strengthsOf(metrics: SessionMetrics, local: SessionMetrics, findings: Finding[], insights: Insight[], synthetic: boolean): string[] {
  const strengths: string[] = []
  const found = new Set(insights.map((i) => i.patternKey))
  const slips = new Set(findings.map((f) => CHECKED_FAMILIES[f.key]).filter(Boolean))
  const clear = [...new Set(Object.values(CHECKED_FAMILIES))].filter((family) => !slips.has(family))
  if (clear.length > 0 && local.wordCount >= MIN_JUDGED_WORDS * 2) strengths.push(`No slips found in ${listOf(clear)} (the on-device checks)`)
  if (!found.has('vocabulary.filler-words') && local.wordCount >= 20) strengths.push(`Few fillers (${local.fillers.per100Words.toFixed(1)} per 100 words)`)
  if (!synthetic && metrics.speakingRate >= PACE_BAND.min && metrics.speakingRate <= PACE_BAND.max) strengths.push(`A comfortable pace of ${Math.round(metrics.speakingRate)} words per minute`)
  if (!local.lexicalDiversity.lowConfidence && local.lexicalDiversity.mattr >= 0.7) strengths.push(`Varied vocabulary (MATTR ${local.lexicalDiversity.mattr.toFixed(2)})`)
  return strengths.slice(0, 3)
}

function summaryOf(strengths: string[], insights: Insight[], wordCount: number): string {
  const opening = strengths.length ? `${strengths[0]}.` : `You kept going for ${wordCount} words.`
  const top = insights[0]
  if (!top) return `${opening} The on-device checks found no recurring pattern to work on.`
  return `${opening} Main pattern to work on: ${top.pattern.toLowerCase()} (${top.frequency === 1 ? 'once' : `${top.frequency} times`}).`
}

// The families the on-device rules check, by key; a strength may only name a family with no slip at all.
const CHECKED_FAMILIES: Record<string, string> = {
  'grammar.past-tense': 'past tense',
  'grammar.subject-verb-agreement': 'agreement',
  'grammar.third-person-s': 'agreement',
  'grammar.articles': 'articles',
  'grammar.plurals': 'plurals'
}

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i)
}
