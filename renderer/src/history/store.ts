import { create } from 'zustand'
import type { SessionStatus } from '../../../electron/shared/contract.ts'
import { call, errorMessage, subscribe } from '../api/client.ts'
import { useSessions } from '../sessions/store.ts'
import { announce } from '../shell/announcer.ts'

/** Rows fetched per sessions:list call. */
export const PAGE_SIZE = 200

interface HistoryState {
  query: string
  status: SessionStatus | ''
  /** null until the first page of the current filter arrived. */
  total: number | null
  /** Session ids by row; null where the page is not loaded yet. Summaries live in the sessions store. */
  ids: (string | null)[]
  error: string | null
  setQuery: (query: string) => void
  setStatus: (status: SessionStatus | '') => void
  /** Loads the pages covering rows [start, end), as the virtual list scrolls. */
  ensureRange: (start: number, end: number) => void
  /** Starts over for a new filter: rows are cleared and the first page loads. */
  reload: () => void
  /** Re-fetches the visible pages in place, keeping the rows on screen until the answers arrive. */
  refresh: () => void
}

// Bumped whenever the filter changes, so answers to an older filter are dropped.
let generation = 0
const requested = new Set<number>()
let lastRange: [number, number] = [0, PAGE_SIZE]
let queryTimer: number | undefined

export const useHistory = create<HistoryState>((set, get) => ({
  query: '',
  status: '',
  total: null,
  ids: [],
  error: null,

  setQuery: (query) => {
    set({ query })
    // Debounced: a request per keystroke would race and flicker.
    window.clearTimeout(queryTimer)
    queryTimer = window.setTimeout(() => get().reload(), 250)
  },

  setStatus: (status) => {
    set({ status })
    get().reload()
  },

  ensureRange: (start, end) => {
    lastRange = [start, end]
    const first = Math.floor(start / PAGE_SIZE)
    const last = Math.floor(Math.max(start, end - 1) / PAGE_SIZE)
    for (let page = first; page <= last; page++) {
      const total = get().total
      if (requested.has(page) || (total !== null && page * PAGE_SIZE >= total && page > 0)) continue
      void loadPage(page)
    }
  },

  reload: () => {
    generation++
    requested.clear()
    set({ error: null, total: null, ids: [] })
    lastRange = [0, PAGE_SIZE]
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
  const { query, status } = useHistory.getState()
  try {
    const result = await call('sessions:list', {
      limit: PAGE_SIZE,
      offset: page * PAGE_SIZE,
      ...(query.trim() ? { query: query.trim() } : {}),
      ...(status ? { status } : {})
    })
    if (gen !== generation) return
    useSessions.getState().upsert(result.sessions)
    useHistory.setState((s) => {
      const firstOfFilter = s.total === null || s.ids.length !== result.total
      // On a new filter or a changed total keep no stale rows; otherwise only fill this page in.
      const ids = firstOfFilter ? new Array<string | null>(result.total).fill(null) : s.ids.slice()
      if (firstOfFilter && page === 0 && s.total === null) announce(`${result.total} sessions`)
      result.sessions.forEach((session, i) => {
        ids[page * PAGE_SIZE + i] = session.id
      })
      return { total: result.total, ids, error: null }
    })
  } catch (error) {
    requested.delete(page)
    if (gen === generation) useHistory.setState({ error: errorMessage(error) })
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
    const { ids, status } = useHistory.getState()
    if (!ids.includes(summary.id) || (status && summary.status !== status)) refreshSoon()
  })
  subscribe('session:deleted', ({ id }) => {
    if (useHistory.getState().ids.includes(id)) refreshSoon()
  })
}
