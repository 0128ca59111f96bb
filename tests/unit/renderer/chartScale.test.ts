import { describe, it, expect } from 'vitest'
import { valueRange } from '../../../renderer/src/progress/chartScale.ts'

describe('valueRange', () => {
  it('widens the data to show the reference band', () => {
    const [lo, hi] = valueRange(90, 100, [110, 150])
    expect(lo).toBeLessThan(90)
    expect(hi).toBeGreaterThan(150)
  })

  it('never goes below zero', () => {
    expect(valueRange(0.5, 2, [5])[0]).toBe(0)
  })

  it('gives a single value some room', () => {
    const [lo, hi] = valueRange(0.72, 0.72, [])
    expect(lo).toBeLessThan(0.72)
    expect(hi).toBeGreaterThan(0.72)
  })

  it('has a default without data', () => {
    expect(valueRange(null, null, [])).toEqual([0, 1])
  })
})
