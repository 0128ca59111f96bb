import { create } from 'zustand'
import type { PublicSettings } from '../../../electron/shared/contract.ts'
import { errorMessage } from '../api/client.ts'
import { plural } from '../ui/format.ts'
import { announce } from '../shell/announcer.ts'
import { navigate } from '../shell/route.ts'
import { useSessions } from '../sessions/store.ts'
import { useSettings } from '../settings/store.ts'
import { listMicrophones, micErrorMessage, type MicDevice } from './microphone.ts'
import { importAudioFile, type ImportProgress } from './importAudio.ts'
import { sessionSink, startRecording, type ActiveRecording } from './recorder.ts'
import { MIN_RECORDING_MS, isTooShort, remainingText, warningAtMs } from './limits.ts'

export type RecorderPhase = 'idle' | 'starting' | 'recording' | 'paused' | 'stopping' | 'importing'

const DEVICE_KEY = 'speakloop.micDeviceId'

interface RecorderState {
  phase: RecorderPhase
  elapsedMs: number
  silent: boolean
  /** The maximum length (ms) of the recording in progress. */
  maxMs: number
  /** Shown from a minute before the maximum length. */
  nearLimit: boolean
  /** Why the last recording was not kept (too short), until the next one starts. */
  notice: string | null
  error: string | null
  devices: MicDevice[]
  /** '' means the system default microphone. */
  deviceId: string
  deviceNotice: string | null
  topic: string
  /** Decoding (long compressed files only), then sending; null when no import is running. */
  importProgress: ImportProgress | null
  importName: string | null
  setTopic: (topic: string) => void
  selectDevice: (deviceId: string) => void
  refreshDevices: () => Promise<void>
  start: () => Promise<void>
  stop: () => Promise<void>
  toggle: () => void
  pause: () => void
  resume: () => void
  discard: () => Promise<void>
  importFile: (file: File) => Promise<void>
  /** The live level 0-1 for the meter, read by requestAnimationFrame rather than through React state. */
  level: () => number
}

// The MediaRecorder engine is not serialisable state; it lives beside the store, not in it.
let active: ActiveRecording | null = null
let ticker: number | undefined

export const useRecorder = create<RecorderState>((set, get) => ({
  phase: 'idle',
  elapsedMs: 0,
  silent: false,
  maxMs: 0,
  nearLimit: false,
  notice: null,
  error: null,
  devices: [],
  deviceId: readStoredDevice(),
  deviceNotice: null,
  topic: '',
  importProgress: null,
  importName: null,

  setTopic: (topic) => set({ topic }),

  selectDevice: (deviceId) => {
    writeStoredDevice(deviceId)
    set({ deviceId, deviceNotice: null })
  },

  refreshDevices: async () => {
    const devices = await listMicrophones().catch(() => [])
    const { deviceId } = get()
    // Device ids are only listed once permission is granted; a stored id unknown then is kept, not dropped.
    const labelsKnown = devices.some((d) => d.label !== '')
    if (deviceId && labelsKnown && !devices.some((d) => d.deviceId === deviceId)) {
      const notice = 'The selected microphone is not connected; using the system default.'
      set({ devices, deviceId: '', deviceNotice: notice })
      announce(notice)
    } else {
      set({ devices })
    }
  },

  start: async () => {
    if (get().phase !== 'idle') return
    const settings = useSettings.getState().settings
    const maxMinutes = settings?.maxRecordingMinutes ?? 30
    set({ phase: 'starting', error: null, notice: null, silent: false, elapsedMs: 0, maxMs: maxMinutes * 60_000, nearLimit: false })
    try {
      active = await startRecording(
        { deviceId: get().deviceId, maxMs: maxMinutes * 60_000, pcm: recordsPcm(settings), sink: sessionSink(get().topic) },
        {
          onSilence: (silent) => set({ silent }),
          onFailure: (error, kind) => {
            if (kind === 'device-lost') {
              announce('The microphone was disconnected. Saving what was recorded.')
              set({ deviceNotice: 'The microphone was disconnected; the recording was stopped and saved.' })
              void get().stop()
            } else {
              set({ error: `A part of the recording could not be saved: ${error.message}` })
              void get().discard()
            }
          },
          onLimit: () => {
            announce(`Reached the ${maxMinutes}-minute limit. Stopping.`)
            void get().stop()
          }
        }
      )
    } catch (error) {
      set({ phase: 'idle', error: micErrorMessage(error) })
      return
    }
    set({ phase: 'recording' })
    announce('Recording started')
    const warnAt = warningAtMs(maxMinutes * 60_000)
    ticker = window.setInterval(() => {
      const elapsedMs = active?.elapsedMs() ?? 0
      if (elapsedMs >= warnAt && !get().nearLimit) {
        announce(`${remainingText(elapsedMs, maxMinutes * 60_000)}. The recording stops by itself after ${plural(maxMinutes, 'minute')}.`)
        set({ elapsedMs, nearLimit: true })
      } else {
        set({ elapsedMs })
      }
    }, 250)
    // Permission is granted now, so device labels are available.
    void get().refreshDevices()
  },

  stop: async () => {
    const recording = active
    const { phase } = get()
    if (!recording || (phase !== 'recording' && phase !== 'paused')) return
    set({ phase: 'stopping' })
    if (isTooShort(recording.elapsedMs())) {
      // Nothing to analyse in under three seconds: say so rather than create a session that fails.
      try {
        await recording.discard()
      } catch {
        // The row stays CREATED until main's next start recovers what was saved; the notice still applies.
      }
      reset(set)
      const notice = `That recording was shorter than ${MIN_RECORDING_MS / 1000} seconds, too short to analyse, so it was not kept. Speak for at least a few sentences.`
      set({ notice })
      announce(notice)
      return
    }
    try {
      const summary = await recording.stop()
      useSessions.getState().upsert([summary])
      reset(set)
      announce('Recording saved. Processing started.')
      navigate({ name: 'session', id: summary.id })
    } catch (error) {
      reset(set)
      set({ error: `The recording could not be finished: ${errorMessage(error)}` })
    }
  },

  toggle: () => {
    const { phase } = get()
    if (phase === 'idle') void get().start()
    else if (phase === 'recording' || phase === 'paused') void get().stop()
  },

  pause: () => {
    if (get().phase !== 'recording') return
    active?.pause()
    set({ phase: 'paused', silent: false, elapsedMs: active?.elapsedMs() ?? 0 })
    announce('Recording paused')
  },

  resume: () => {
    if (get().phase !== 'paused') return
    active?.resume()
    set({ phase: 'recording' })
    announce('Recording resumed')
  },

  discard: async () => {
    const recording = active
    if (!recording) return
    set({ phase: 'stopping' })
    try {
      await recording.discard()
      announce('Recording discarded')
    } catch (error) {
      set({ error: `The recording could not be discarded: ${errorMessage(error)}` })
    } finally {
      reset(set)
    }
  },

  importFile: async (file) => {
    if (get().phase !== 'idle') return
    set({ phase: 'importing', importProgress: { stage: 'uploading', share: null }, importName: file.name, error: null })
    try {
      const onDevice = useSettings.getState().settings?.resolved.transcription === 'on-device'
      const summary = await importAudioFile(
        file,
        get().topic,
        (progress) => {
          if (progress.stage === 'preparing' && get().importProgress?.stage !== 'preparing') announce(`Preparing ${file.name} for upload`)
          set({ importProgress: progress })
        },
        { onDevice }
      )
      useSessions.getState().upsert([summary])
      set({ phase: 'idle', importProgress: null, importName: null, topic: '' })
      announce(`${file.name} imported. Processing started.`)
      navigate({ name: 'session', id: summary.id })
    } catch (error) {
      set({ phase: 'idle', importProgress: null, importName: null, error: errorMessage(error) })
    }
  },

  level: () => active?.level() ?? 0
}))

/**
 * 16 kHz PCM for on-device transcription (whisper.cpp reads it, main has no decoder) and for
 * transcribing while recording (main cuts PCM at quiet moments); WebM/Opus otherwise.
 */
function recordsPcm(settings: PublicSettings | null): boolean {
  return settings?.resolved.transcription === 'on-device' || settings?.transcribeWhileRecording === true
}

function reset(set: (partial: Partial<RecorderState>) => void): void {
  window.clearInterval(ticker)
  active = null
  set({ phase: 'idle', elapsedMs: 0, silent: false, nearLimit: false, topic: '' })
}

let watching = false

/** Keeps the microphone list current as devices are plugged in and out. */
export function watchMicrophones(): void {
  if (watching || !navigator.mediaDevices) return
  watching = true
  navigator.mediaDevices.addEventListener('devicechange', () => void useRecorder.getState().refreshDevices())
  void useRecorder.getState().refreshDevices()
}

function readStoredDevice(): string {
  try {
    return localStorage.getItem(DEVICE_KEY) ?? ''
  } catch {
    return ''
  }
}

function writeStoredDevice(deviceId: string): void {
  try {
    if (deviceId) localStorage.setItem(DEVICE_KEY, deviceId)
    else localStorage.removeItem(DEVICE_KEY)
  } catch {
    // Storage can be unavailable (private contexts); the choice then lasts for this run only.
  }
}
