import { describe, expect, it } from 'vitest'
import { eraseProgressView } from '../../../renderer/src/settings/eraseProgress.ts'

describe('delete everything progress', () => {
  it('counts sessions up to 80% and then names each remaining step, ending at 100%', () => {
    expect(eraseProgressView({ phase: 'sessions', done: 0, total: 10_000 })).toEqual({ text: 'Deleting sessions: 0 of 10,000', percent: 0 })
    expect(eraseProgressView({ phase: 'sessions', done: 5_000, total: 10_000 })).toEqual({ text: 'Deleting sessions: 5,000 of 10,000', percent: 40 })
    expect(eraseProgressView({ phase: 'files', done: 10_000, total: 10_000 }).percent).toBe(85)
    expect(eraseProgressView({ phase: 'compact', done: 10_000, total: 10_000 }).text).toMatch(/database/)
    expect(eraseProgressView({ phase: 'done', done: 10_000, total: 10_000 })).toEqual({ text: 'Everything is deleted.', percent: 100 })
  })

  it('an empty history is not a division by zero', () => {
    expect(eraseProgressView({ phase: 'sessions', done: 0, total: 0 })).toEqual({ text: 'Deleting sessions: 0 of 0', percent: 80 })
  })
})
