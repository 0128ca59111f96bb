import { describe, it, expect } from 'vitest'
import { localDayKey, minutesPerDay, practiceStreak } from '../../../renderer/src/progress/practice.ts'

/** A session at a local time on a day relative to `today` (negative = earlier). */
const today = new Date(2025, 2, 20, 18, 30)
function at(daysAgo: number, hour = 10, durationMs: number | null = 120_000) {
  return { createdAt: new Date(2025, 2, 20 - daysAgo, hour).toISOString(), durationMs }
}

describe('practiceStreak', () => {
  it('is zero without sessions', () => {
    expect(practiceStreak([], today)).toEqual({ days: 0, practisedToday: false })
  })

  it('counts consecutive days ending today', () => {
    expect(practiceStreak([at(0), at(1), at(2)], today)).toEqual({ days: 3, practisedToday: true })
  })

  it('counts several sessions on one day once', () => {
    expect(practiceStreak([at(0, 8), at(0, 12), at(0, 17), at(1)], today).days).toBe(2)
  })

  it('keeps a streak that reached yesterday alive while today is not practised yet', () => {
    expect(practiceStreak([at(1), at(2), at(3)], today)).toEqual({ days: 3, practisedToday: false })
  })

  it('is broken by a missed day', () => {
    expect(practiceStreak([at(0), at(1), at(3), at(4), at(5)], today).days).toBe(2)
  })

  it('is zero when the last practice was the day before yesterday', () => {
    expect(practiceStreak([at(2), at(3)], today)).toEqual({ days: 0, practisedToday: false })
  })

  it('ignores input order and sessions in the future', () => {
    expect(practiceStreak([at(2), at(0), at(-1), at(1)], today).days).toBe(3)
  })

  it('uses local calendar days: late evening and early morning are different days', () => {
    const evening = { createdAt: new Date(2025, 2, 19, 23, 50).toISOString(), durationMs: 60_000 }
    const morning = { createdAt: new Date(2025, 2, 20, 0, 10).toISOString(), durationMs: 60_000 }
    expect(practiceStreak([evening, morning], today)).toEqual({ days: 2, practisedToday: true })
  })

  it('walks back across a month boundary', () => {
    const firstOfApril = new Date(2025, 3, 1, 9)
    const points = [0, 1, 2].map((d) => ({ createdAt: new Date(2025, 3, 1 - d, 9).toISOString(), durationMs: 1 }))
    expect(practiceStreak(points, firstOfApril).days).toBe(3)
  })
})

describe('minutesPerDay', () => {
  it('gives the last 14 days oldest first, today last, with empty days as zero', () => {
    const days = minutesPerDay([at(0, 9, 90_000), at(0, 19, 30_000), at(3, 9, 600_000)], today)
    expect(days).toHaveLength(14)
    expect(days[13]).toEqual({ day: localDayKey(today), minutes: 2, sessions: 2 })
    expect(days[10]).toEqual({ day: localDayKey(new Date(2025, 2, 17)), minutes: 10, sessions: 1 })
    expect(days[0]!.day).toBe(localDayKey(new Date(2025, 2, 7)))
    expect(days.filter((d) => d.minutes > 0)).toHaveLength(2)
  })

  it('leaves out sessions older than the span and counts unknown durations as zero minutes', () => {
    const days = minutesPerDay([at(14), at(1, 9, null)], today, 14)
    expect(days.reduce((s, d) => s + d.sessions, 0)).toBe(1)
    expect(days[12]).toMatchObject({ minutes: 0, sessions: 1 })
  })

  it('rounds to a tenth of a minute', () => {
    expect(minutesPerDay([at(0, 9, 9_000), at(0, 10, 9_000)], today, 1)).toEqual([{ day: localDayKey(today), minutes: 0.3, sessions: 2 }])
  })
})
