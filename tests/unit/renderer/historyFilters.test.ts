import { describe, it, expect } from 'vitest'
import { SESSION_STATUSES, requests } from '../../../electron/shared/contract.ts'
import { EMPTY_FILTER, dayEndIso, dayStartIso, isFiltered, isRangeInverted, listFilter, toggleStatus } from '../../../renderer/src/history/filters.ts'

describe('listFilter', () => {
  it('sends nothing for an empty filter', () => {
    expect(listFilter(EMPTY_FILTER)).toEqual({})
    expect(isFiltered(EMPTY_FILTER)).toBe(false)
    expect(isFiltered({ ...EMPTY_FILTER, query: '   ' })).toBe(false)
  })

  it('combines every part, trimmed, in a request the contract accepts', () => {
    const request = listFilter({ query: ' river ', statuses: ['DONE', 'FAILED'], fromDate: '2025-03-01', toDate: '2025-03-31', patternKey: 'grammar.past-tense' })
    expect(request).toMatchObject({ query: 'river', statuses: ['DONE', 'FAILED'], patternKey: 'grammar.past-tense' })
    expect(requests['sessions:list'].safeParse({ ...request, limit: 200, offset: 0 }).success).toBe(true)
  })
})

describe('date range', () => {
  it('turns a date into the start and the last millisecond of that local day', () => {
    expect(dayStartIso('2025-03-09')).toBe(new Date(2025, 2, 9).toISOString())
    expect(dayEndIso('2025-03-09')).toBe(new Date(2025, 2, 9, 23, 59, 59, 999).toISOString())
  })

  it('includes the whole "to" day, also at a month end', () => {
    const end = new Date(dayEndIso('2025-02-28')!)
    expect(end.getDate()).toBe(28)
    expect(new Date(end.getTime() + 1).getDate()).toBe(1)
  })

  it('ignores empty or malformed dates', () => {
    expect(dayStartIso('')).toBeNull()
    expect(dayEndIso('2025-13-01')).toBeNull()
    expect(dayStartIso('yesterday')).toBeNull()
  })

  it('knows when from is after to', () => {
    expect(isRangeInverted({ fromDate: '2025-03-10', toDate: '2025-03-09' })).toBe(true)
    expect(isRangeInverted({ fromDate: '2025-03-09', toDate: '2025-03-09' })).toBe(false)
    expect(isRangeInverted({ fromDate: '2025-03-10', toDate: '' })).toBe(false)
  })
})

describe('toggleStatus', () => {
  it('adds and removes statuses, keeping the contract order', () => {
    const once = toggleStatus([], 'FAILED', SESSION_STATUSES)
    const twice = toggleStatus(once, 'DONE', SESSION_STATUSES)
    expect(twice).toEqual(['DONE', 'FAILED'])
    expect(toggleStatus(twice, 'FAILED', SESSION_STATUSES)).toEqual(['DONE'])
  })
})
