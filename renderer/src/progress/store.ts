import { create } from 'zustand'
import type { PatternStatView, SessionSummary } from '../../../electron/shared/contract.ts'
import { call, errorMessage } from '../api/client.ts'

/** How many finished sessions the trends cover. */
export const TREND_SESSIONS = 20

export interface TrendPoint {
  sessionId: string
  at: string
  pace: number
  fillersPerMinute: number
}

interface ProgressState {
  loading: boolean
  error: string | null
  patterns: PatternStatView[] | null
  doneSessions: SessionSummary[]
  /** Oldest first. */
  trend: TrendPoint[]
  load: () => Promise<void>
}

export const useProgress = create<ProgressState>((set) => ({
  loading: false,
  error: null,
  patterns: null,
  doneSessions: [],
  trend: [],

  load: async () => {
    set({ loading: true, error: null })
    try {
      const [profile, done] = await Promise.all([
        call('profile:get', {}),
        call('sessions:list', { status: 'DONE', limit: TREND_SESSIONS })
      ])
      // Metrics are only in the detail; 20 local calls are cheap next to a new channel for trends.
      const details = await Promise.all(done.sessions.map((s) => call('sessions:get', { id: s.id }).catch(() => null)))
      const trend = details
        .flatMap((d) =>
          d?.metrics ? [{ sessionId: d.id, at: d.createdAt, pace: d.metrics.speakingRate, fillersPerMinute: d.metrics.fillers.perMinute }] : []
        )
        .sort((a, b) => a.at.localeCompare(b.at))
      set({ loading: false, patterns: profile.patterns, doneSessions: done.sessions, trend })
    } catch (error) {
      set({ loading: false, error: errorMessage(error) })
    }
  }
}))
