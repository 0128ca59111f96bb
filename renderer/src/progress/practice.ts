/**
 * Practice days and streaks from finished sessions, in the learner's local calendar: a session
 * recorded at 23:30 counts for that evening, whatever UTC says.
 */

export interface PracticePoint {
  createdAt: string
  durationMs: number | null
}

export interface Streak {
  /** Consecutive practice days ending today, or ending yesterday while today is still open. */
  days: number
  practisedToday: boolean
}

export interface PracticeDay {
  /** Local date, `YYYY-MM-DD`. */
  day: string
  minutes: number
  sessions: number
}

/** `YYYY-MM-DD` of a moment in local time. */
export function localDayKey(date: Date): string {
  const y = date.getFullYear()
  const m = String(date.getMonth() + 1).padStart(2, '0')
  const d = String(date.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}

/**
 * The current streak of consecutive days with at least one session. Today not practised yet does
 * not break it: a streak that reached yesterday is still alive until today ends.
 */
export function practiceStreak(points: readonly PracticePoint[], today: Date): Streak {
  const days = new Set(points.map((p) => localDayKey(new Date(p.createdAt))))
  const practisedToday = days.has(localDayKey(today))
  const cursor = startOfDay(today)
  if (!practisedToday) cursor.setDate(cursor.getDate() - 1)
  let count = 0
  while (days.has(localDayKey(cursor))) {
    count++
    cursor.setDate(cursor.getDate() - 1)
  }
  return { days: count, practisedToday }
}

/** Minutes practised on each of the last `span` days, oldest first, today last (days without practice are 0). */
export function minutesPerDay(points: readonly PracticePoint[], today: Date, span = 14): PracticeDay[] {
  const byDay = new Map<string, { ms: number; sessions: number }>()
  for (const p of points) {
    const key = localDayKey(new Date(p.createdAt))
    const entry = byDay.get(key) ?? { ms: 0, sessions: 0 }
    entry.ms += p.durationMs ?? 0
    entry.sessions++
    byDay.set(key, entry)
  }
  const result: PracticeDay[] = []
  const cursor = startOfDay(today)
  cursor.setDate(cursor.getDate() - (span - 1))
  for (let i = 0; i < span; i++) {
    const day = localDayKey(cursor)
    const entry = byDay.get(day)
    result.push({ day, minutes: entry ? Math.round((entry.ms / 60_000) * 10) / 10 : 0, sessions: entry?.sessions ?? 0 })
    cursor.setDate(cursor.getDate() + 1)
  }
  return result
}

// setDate arithmetic on a local midnight walks calendar days correctly across DST changes.
function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate())
}
