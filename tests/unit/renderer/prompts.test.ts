import { describe, it, expect } from 'vitest'
import { LEVELS } from '../../../electron/shared/contract.ts'
import { PROMPTS, PROMPT_CATEGORIES, filterPrompts, pickPrompt } from '../../../renderer/src/record/prompts.ts'

describe('the prompt library', () => {
  it('has about two dozen unique prompts in every category, across A2 to C2, each short enough for a topic', () => {
    expect(PROMPTS.length).toBeGreaterThanOrEqual(20)
    expect(new Set(PROMPTS.map((p) => p.id)).size).toBe(PROMPTS.length)
    for (const category of PROMPT_CATEGORIES) expect(PROMPTS.some((p) => p.category === category)).toBe(true)
    for (const level of LEVELS) expect(PROMPTS.some((p) => p.level === level)).toBe(true)
    // The topic field (and recording:start) take at most 200 characters.
    for (const p of PROMPTS) expect(p.text.length).toBeLessThanOrEqual(200)
  })
})

describe('filterPrompts', () => {
  it('keeps one category', () => {
    const travel = filterPrompts(PROMPTS, { category: 'travel', level: '' })
    expect(travel.length).toBeGreaterThan(0)
    expect(travel.every((p) => p.category === 'travel')).toBe(true)
  })

  it('keeps prompts up to one level above the learner', () => {
    const b1 = filterPrompts(PROMPTS, { category: '', level: 'B1' })
    expect(new Set(b1.map((p) => p.level))).toEqual(new Set(['A2', 'B1', 'B2']))
    expect(filterPrompts(PROMPTS, { category: '', level: 'C2' })).toHaveLength(PROMPTS.length)
  })

  it('combines category and level', () => {
    const stretch = filterPrompts(PROMPTS, { category: 'opinions', level: 'A2' })
    expect(stretch.length).toBeGreaterThan(0)
    expect(stretch.every((p) => p.category === 'opinions' && p.level === 'B1')).toBe(true)
  })
})

describe('pickPrompt', () => {
  const pool = filterPrompts(PROMPTS, { category: 'work', level: '' })

  it('never repeats the current prompt when there is another', () => {
    for (const r of [0, 0.25, 0.5, 0.99]) {
      expect(pickPrompt(pool, pool[0]!.id, () => r)!.id).not.toBe(pool[0]!.id)
    }
  })

  it('covers the whole pool and stays in bounds', () => {
    expect(pickPrompt(pool, null, () => 0)).toBe(pool[0])
    expect(pickPrompt(pool, null, () => 0.999999)).toBe(pool[pool.length - 1])
  })

  it('returns the only prompt again, or null from an empty pool', () => {
    expect(pickPrompt([pool[0]!], pool[0]!.id, () => 0.5)).toBe(pool[0])
    expect(pickPrompt([], null)).toBeNull()
  })
})
