import { describe, expect, it } from 'vitest'
import { dueAt, newCard, review } from '../../../electron/core/practice/scheduler.ts'

const DAY = 24 * 60 * 60 * 1000
const t0 = new Date('2026-12-01T09:00:00.000Z')
const days = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY

describe('drill scheduler (FSRS with an injected clock)', () => {
  it('a new drill is due at once', () => {
    expect(dueAt(newCard(t0))).toEqual(t0)
  })

  it('a pass pushes the drill out to another day, a fail brings it back sooner', () => {
    const passed = review(newCard(t0), true, t0)
    const failed = review(newCard(t0), false, t0)
    expect(days(t0, dueAt(passed))).toBeGreaterThanOrEqual(1)
    expect(dueAt(failed).getTime()).toBeLessThan(dueAt(passed).getTime())
  })

  it('each further pass pushes it further out', () => {
    let card = review(newCard(t0), true, t0)
    const gaps: number[] = []
    for (let i = 0; i < 3; i++) {
      const now = dueAt(card)
      card = review(card, true, now)
      gaps.push(days(now, dueAt(card)))
    }
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!)
    expect(gaps[2]!).toBeGreaterThan(gaps[1]!)
    expect(card.reps).toBe(4)
  })

  it('a fail after passes shortens the interval and counts a lapse', () => {
    let card = review(newCard(t0), true, t0)
    card = review(card, true, dueAt(card))
    const before = days(new Date(card.last_review!), dueAt(card))
    const now = dueAt(card)
    const lapsed = review(card, false, now)
    expect(lapsed.lapses).toBe(1)
    expect(days(now, dueAt(lapsed))).toBeLessThan(before)
  })

  it('is deterministic: the same reviews at the same times give the same schedule', () => {
    const run = () => review(review(newCard(t0), true, t0), false, new Date(t0.getTime() + 3 * DAY))
    expect(run()).toEqual(run())
  })
})
