import { describe, it, expect } from 'vitest'
import type { TrendPoint } from '../../../electron/shared/contract.ts'
import { baselineFor, compareWithUsual, directionText, median } from '../../../renderer/src/session/baseline.ts'

function point(day: number, figures: Partial<TrendPoint> = {}): TrendPoint {
  return {
    id: `s${String(day).padStart(2, '0')}`,
    createdAt: new Date(Date.UTC(2026, 10, day, 9)).toISOString(),
    durationMs: 120_000,
    speakingRate: 100 + day,
    fillersPerMinute: day,
    midClausePausesPerMinute: day / 2,
    mattr: 0.6 + day / 100,
    mattrLowConfidence: false,
    focusNext: null,
    previousFocus: null,
    ...figures
  }
}

const session = (day: number) => ({ id: `s${String(day).padStart(2, '0')}`, createdAt: new Date(Date.UTC(2026, 10, day, 9)).toISOString() })

describe('median', () => {
  it('takes the middle value, or the mean of the middle two, whatever the order', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([7])).toBe(7)
    expect(median([])).toBeNull()
  })
})

describe('the learner’s baseline for a session', () => {
  it('is the median of the five finished sessions before it, not the ones after', () => {
    const points = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => point(d))
    const baseline = baselineFor(points, session(8), true)
    // Sessions 3-7: pace 103-107, fillers 3-7, mid-clause 1.5-3.5, MATTR 0.63-0.67.
    expect(baseline).toEqual({
      kind: 'usual',
      usual: {
        pace: { value: 105, sessions: 5 },
        fillers: { value: 5, sessions: 5 },
        midClause: { value: 2.5, sessions: 5 },
        mattr: { value: 0.65, sessions: 5 }
      }
    })
  })

  it('uses what there is when fewer than five sessions came before', () => {
    const baseline = baselineFor([point(1), point(2), point(3)], session(3), true)
    expect(baseline.kind === 'usual' && baseline.usual.pace).toEqual({ value: 101.5, sessions: 2 })
  })

  it('does not exist for the first session', () => {
    expect(baselineFor([point(1)], session(1), true)).toEqual({ kind: 'none' })
    expect(baselineFor([], session(1), true)).toEqual({ kind: 'none' })
  })

  it('counts the sessions before one that is not finished yet (not in the trends)', () => {
    const baseline = baselineFor([point(1), point(2)], session(5), true)
    expect(baseline.kind === 'usual' && baseline.usual.fillers).toEqual({ value: 1.5, sessions: 2 })
  })

  it('leaves short sessions out of the MATTR baseline only', () => {
    const points = [point(1, { mattrLowConfidence: true, mattr: 0.95 }), point(2), point(3, { mattrLowConfidence: true, mattr: 0.95 })]
    const baseline = baselineFor(points, session(4), true)
    expect(baseline.kind === 'usual' && baseline.usual.mattr).toEqual({ value: 0.62, sessions: 1 })
    expect(baseline.kind === 'usual' && baseline.usual.pace).toEqual({ value: 102, sessions: 3 })
  })

  it('has no MATTR value when every earlier session was short', () => {
    const baseline = baselineFor([point(1, { mattrLowConfidence: true })], session(2), true)
    expect(baseline.kind === 'usual' && baseline.usual.mattr).toBeNull()
  })

  it('breaks a tie in creation time by id, as main orders the trends', () => {
    const at = new Date(Date.UTC(2026, 10, 1, 9)).toISOString()
    const points = [point(1, { id: 'a', createdAt: at }), point(2, { id: 'b', createdAt: at })]
    expect(baselineFor(points, { id: 'b', createdAt: at }, true)).toMatchObject({ usual: { pace: { value: 101, sessions: 1 } } })
    expect(baselineFor(points, { id: 'a', createdAt: at }, true)).toEqual({ kind: 'none' })
  })

  it('claims nothing when the trends were cut off before this session’s five predecessors', () => {
    const points = [3, 4, 5].map((d) => point(d))
    expect(baselineFor(points, session(4), false)).toEqual({ kind: 'unknown' })
    const many = [1, 2, 3, 4, 5, 6, 7].map((d) => point(d))
    expect(baselineFor(many, session(7), false).kind).toBe('usual')
  })
})

describe('comparing with the usual value', () => {
  it('calls pace about the same within 5% or 3 wpm, and says which way otherwise', () => {
    expect(compareWithUsual('pace', 123, 118)).toBe('same')
    expect(compareWithUsual('pace', 125, 118)).toBe('up')
    expect(compareWithUsual('pace', 100, 118)).toBe('down')
    expect(compareWithUsual('pace', 62, 60)).toBe('same')
  })

  it('does not turn a near-zero filler rate into a change', () => {
    expect(compareWithUsual('fillers', 0.4, 0)).toBe('same')
    expect(compareWithUsual('fillers', 1, 0)).toBe('up')
    expect(compareWithUsual('fillers', 2, 5)).toBe('down')
  })

  it('compares MATTR in absolute terms', () => {
    expect(compareWithUsual('mattr', 0.71, 0.7)).toBe('same')
    expect(compareWithUsual('mattr', 0.75, 0.7)).toBe('up')
  })

  it('words each direction neutrally for its metric', () => {
    expect(directionText('pace', 'up')).toBe('faster than usual')
    expect(directionText('pace', 'down')).toBe('slower than usual')
    expect(directionText('fillers', 'down')).toBe('fewer than usual')
    expect(directionText('midClause', 'up')).toBe('more than usual')
    expect(directionText('mattr', 'down')).toBe('lower than usual')
    expect(directionText('mattr', 'same')).toBe('about your usual')
  })
})
