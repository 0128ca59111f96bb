import { create } from 'zustand'
import type { PatternStatView, SessionStatus } from '../../../electron/shared/contract.ts'
import { SESSION_STATUSES } from '../../../electron/shared/contract.ts'
import { call, errorMessage, subscribe } from '../api/client.ts'
import { useSessions } from '../sessions/store.ts'
import { announce } from '../shell/announcer.ts'
import { EMPTY_FILTER, listFilter, toggleStatus, type HistoryFilter } from './filters.ts'

/** Rows fetched per sessions:list call. */
export const PAGE_SIZE = 200

interface HistoryState {
  filter: HistoryFilter
  /** null until the first page ever arrived; afterwards the last known total, kept while a new filter loads. */
  total: number | null
  /** Session ids by row; null where the page is not loaded yet. Summaries live in the sessions store. */
  ids: (string | null)[]
  /** A request for the current filter is in flight. */
  loading: boolean
  error: string | null
  /** Bumped on every filter change, so the list goes back to the top. */
  filterVersion: number
  /** The pattern catalog the learner has, for the pattern filter (from profile:get). */
  patterns: PatternStatView[]
  setQuery: (query: string) => void
  toggleStatus: (status: SessionStatus) => void
  setDates: (dates: Partial<Pick<HistoryFilter, 'fromDate' | 'toDate'>>) => void
  setPattern: (patternKey: string) => void
  clearFilter: () => void
  loadPatterns: () => Promise<void>
  /** Loads the pages covering rows [start, end), as the virtual list scrolls. */
  ensureRange: (start: number, end: number) => void
  /** Starts over for a new filter: the first page loads and replaces the rows when it arrives. */
  reload: () => void
  /** Re-fetches the visible pages in place, keeping the rows on screen until the answers arrive. */
  refresh: () => void
}

// Bumped on every reload or refresh, so answers to an older request set are dropped.
let generation = 0
// Set by reload: the next answer replaces every row instead of filling its page in.
let replaceRows = false
const requested = new Set<number>()
let lastRange: [number, number] = [0, PAGE_SIZE]
let queryTimer: number | undefined

export const useHistory = create<HistoryState>((set, get) => ({
  filter: EMPTY_FILTER,
  total: null,
  ids: [],
  loading: false,
  error: null,
  filterVersion: 0,
  patterns: [],

  setQuery: (query) => {
    set((s) => ({ filter: { ...s.filter, query } }))
    // Debounced: a request per keystroke would race and flicker.
    window.clearTimeout(queryTimer)
    queryTimer = window.setTimeout(() => get().reload(), 250)
  },

  toggleStatus: (status) => {
    set((s) => ({ filter: { ...s.filter, statuses: toggleStatus(s.filter.statuses, status, SESSION_STATUSES) } }))
    get().reload()
  },

  setDates: (dates) => {
    set((s) => ({ filter: { ...s.filter, ...dates } }))
    get().reload()
  },

  setPattern: (patternKey) => {
    set((s) => ({ filter: { ...s.filter, patternKey } }))
    get().reload()
  },

  clearFilter: () => {
    window.clearTimeout(queryTimer)
    set({ filter: EMPTY_FILTER })
    get().reload()
  },

  loadPatterns: async () => {
    try {
      const { patterns } = await call('profile:get', {})
      set({ patterns: [...patterns].sort((a, b) => a.label.localeCompare(b.label)) })
    } catch {
      // The pattern filter then offers "Any pattern" only; the list itself reports its own errors.
    }
  },

  ensureRange: (start, end) => {
    lastRange = [start, end]
    const first = Math.floor(start / PAGE_SIZE)
    const last = Math.floor(Math.max(start, end - 1) / PAGE_SIZE)
    for (let page = first; page <= last; page++) {
      const total = get().total
      if (requested.has(page) || (!replaceRows && total !== null && page * PAGE_SIZE >= total && page > 0)) continue
      void loadPage(page)
    }
  },

  reload: () => {
    generation++
    replaceRows = true
    requested.clear()
    lastRange = [0, PAGE_SIZE]
    set((s) => ({ error: null, loading: true, filterVersion: s.filterVersion + 1 }))
    get().ensureRange(...lastRange)
  },

  refresh: () => {
    generation++
    requested.clear()
    get().ensureRange(...lastRange)
  }
}))

async function loadPage(page: number): Promise<void> {
  requested.add(page)
  const gen = generation
  try {
    const result = await call('sessions:list', { limit: PAGE_SIZE, offset: page * PAGE_SIZE, ...listFilter(useHistory.getState().filter) })
    if (gen !== generation) return
    const replace = replaceRows
    replaceRows = false
    useSessions.getState().upsert(result.sessions)
    useHistory.setState((s) => {
      // A new filter or a changed total keeps no stale rows; otherwise only this page is filled in.
      const fresh = replace || s.total === null || s.ids.length !== result.total
      const ids = fresh ? new Array<string | null>(result.total).fill(null) : s.ids.slice()
      if (replace && page === 0) announce(`${result.total} ${result.total === 1 ? 'session' : 'sessions'}`)
      result.sessions.forEach((session, i) => {
        ids[page * PAGE_SIZE + i] = session.id
      })
      return { total: result.total, ids, error: null, loading: false }
    })
  } catch (error) {
    requested.delete(page)
    if (gen === generation) useHistory.setState({ error: errorMessage(error), loading: false })
  }
}

let refreshTimer: number | undefined
let watching = false

/** Reloads the visible pages when a session appears, leaves the filter or is deleted. */
export function watchHistory(): void {
  if (watching) return
  watching = true
  const refreshSoon = () => {
    window.clearTimeout(refreshTimer)
    refreshTimer = window.setTimeout(() => useHistory.getState().refresh(), 300)
  }
  subscribe('session:updated', (summary) => {
    const { ids, filter } = useHistory.getState()
    if (!ids.includes(summary.id) || (filter.statuses.length > 0 && !filter.statuses.includes(summary.status))) refreshSoon()
  })
  subscribe('session:deleted', ({ id }) => {
    if (useHistory.getState().ids.includes(id)) refreshSoon()
  })
}
