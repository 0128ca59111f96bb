import { normalizePatternKey } from './catalog.ts'
import type { FocusNext, Insight, PreviousFocus, SessionMetrics, Severity } from './contract.ts'
import type { ProfilePattern } from './types.ts'

/** Below these a session says too little to judge a goal (../shared/DOMAIN.md, closed loop). */
export const MIN_EVIDENCE_SECONDS = 60
export const MIN_EVIDENCE_WORDS = 50
/** A measured change smaller than this share of the previous value counts as "same". */
export const RELATIVE_THRESHOLD = 0.15
export const PACE_BAND = { min: 110, max: 150 } as const

/** Keys whose goal is judged from local metrics, never from the model alone. */
export const MEASURABLE_KEYS = ['vocabulary.filler-words', 'fluency.mid-clause-pauses', 'fluency.pace'] as const

export interface JudgeOptions {
  /** The current metrics come from evenly spaced synthetic timings (text only): pauses and pace are not real. */
  syntheticTimings?: boolean
}

/** True when a goal on this key is judged from metrics rather than from the analyzer. */
export function isMeasurableKey(key: string): boolean {
  return (MEASURABLE_KEYS as readonly string[]).includes(normalizePatternKey(key))
}

/** Judges last session's focus goal against this session's metrics and insights. */
export function judgePreviousFocus(
  previousFocus: FocusNext | null,
  current: SessionMetrics,
  previous: SessionMetrics | null,
  insightsNow: { patternKey: string; frequency: number }[],
  options: JudgeOptions = {}
): PreviousFocus | null {
  if (!previousFocus) return null
  const patternKey = normalizePatternKey(previousFocus.patternKey)
  const verdict = (v: PreviousFocus['verdict'], evidence: string): PreviousFocus => ({ patternKey, verdict: v, evidence })
  const synthetic = options.syntheticTimings === true

  if (current.wordCount < MIN_EVIDENCE_WORDS || (!synthetic && current.speakingSeconds < MIN_EVIDENCE_SECONDS)) {
    const said = synthetic ? `${current.wordCount} words` : `${current.wordCount} words in ${Math.round(current.speakingSeconds)} s`
    return verdict('not-enough-evidence', `Only ${said} this session: too little speech to judge the goal.`)
  }

  if (isMeasurableKey(patternKey)) {
    if (synthetic && patternKey !== 'vocabulary.filler-words') {
      return verdict('not-enough-evidence', 'This session has no word timings, so pauses and pace were not measured.')
    }
    const measure = measureFor(patternKey, synthetic)
    const now = measure.value(current)
    if (!previous || previous.wordCount === 0) {
      return verdict('not-enough-evidence', `No earlier measurement to compare with; this session: ${fmt(now)} ${measure.unit}.`)
    }
    const before = measure.value(previous)
    const change = measure.compare(before, now)
    return verdict(change, measure.evidence(before, now, change))
  }

  const frequency = insightsNow.filter((i) => normalizePatternKey(i.patternKey) === patternKey).reduce((s, i) => s + i.frequency, 0)
  if (frequency === 0) return verdict('improved', `Not found in ${current.wordCount} words this session.`)
  // Without last session's count there is nothing to compare against: still present is "same".
  return verdict('same', `Still found ${frequency} ${frequency === 1 ? 'time' : 'times'} in ${current.wordCount} words this session.`)
}

/** Makes the local verdict win for measurable goals; for other goals the analyzer's verdict stands when present. */
export function overrideWithMetrics(modelVerdict: PreviousFocus | null, local: PreviousFocus | null): PreviousFocus | null {
  if (local && isMeasurableKey(local.patternKey)) return local
  return modelVerdict ?? local
}

/**
 * Picks one measurable goal: the learner's most persistent profile pattern among this session's
 * insights, else the top insight, else a goal from the metrics.
 */
export function chooseFocus(insights: Insight[], profile: ProfilePattern[], metrics: SessionMetrics): FocusNext {
  const sessionsByKey = new Map(profile.map((p) => [normalizePatternKey(p.patternKey), p]))
  let best: { insight: Insight; sessions: number; occurrences: number } | undefined
  for (const insight of insights) {
    const p = sessionsByKey.get(normalizePatternKey(insight.patternKey))
    if (!p) continue
    if (!best || p.sessions > best.sessions || (p.sessions === best.sessions && p.occurrences > best.occurrences)) {
      best = { insight, sessions: p.sessions, occurrences: p.occurrences }
    }
  }
  const top = best?.insight ?? [...insights].sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.frequency - a.frequency)[0]
  if (top) {
    const patternKey = normalizePatternKey(top.patternKey)
    return { patternKey, goal: goalFor(patternKey, top.frequency, metrics, top.pattern) }
  }
  if (metrics.wordCount > 0 && metrics.speakingRate > 0 && (metrics.speakingRate < PACE_BAND.min || metrics.speakingRate > PACE_BAND.max)) {
    return { patternKey: 'fluency.pace', goal: goalFor('fluency.pace', 1, metrics, 'Pace') }
  }
  // A fillers goal only for a learner who used fillers; otherwise ask for a longer talk, which is measurable too.
  if (metrics.fillers.total > 0 && metrics.fillers.per100Words >= 1) {
    return { patternKey: 'vocabulary.filler-words', goal: goalFor('vocabulary.filler-words', 1, metrics, 'Fillers') }
  }
  return { patternKey: LONGER_TALK_KEY, goal: `Talk for longer next time: at least ${Math.max(MIN_EVIDENCE_WORDS * 2, Math.ceil((metrics.wordCount * 1.5) / 50) * 50)} words, so more patterns can be checked` }
}

/** The goal key when nothing was found and no metric is off: speak more, so there is more to check. */
export const LONGER_TALK_KEY = 'other.longer-talk'

/** A goal sentence with a number in it, so the next session can be checked against it. */
export function goalFor(patternKey: string, frequency: number, metrics: SessionMetrics, label: string): string {
  const slips = frequency >= 4 ? Math.floor(frequency / 2) : 1
  const noMore = (what: string, plural = `${what}s`): string => `no more than ${slips} ${slips === 1 ? what : plural}`
  switch (patternKey) {
    case 'vocabulary.filler-words':
      return `Keep fillers under ${Math.max(1, Math.min(5, Math.floor(metrics.fillers.perMinute * 0.7)))} per minute`
    case 'fluency.mid-clause-pauses':
      return `Pause at commas and full stops: keep mid-clause pauses under ${Math.max(1, Math.floor(metrics.pauses.midClausePerMinute * 0.7))} per minute`
    case 'fluency.pace':
      return `Speak at ${PACE_BAND.min}-${PACE_BAND.max} words per minute (this time: ${Math.round(metrics.speakingRate)})`
    case 'grammar.past-tense':
      return `Use the past tense for finished events: ${noMore('present-tense slip')}`
    case 'grammar.articles':
      return `Put a, an or the before singular nouns: ${noMore('article slip')}`
    case 'grammar.third-person-s':
      return `Add -s to verbs after he, she and it: ${noMore('verb without -s', 'verbs without -s')}`
    case 'grammar.subject-verb-agreement':
      return `Match the verb to its subject (they are, people were): ${noMore('agreement slip')}`
    case 'grammar.auxiliaries':
      return `Drop the extra "am/is" before verbs ("I agree"): ${noMore('slip')}`
    case 'grammar.plurals':
      return `Use plural nouns after numbers and "many": ${noMore('singular slip')}`
    case 'structure.repeated-starters':
      return 'Start no more than 2 sentences in a row the same way'
    default:
      return `${label}: ${noMore('slip')} next session`
  }
}

const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 }

interface Measure {
  unit: string
  value: (m: SessionMetrics) => number
  compare: (before: number, now: number) => 'improved' | 'same' | 'worse'
  evidence: (before: number, now: number, change: 'improved' | 'same' | 'worse') => string
}

function measureFor(key: string, synthetic: boolean): Measure {
  if (key === 'fluency.pace') {
    const distance = (wpm: number): number => Math.max(0, PACE_BAND.min - wpm, wpm - PACE_BAND.max)
    return {
      unit: 'words per minute',
      value: (m) => m.speakingRate,
      compare: (before, now) => lowerIsBetter(distance(before), distance(now), Math.max(before * RELATIVE_THRESHOLD, 3)),
      evidence: (before, now) =>
        `Speaking rate went from ${Math.round(before)} to ${Math.round(now)} words per minute (target ${PACE_BAND.min}-${PACE_BAND.max}).`
    }
  }
  const fillers = key === 'vocabulary.filler-words'
  // Synthetic timings make "per minute" an artefact of the assumed pace; per 100 words is timing-free.
  const unit = fillers && synthetic ? 'per 100 words' : 'per minute'
  const noun = fillers ? 'Fillers' : 'Mid-clause pauses'
  const value = (m: SessionMetrics): number =>
    fillers ? (synthetic ? m.fillers.per100Words : m.fillers.perMinute) : m.pauses.midClausePerMinute
  return {
    unit,
    value,
    // Near zero a relative threshold is meaningless; half a unit is the floor of a real change.
    compare: (before, now) => lowerIsBetter(before, now, Math.max(before * RELATIVE_THRESHOLD, 0.5)),
    evidence: (before, now, change) =>
      change === 'same'
        ? `${noun} stayed about the same: ${fmt(before)} then ${fmt(now)} ${unit}.`
        : `${noun} ${change === 'improved' ? 'fell' : 'rose'} from ${fmt(before)} to ${fmt(now)} ${unit}.`
  }
}

function lowerIsBetter(before: number, now: number, threshold: number): 'improved' | 'same' | 'worse' {
  if (Math.abs(now - before) <= threshold) return 'same'
  return now < before ? 'improved' : 'worse'
}

function fmt(n: number): string {
  return n.toFixed(1)
}

/**
 * Keeps the model's focus goal unless the learner has a more persistent pattern (seen in two or
 * more sessions) among this session's insights: then that pattern becomes the goal, so the loop
 * works on the habit that keeps coming back rather than this session's novelty.
 */
export function preferPersistentFocus(model: FocusNext, insights: Insight[], profile: ProfilePattern[], metrics: SessionMetrics): FocusNext {
  const recurring = profile.filter((p) => p.sessions >= 2)
  const present = new Set(insights.map((i) => normalizePatternKey(i.patternKey)))
  const candidates = recurring.filter((p) => present.has(normalizePatternKey(p.patternKey)))
  if (candidates.length === 0) return model
  const most = Math.max(...candidates.map((p) => p.sessions))
  const modelSessions = recurring.find((p) => normalizePatternKey(p.patternKey) === normalizePatternKey(model.patternKey))?.sessions ?? 0
  return modelSessions >= most ? model : chooseFocus(insights, recurring, metrics)
}
