import { create } from 'zustand'
import type { TrendPoint } from '../../../electron/shared/contract.ts'
import { call } from '../api/client.ts'

/** Enough finished sessions that any recent session has its five predecessors loaded. */
export const BASELINE_TREND_LIMIT = 200

interface BaselineTrendsState {
  /** Finished sessions' figures, oldest first; null until loaded or when loading failed. */
  points: TrendPoint[] | null
  /** False when main had more finished sessions than were asked for. */
  complete: boolean
  load: () => Promise<void>
}

// Only the newest request may write: a slow answer must not replace a fresher one.
let latestRequest = 0

/** The trends the session screen's baseline is computed from (progress:trends), refreshed per visit. */
export const useBaselineTrends = create<BaselineTrendsState>((set) => ({
  points: null,
  complete: false,

  load: async () => {
    const request = ++latestRequest
    // Forget the last visit's points at once: a baseline from them could be wrong for this session.
    set({ points: null, complete: false })
    try {
      const { points } = await call('progress:trends', { limit: BASELINE_TREND_LIMIT })
      if (request === latestRequest) set({ points, complete: points.length < BASELINE_TREND_LIMIT })
    } catch {
      // The baseline is context beside the session's own figures: without it the panel says nothing about it.
      if (request === latestRequest) set({ points: null, complete: false })
    }
  }
}))
