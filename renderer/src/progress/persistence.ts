import type { PatternStatView } from '../../../electron/shared/contract.ts'

export type Persistence = 'persistent' | 'fading'

/** Sessions a pattern must appear in, and how recent its last sighting must be, to count as persistent. */
export const PERSISTENT_MIN_SESSIONS = 3
export const RECENT_SESSIONS = 3

/**
 * Persistent: seen in >= 3 sessions and last seen within the latest 3 finished sessions; else fading.
 * `doneSessionDates` are the createdAt of finished sessions, any order.
 */
export function persistenceOf(pattern: PatternStatView, doneSessionDates: string[]): Persistence {
  if (pattern.sessions < PERSISTENT_MIN_SESSIONS) return 'fading'
  const newestFirst = [...doneSessionDates].sort().reverse()
  // The start of the recent window: the oldest of the latest three sessions (all of them if fewer).
  const since = newestFirst[Math.min(RECENT_SESSIONS, newestFirst.length) - 1]
  if (since === undefined) return 'persistent'
  return Date.parse(pattern.lastSeenAt) >= Date.parse(since) ? 'persistent' : 'fading'
}

/** Persistent first, then by sessions and occurrences. */
export function rankPatterns(patterns: PatternStatView[], doneSessionDates: string[]) {
  return patterns
    .map((pattern) => ({ pattern, persistence: persistenceOf(pattern, doneSessionDates) }))
    .sort(
      (a, b) =>
        Number(b.persistence === 'persistent') - Number(a.persistence === 'persistent') ||
        b.pattern.sessions - a.pattern.sessions ||
        b.pattern.occurrences - a.pattern.occurrences
    )
}
