import { describe, it, expect } from 'vitest'
import { MIN_RECORDING_MS, isTooShort, remainingText, warningAtMs } from '../../../renderer/src/record/limits.ts'

describe('recording limits', () => {
  it('warns a minute before the maximum length', () => {
    expect(warningAtMs(30 * 60_000)).toBe(29 * 60_000)
    expect(warningAtMs(3 * 60_000)).toBe(2 * 60_000)
  })

  it('warns halfway when the maximum is two minutes or less', () => {
    expect(warningAtMs(2 * 60_000)).toBe(60_000)
    expect(warningAtMs(60_000)).toBe(30_000)
  })

  it('says how much time is left in words a speaker can plan with', () => {
    expect(remainingText(29 * 60_000, 30 * 60_000)).toBe('1 minute left')
    expect(remainingText(0, 5 * 60_000)).toBe('5 minutes left')
    expect(remainingText(30_000, 60_000)).toBe('30 seconds left')
    expect(remainingText(55_000, 60_000)).toBe('10 seconds left')
    expect(remainingText(60_000, 60_000)).toBe('10 seconds left')
  })

  it('treats anything under three seconds as too short', () => {
    expect(MIN_RECORDING_MS).toBe(3000)
    expect(isTooShort(2999)).toBe(true)
    expect(isTooShort(3000)).toBe(false)
  })
})
