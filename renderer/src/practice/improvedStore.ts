import { create } from 'zustand'
import type { ImprovedPart } from '../../../electron/shared/contract.ts'
import { call, errorMessage } from '../api/client.ts'

interface ImprovedState {
  sessionId: string | null
  parts: ImprovedPart[] | null
  changes: number
  error: string | null
  /** Reads the session's transcript with its verified corrections applied. */
  load: (sessionId: string) => Promise<void>
}

// Only the newest request may write: a slow answer for another session must not replace it.
let latestRequest = 0

/** The improved transcript of the session on screen. */
export const useImprovedTranscript = create<ImprovedState>((set) => ({
  sessionId: null,
  parts: null,
  changes: 0,
  error: null,
  load: async (sessionId) => {
    const request = ++latestRequest
    set({ sessionId, parts: null, changes: 0, error: null })
    try {
      const { parts, changes } = await call('practice:improved', { sessionId })
      if (request === latestRequest) set({ parts, changes })
    } catch (error) {
      if (request === latestRequest) set({ error: errorMessage(error) })
    }
  }
}))
