import { create } from 'zustand'
import type { PatternStatView, TrendPoint } from '../../../electron/shared/contract.ts'
import { call, errorMessage } from '../api/client.ts'

/** How many finished sessions the trends cover (oldest dropped first). */
export const TREND_SESSIONS = 200

interface ProgressState {
  loading: boolean
  error: string | null
  patterns: PatternStatView[] | null
  /** Finished sessions' figures, oldest first. */
  points: TrendPoint[]
  load: () => Promise<void>
}

export const useProgress = create<ProgressState>((set) => ({
  loading: false,
  error: null,
  patterns: null,
  points: [],

  load: async () => {
    set({ loading: true, error: null })
    try {
      const [profile, trends] = await Promise.all([call('profile:get', {}), call('progress:trends', { limit: TREND_SESSIONS })])
      set({ loading: false, patterns: profile.patterns, points: trends.points })
    } catch (error) {
      set({ loading: false, error: errorMessage(error) })
    }
  }
}))
