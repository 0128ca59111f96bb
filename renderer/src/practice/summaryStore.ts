import { create } from 'zustand'
import type { DrillView, PatternEvidence, PracticeFocus } from '../../../electron/shared/contract.ts'
import { call, errorMessage } from '../api/client.ts'

interface Today {
  drills: DrillView[]
  due: number
  focus: PracticeFocus | null
  prompt: string
}

interface PracticeSummaryState {
  today: Today | null
  evidence: PatternEvidence[] | null
  error: string | null
  /** "Today's practice" for the Record screen. */
  loadToday: () => Promise<void>
  /** This week's drill results by pattern, for Progress. */
  loadEvidence: () => Promise<void>
}

/** What other screens show of practice: today's due drills and this week's evidence. */
export const usePracticeSummary = create<PracticeSummaryState>((set) => ({
  today: null,
  evidence: null,
  error: null,
  loadToday: async () => {
    try {
      set({ today: await call('practice:today', {}), error: null })
    } catch (error) {
      set({ error: errorMessage(error) })
    }
  },
  loadEvidence: async () => {
    try {
      set({ evidence: (await call('practice:evidence', {})).patterns, error: null })
    } catch (error) {
      set({ error: errorMessage(error) })
    }
  }
}))

/** "past tense: 6 of 8 drills passed this week" */
export function evidenceLine(e: PatternEvidence): string {
  return `${e.label}: ${e.passed} of ${e.attempts} ${e.attempts === 1 ? 'drill' : 'drills'} passed this week`
}
