import type { TrendPoint } from '../../../electron/shared/contract.ts'

/**
 * The learner's own baseline: the median of their last few finished sessions before this one,
 * which DOMAIN.md puts first ("learners are compared with their own rolling baseline first;
 * native bands are context"). DOM-free, so it is unit-tested.
 */

/** How many earlier sessions the baseline covers at most. */
export const BASELINE_SESSIONS = 5

export const BASELINE_METRICS = ['pace', 'fillers', 'midClause', 'mattr'] as const
export type BaselineMetric = (typeof BASELINE_METRICS)[number]

/** A metric's usual value and how many earlier sessions it is the median of; null when none count. */
export type Usual = { value: number; sessions: number } | null

/**
 * `none`: no finished session before this one. `unknown`: the earlier sessions were not all
 * loaded (the trends list was cut off), so no baseline is claimed either way.
 */
export type Baseline = { kind: 'none' } | { kind: 'unknown' } | { kind: 'usual'; usual: Record<BaselineMetric, Usual> }

export type Direction = 'up' | 'down' | 'same'

/**
 * The baseline for `session` from `points` (finished sessions, oldest first): the up to five
 * sessions created before it. A MATTR from under 100 words is low-confidence and left out, so
 * MATTR alone can have no usual value. `complete` says whether `points` holds every finished session.
 */
export function baselineFor(points: readonly TrendPoint[], session: { id: string; createdAt: string }, complete: boolean): Baseline {
  const earlier = points.filter((p) => isBefore(p, session))
  if (earlier.length < BASELINE_SESSIONS && !complete) return { kind: 'unknown' }
  const window = earlier.slice(-BASELINE_SESSIONS)
  if (window.length === 0) return { kind: 'none' }
  const confidentMattr = window.filter((p) => !p.mattrLowConfidence)
  return {
    kind: 'usual',
    usual: {
      pace: usualOf(window.map((p) => p.speakingRate)),
      fillers: usualOf(window.map((p) => p.fillersPerMinute)),
      midClause: usualOf(window.map((p) => p.midClausePausesPerMinute)),
      mattr: usualOf(confidentMattr.map((p) => p.mattr))
    }
  }
}

/** The median; the mean of the middle two for an even count; null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * Whether this session's value is above, below or about the usual one. "About" allows a relative
 * and an absolute margin, so a near-zero usual (fillers) does not turn noise into a change.
 */
export function compareWithUsual(metric: BaselineMetric, value: number, usual: number): Direction {
  const { relative, absolute } = TOLERANCE[metric]
  const margin = Math.max(Math.abs(usual) * relative, absolute)
  if (value > usual + margin) return 'up'
  if (value < usual - margin) return 'down'
  return 'same'
}

/** The words for a direction: neutral, since faster or more varied is not better for everyone. */
export function directionText(metric: BaselineMetric, direction: Direction): string {
  if (direction === 'same') return 'about your usual'
  return `${DIRECTION_WORDS[metric][direction === 'up' ? 0 : 1]} than usual`
}

const TOLERANCE: Record<BaselineMetric, { relative: number; absolute: number }> = {
  pace: { relative: 0.05, absolute: 3 },
  fillers: { relative: 0.1, absolute: 0.5 },
  midClause: { relative: 0.1, absolute: 0.5 },
  mattr: { relative: 0, absolute: 0.02 }
}

const DIRECTION_WORDS: Record<BaselineMetric, [string, string]> = {
  pace: ['faster', 'slower'],
  fillers: ['more', 'fewer'],
  midClause: ['more', 'fewer'],
  mattr: ['higher', 'lower']
}

function usualOf(values: number[]): Usual {
  const value = median(values)
  return value === null ? null : { value, sessions: values.length }
}

/** Creation order, ties broken by id as main orders the trends. */
function isBefore(point: TrendPoint, session: { id: string; createdAt: string }): boolean {
  if (point.id === session.id) return false
  const a = Date.parse(point.createdAt)
  const b = Date.parse(session.createdAt)
  return a < b || (a === b && point.id < session.id)
}
