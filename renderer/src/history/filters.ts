import type { Request, SessionStatus } from '../../../electron/shared/contract.ts'

/** What the learner narrowed History to. Dates are `YYYY-MM-DD` from date inputs, '' when unset. */
export interface HistoryFilter {
  query: string
  statuses: SessionStatus[]
  fromDate: string
  toDate: string
  patternKey: string
}

export const EMPTY_FILTER: HistoryFilter = { query: '', statuses: [], fromDate: '', toDate: '', patternKey: '' }

type ListFilter = Omit<Request<'sessions:list'>, 'limit' | 'offset'>

/** The sessions:list filter for what the learner chose; unset parts are left out. */
export function listFilter(filter: HistoryFilter): ListFilter {
  const request: ListFilter = {}
  const query = filter.query.trim()
  if (query) request.query = query
  if (filter.statuses.length > 0) request.statuses = [...filter.statuses]
  const from = dayStartIso(filter.fromDate)
  const to = dayEndIso(filter.toDate)
  if (from) request.from = from
  if (to) request.to = to
  if (filter.patternKey) request.patternKey = filter.patternKey
  return request
}

export function isFiltered(filter: HistoryFilter): boolean {
  return Object.keys(listFilter(filter)).length > 0
}

/** True when both dates are set and the range is empty. */
export function isRangeInverted(filter: Pick<HistoryFilter, 'fromDate' | 'toDate'>): boolean {
  return filter.fromDate !== '' && filter.toDate !== '' && filter.fromDate > filter.toDate
}

/** The start of a local calendar day as an ISO datetime (UTC), or null for '' or a malformed date. */
export function dayStartIso(date: string): string | null {
  const day = parseDay(date)
  return day ? new Date(day.y, day.m - 1, day.d).toISOString() : null
}

/** The last millisecond of a local calendar day as an ISO datetime (UTC): "to" includes that whole day. */
export function dayEndIso(date: string): string | null {
  const day = parseDay(date)
  return day ? new Date(day.y, day.m - 1, day.d + 1, 0, 0, 0, -1).toISOString() : null
}

/** Adds or removes one status from the set, keeping the contract's order. */
export function toggleStatus(statuses: readonly SessionStatus[], status: SessionStatus, order: readonly SessionStatus[]): SessionStatus[] {
  const next = statuses.includes(status) ? statuses.filter((s) => s !== status) : [...statuses, status]
  return order.filter((s) => next.includes(s))
}

function parseDay(date: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return null
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (m < 1 || m > 12 || d < 1 || d > 31) return null
  return { y, m, d }
}
