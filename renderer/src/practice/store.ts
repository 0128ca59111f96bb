import { create } from 'zustand'
import { ATTEMPT_MAX_MS, ATTEMPT_MIN_MS, type AttemptView, type DrillView, type PracticeFocus } from '../../../electron/shared/contract.ts'
import { call, errorMessage, subscribe } from '../api/client.ts'
import { announce } from '../shell/announcer.ts'
import { useRecorder } from '../record/store.ts'
import { useSettings } from '../settings/store.ts'
import { micErrorMessage } from '../record/microphone.ts'
import { startRecording, type ActiveRecording, type RecordingSink } from '../record/recorder.ts'

/** Where the learner is with one drill: choosing, recording a try, waiting for the verdict, or reading it. */
export type AttemptPhase = 'idle' | 'starting' | 'recording' | 'stopping' | 'judging' | 'done'

interface PracticeState {
  loading: boolean
  error: string | null
  drills: DrillView[] | null
  /** When the drills were read: "due now" is decided against this time. */
  loadedAt: number
  focus: PracticeFocus | null
  /** The drill being practised; the first drill when none was chosen. */
  selectedId: string | null
  phase: AttemptPhase
  elapsedMs: number
  attempt: AttemptView | null
  notice: string | null
  recordError: string | null
  load: () => Promise<void>
  select: (drillId: string) => void
  start: () => Promise<void>
  stop: () => Promise<void>
  retry: () => Promise<void>
  /** Opens (making it on first use) the pattern's free-sentence drill, judged by Claude. */
  openFreeDrill: (patternKey: string) => Promise<void>
  /** The live level 0-1 for the meter. */
  level: () => number
}

// The recording engine is not serialisable state; it lives beside the store, not in it.
let active: ActiveRecording<AttemptView> | null = null
let ticker: number | undefined

/** A recording that becomes an attempt at `drillId`. */
function attemptSink(drillId: string): RecordingSink<AttemptView> {
  return {
    open: async (mimeType) => (await call('practice:start', { drillId, mimeType })).attemptId,
    chunk: (attemptId, seq, data) => call('practice:chunk', { attemptId, seq, data }),
    finish: (attemptId, durationMs) => call('practice:finish', { attemptId, durationMs }),
    discard: (attemptId) => call('practice:discard', { attemptId })
  }
}

export const usePractice = create<PracticeState>((set, get) => ({
  loading: false,
  error: null,
  drills: null,
  loadedAt: 0,
  focus: null,
  selectedId: null,
  phase: 'idle',
  elapsedMs: 0,
  attempt: null,
  notice: null,
  recordError: null,

  load: async () => {
    set({ loading: true, error: null })
    try {
      const { drills, focus } = await call('practice:list', {})
      const { selectedId } = get()
      const keep = selectedId && drills.some((d) => d.id === selectedId) ? selectedId : (drills[0]?.id ?? null)
      set({ loading: false, drills, focus, selectedId: keep, loadedAt: Date.now() })
    } catch (error) {
      set({ loading: false, error: errorMessage(error) })
    }
  },

  select: (drillId) => {
    if (get().phase === 'recording' || get().phase === 'starting' || get().phase === 'stopping') return
    if (get().selectedId !== drillId) set({ selectedId: drillId, phase: 'idle', attempt: null, notice: null, recordError: null })
  },

  start: async () => {
    const drillId = get().selectedId
    if (!drillId || !['idle', 'done'].includes(get().phase)) return
    set({ phase: 'starting', attempt: null, notice: null, recordError: null, elapsedMs: 0 })
    const settings = useSettings.getState().settings
    try {
      active = await startRecording(
        { deviceId: useRecorder.getState().deviceId, maxMs: ATTEMPT_MAX_MS, pcm: settings?.resolved.transcription === 'on-device', sink: attemptSink(drillId) },
        {
          onSilence: () => undefined,
          onFailure: (error) => {
            set({ recordError: `The recording could not be saved: ${error.message}` })
            void discardActive(set)
          },
          onLimit: () => {
            announce(`Reached ${ATTEMPT_MAX_MS / 1000} seconds. Stopping.`)
            void get().stop()
          }
        }
      )
    } catch (error) {
      set({ phase: 'idle', recordError: micErrorMessage(error) })
      return
    }
    set({ phase: 'recording' })
    announce('Recording. Say the sentence, then press Stop.')
    ticker = window.setInterval(() => set({ elapsedMs: active?.elapsedMs() ?? 0 }), 200)
    void useRecorder.getState().refreshDevices()
  },

  stop: async () => {
    const recording = active
    if (!recording || get().phase !== 'recording') return
    set({ phase: 'stopping' })
    window.clearInterval(ticker)
    if (recording.elapsedMs() < ATTEMPT_MIN_MS) {
      await discardActive(set)
      const notice = `That was shorter than ${ATTEMPT_MIN_MS / 1000} seconds, so it was not kept. Say the whole sentence.`
      set({ notice })
      announce(notice)
      return
    }
    try {
      const attempt = await recording.stop()
      active = null
      set({ phase: 'judging', attempt, elapsedMs: 0 })
      announce('Checking what you said…')
      // The verdict may have been pushed before this attempt was known here: read it once.
      applyAttempt(await call('practice:attempt', { id: attempt.id }))
    } catch (error) {
      active = null
      set({ phase: 'idle', recordError: `The recording could not be finished: ${errorMessage(error)}` })
    }
  },

  retry: async () => {
    const attempt = get().attempt
    if (!attempt || attempt.status !== 'FAILED') return
    try {
      set({ phase: 'judging', attempt: await call('practice:retry', { id: attempt.id }) })
      // As after a recording: the verdict may have been pushed before this answer arrived.
      applyAttempt(await call('practice:attempt', { id: attempt.id }))
    } catch (error) {
      set({ recordError: errorMessage(error) })
    }
  },

  openFreeDrill: async (patternKey) => {
    try {
      const drill = await call('practice:free', { patternKey })
      await get().load()
      get().select(drill.id)
      announce('Your task is ready.')
    } catch (error) {
      set({ recordError: errorMessage(error) })
    }
  },

  level: () => active?.level() ?? 0
}))

async function discardActive(set: (partial: Partial<PracticeState>) => void): Promise<void> {
  window.clearInterval(ticker)
  const recording = active
  active = null
  await recording?.discard().catch(() => undefined)
  set({ phase: 'idle', elapsedMs: 0 })
}

let syncing = false

/** Follows the attempt being judged through the core's events; a verdict reloads the drills (new due dates). */
export function startPracticeSync(): void {
  if (syncing) return
  syncing = true
  subscribe('practice:updated', applyAttempt)
}

/** Takes in a newer view of the attempt being judged; a verdict is announced once and reloads the drills. */
function applyAttempt(attempt: AttemptView): void {
  const state = usePractice.getState()
  if (state.attempt?.id !== attempt.id || state.phase !== 'judging') return
  const finished = attempt.status === 'JUDGED' || attempt.status === 'FAILED'
  usePractice.setState({ attempt, phase: finished ? 'done' : state.phase })
  if (attempt.status === 'JUDGED') {
    announce(attempt.judgement?.passed ? 'Passed. ' + attempt.judgement.reason : 'Not yet. ' + (attempt.judgement?.reason ?? ''))
    void state.load()
  } else if (attempt.status === 'FAILED') {
    announce(`The attempt could not be checked: ${attempt.errorMessage ?? ''}`)
  }
}
