import { create } from 'zustand'
import type { RetellView } from '../../../electron/shared/contract.ts'
import { call, errorMessage, subscribe } from '../api/client.ts'
import { announce } from '../shell/announcer.ts'
import { navigate } from '../shell/route.ts'
import { useRecorder } from '../record/store.ts'
import { useSessions } from '../sessions/store.ts'
import { useSettings } from '../settings/store.ts'
import { micErrorMessage } from '../record/microphone.ts'
import { MIN_RECORDING_MS } from '../record/limits.ts'
import { sessionSink, startRecording, type ActiveRecording } from '../record/recorder.ts'
import type { SessionSummary } from '../../../electron/shared/contract.ts'
import { newestOnly } from '../api/newestOnly.ts'
import { ROUND_PRESETS } from './rounds.ts'

/** setup → (ready ↔ recording) for each of the three rounds → done. */
export type RetellPhase = 'setup' | 'ready' | 'starting' | 'recording' | 'saving' | 'done'

interface RetellState {
  phase: RetellPhase
  prompt: string
  presetId: string
  retell: RetellView | null
  /** The round to record next (1-3). */
  round: number
  elapsedMs: number
  notice: string | null
  error: string | null
  setPrompt: (prompt: string) => void
  setPreset: (id: string) => void
  begin: () => Promise<void>
  open: (id: string) => Promise<void>
  startRound: () => Promise<void>
  stopRound: () => Promise<void>
  reset: () => void
  level: () => number
}

let active: ActiveRecording<SessionSummary> | null = null
let ticker: number | undefined

export const useRetell = create<RetellState>((set, get) => ({
  phase: 'setup',
  prompt: '',
  presetId: ROUND_PRESETS[0]!.id,
  retell: null,
  round: 1,
  elapsedMs: 0,
  notice: null,
  error: null,

  setPrompt: (prompt) => set({ prompt }),
  setPreset: (presetId) => set({ presetId }),

  begin: async () => {
    const preset = ROUND_PRESETS.find((p) => p.id === get().presetId) ?? ROUND_PRESETS[0]!
    try {
      const retell = await call('retell:start', { prompt: get().prompt, roundSeconds: [...preset.seconds] })
      set({ retell, round: 1, phase: 'ready', error: null, notice: null })
      navigate({ name: 'retell', id: retell.id })
    } catch (error) {
      set({ error: errorMessage(error) })
    }
  },

  open: async (id) => {
    if (get().retell?.id === id) return
    try {
      const retell = await call('retell:get', { id })
      const round = retell.rounds.length + 1
      set({ retell, prompt: retell.prompt, round, phase: round > 3 ? 'done' : 'ready', error: null })
    } catch (error) {
      set({ error: errorMessage(error) })
    }
  },

  startRound: async () => {
    const { retell, round, phase } = get()
    if (!retell || phase !== 'ready') return
    const seconds = retell.roundSeconds[round - 1] ?? 120
    set({ phase: 'starting', notice: null, error: null, elapsedMs: 0 })
    try {
      active = await startRecording(
        {
          deviceId: useRecorder.getState().deviceId,
          maxMs: seconds * 1000,
          pcm: useSettings.getState().settings?.resolved.transcription === 'on-device',
          sink: sessionSink(retell.prompt)
        },
        {
          onSilence: () => undefined,
          onFailure: (error) => {
            set({ error: `The round could not be saved: ${error.message}` })
            void abandon(set)
          },
          onLimit: () => {
            announce('Time is up.')
            void get().stopRound()
          }
        }
      )
    } catch (error) {
      set({ phase: 'ready', error: micErrorMessage(error) })
      return
    }
    set({ phase: 'recording' })
    announce(`Round ${round} of 3: ${seconds / 60} minutes. Tell it again.`)
    ticker = window.setInterval(() => set({ elapsedMs: active?.elapsedMs() ?? 0 }), 250)
  },

  stopRound: async () => {
    const recording = active
    const { retell, round } = get()
    if (!recording || !retell || get().phase !== 'recording') return
    set({ phase: 'saving' })
    window.clearInterval(ticker)
    if (recording.elapsedMs() < MIN_RECORDING_MS) {
      await abandon(set)
      set({ notice: `That round was shorter than ${MIN_RECORDING_MS / 1000} seconds, so it was not kept. Record it again.` })
      return
    }
    try {
      const summary = await recording.stop()
      active = null
      useSessions.getState().upsert([summary])
      const view = await call('retell:addRound', { retellId: retell.id, round, sessionId: summary.id })
      const next = round + 1
      set({ retell: view, round: next, phase: next > 3 ? 'done' : 'ready', elapsedMs: 0 })
      // The round's session may have finished while it was being added, before its events could be
      // matched to this retell: read it once more (which also drops any older read still on its way).
      void refresh(view.id)
      announce(next > 3 ? 'All three rounds are recorded. The comparison fills in as they are analysed.' : `Round ${round} saved. Take a breath, then start round ${next}.`)
    } catch (error) {
      active = null
      set({ phase: 'ready', error: `The round could not be finished: ${errorMessage(error)}` })
    }
  },

  reset: () => {
    if (active) return
    set({ phase: 'setup', retell: null, round: 1, elapsedMs: 0, notice: null, error: null })
  },

  level: () => active?.level() ?? 0
}))

async function abandon(set: (partial: Partial<RetellState>) => void): Promise<void> {
  window.clearInterval(ticker)
  const recording = active
  active = null
  await recording?.discard().catch(() => undefined)
  set({ phase: 'ready', elapsedMs: 0 })
}

/** The retell is read again on its sessions' events; only the newest read may land. */
const viewRequests = newestOnly<string>()

/** Reads the retell again and shows it, unless another retell is on screen or a later read began. */
async function refresh(id: string): Promise<void> {
  const ticket = viewRequests.begin(id)
  try {
    const view = await call('retell:get', { id })
    if (viewRequests.isNewest(id, ticket) && useRetell.getState().retell?.id === id) useRetell.setState({ retell: view })
  } catch {
    // The table keeps what it showed; the next event or a reload reads it again.
  }
}

let syncing = false

/** Refreshes the retell on screen when one of its rounds' sessions changes (analysed, failed). */
export function startRetellSync(): void {
  if (syncing) return
  syncing = true
  subscribe('session:updated', (summary) => {
    const { retell } = useRetell.getState()
    if (retell?.rounds.some((r) => r.sessionId === summary.id)) void refresh(retell.id)
  })
}
