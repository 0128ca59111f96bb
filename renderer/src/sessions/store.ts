import { create } from 'zustand'
import { ACTIVE_STATUSES, type SessionDetail, type SessionSummary } from '../../../electron/shared/contract.ts'
import { call, errorMessage, subscribe } from '../api/client.ts'
import { announce } from '../shell/announcer.ts'
import { STATUS_LABELS, isProcessing } from '../ui/status.ts'
import { formatTime } from '../ui/format.ts'
import { isNotOlder } from './order.ts'
import { newestOnly } from '../api/newestOnly.ts'

export interface DetailEntry {
  detail: SessionDetail | null
  loading: boolean
  error: string | null
}

interface SessionsState {
  /** Every summary the renderer has seen, kept current by `session:updated` / `session:deleted`. */
  byId: Record<string, SessionSummary>
  /** Ids main is working on; the whole set is loaded at start so the "N processing" count is complete. */
  processing: Record<string, true>
  details: Record<string, DetailEntry>
  /** How far each transcribing session is, 0–100, for the ones whose provider reports it (on-device). */
  progress: Record<string, number>
  /** The newest DONE session, whose focusNext is the goal shown while recording (none if it was too short to judge). */
  latestDone: SessionSummary | null
  upsert: (summaries: SessionSummary[]) => void
  loadDetail: (id: string) => Promise<void>
  retry: (id: string) => Promise<void>
  reanalyze: (id: string) => Promise<void>
  /** Stops a processing session; it ends FAILED ("Cancelled") and can be retried. */
  cancel: (id: string) => Promise<void>
  remove: (id: string) => Promise<void>
}

export const useSessions = create<SessionsState>((set, get) => ({
  byId: {},
  processing: {},
  details: {},
  progress: {},
  latestDone: null,

  upsert: (summaries) => {
    if (summaries.length === 0) return
    set((state) => {
      const byId = { ...state.byId }
      const processing = { ...state.processing }
      const progress = { ...state.progress }
      let latestDone = state.latestDone
      for (const s of summaries) {
        if (!isNotOlder(s, byId[s.id])) continue
        byId[s.id] = s
        if (s.status !== 'TRANSCRIBING') delete progress[s.id]
        if (isProcessing(s.status)) processing[s.id] = true
        else delete processing[s.id]
        if (s.status === 'DONE' && (!latestDone || s.createdAt >= latestDone.createdAt)) latestDone = s
        else if (latestDone?.id === s.id && s.status !== 'DONE') latestDone = null
      }
      return { byId, processing, progress, latestDone }
    })
  },

  loadDetail: async (id) => {
    const existing = get().details[id]
    const ticket = detailRequests.begin(id)
    set((s) => ({ details: { ...s.details, [id]: { detail: existing?.detail ?? null, loading: true, error: null } } }))
    try {
      const fetched = await call('sessions:get', { id })
      if (!detailRequests.isNewest(id, ticket)) return
      // An event that changed nothing the detail carries may have overtaken this request: it must
      // still not move the session back.
      const latest = get().byId[id]
      const detail = latest && latest.updatedAt > fetched.updatedAt ? { ...fetched, ...latest } : fetched
      get().upsert([detail])
      set((s) => ({ details: { ...s.details, [id]: { detail, loading: false, error: null } } }))
    } catch (error) {
      if (!detailRequests.isNewest(id, ticket)) return
      set((s) => ({
        details: { ...s.details, [id]: { detail: existing?.detail ?? null, loading: false, error: errorMessage(error) } }
      }))
    }
  },

  retry: async (id) => {
    get().upsert([await call('sessions:retry', { id })])
  },

  reanalyze: async (id) => {
    get().upsert([await call('sessions:reanalyze', { id })])
  },

  cancel: async (id) => {
    get().upsert([await call('sessions:cancel', { id })])
  },

  remove: async (id) => {
    await call('sessions:delete', { id })
    forget(id)
  }
}))

/** A session's detail is fetched again on each stage change; only the newest fetch may land. */
const detailRequests = newestOnly<string>()

let started = false

/** Subscribes to main's session events once and loads what the shell needs at start. */
export function startSessionSync(): void {
  if (started) return
  started = true
  subscribe('session:updated', onUpdated)
  subscribe('session:deleted', ({ id }) => forget(id))
  subscribe('session:progress', ({ id, percent }) => {
    // Only while main still reports the session transcribing: a late note must not outlive the stage.
    if (useSessions.getState().byId[id]?.status !== 'TRANSCRIBING') return
    useSessions.setState((s) => ({ progress: { ...s.progress, [id]: percent } }))
  })
  void loadInitial()
}

async function loadInitial(): Promise<void> {
  try {
    // Every unfinished session in one call (the indicator counts those main is working on), and
    // the newest finished one for the focus card.
    const [active, done] = await Promise.all([
      call('sessions:list', { statuses: [...ACTIVE_STATUSES], limit: 500 }),
      call('sessions:list', { status: 'DONE', limit: 1 })
    ])
    useSessions.getState().upsert([...active.sessions, ...done.sessions])
  } catch {
    // The indicator and focus card are conveniences; the screens that need data report their own errors.
  }
}

function onUpdated(summary: SessionSummary): void {
  const state = useSessions.getState()
  const previous = state.byId[summary.id]
  if (!isNotOlder(summary, previous)) return
  state.upsert([summary])
  if (previous?.status !== summary.status && summary.status !== 'CREATED') {
    announce(`Session from ${formatTime(summary.createdAt)}: ${STATUS_LABELS[summary.status]}`)
  }
  const entry = state.details[summary.id]
  if (!entry) return
  // Merge the summary at once so the timeline moves; refetch when the stage changed, since a new
  // stage brings a transcript, an analysis or ledger rows the summary does not carry. A first load
  // still on its way may have been read before this change, so it is fetched again too.
  const shown = entry.detail
  if (shown) {
    useSessions.setState((s) => ({ details: { ...s.details, [summary.id]: { ...entry, detail: { ...shown, ...summary } } } }))
  }
  if (previous?.status !== summary.status || summary.status === 'DONE') void state.loadDetail(summary.id)
}

function forget(id: string): void {
  useSessions.setState((s) => {
    const byId = { ...s.byId }
    const processing = { ...s.processing }
    const details = { ...s.details }
    const progress = { ...s.progress }
    delete byId[id]
    delete processing[id]
    delete details[id]
    delete progress[id]
    return { byId, processing, details, progress, latestDone: s.latestDone?.id === id ? null : s.latestDone }
  })
  if (useSessions.getState().latestDone === null) {
    void call('sessions:list', { status: 'DONE', limit: 1 })
      .then((l) => useSessions.getState().upsert(l.sessions))
      .catch(() => undefined)
  }
}

/** The number of sessions main is working on, for the shell's indicator. */
export function useProcessingCount(): number {
  return useSessions((s) => Object.keys(s.processing).length)
}
