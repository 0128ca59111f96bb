import type { SessionSummary } from '../../../electron/shared/contract.ts'
import { call } from '../api/client.ts'
import { SILENCE_LEVEL, openMicrophone, type MicInput } from './microphone.ts'

/** How long near-silence lasts before the "no sound detected" warning. */
export const SILENCE_WARNING_MS = 3000
const TIMESLICE_MS = 1000
const PREFERRED_MIME = 'audio/webm;codecs=opus'

export interface RecordingCallbacks {
  onSilence: (silent: boolean) => void
  /** A chunk failed to reach main or the microphone went away; the store decides what to do. */
  onFailure: (error: Error, kind: 'upload' | 'device-lost') => void
  onLimit: () => void
}

export interface ActiveRecording {
  sessionId: string
  level: () => number
  /** Recorded time so far, paused spans excluded. */
  elapsedMs: () => number
  pause: () => void
  resume: () => void
  /** Stops, waits until every chunk reached main in order, then finishes the session. */
  stop: () => Promise<SessionSummary>
  discard: () => Promise<void>
}

/**
 * Records the microphone with MediaRecorder and streams each one-second chunk to main as it
 * arrives (recording:chunk, strictly in order), so the recording is never held in memory whole.
 */
export async function startRecording(
  options: { deviceId: string; topic: string; maxMs: number },
  callbacks: RecordingCallbacks
): Promise<ActiveRecording> {
  const mimeType = MediaRecorder.isTypeSupported(PREFERRED_MIME) ? PREFERRED_MIME : 'audio/webm'
  const mic: MicInput = await openMicrophone(options.deviceId)
  let sessionId: string
  try {
    const topic = options.topic.trim()
    ;({ sessionId } = await call('recording:start', {
      mimeType: 'audio/webm',
      source: 'recording',
      ...(topic ? { topic } : {})
    }))
  } catch (error) {
    mic.close()
    throw error
  }

  const recorder = new MediaRecorder(mic.stream, { mimeType })
  let seq = 0
  let sending: Promise<void> = Promise.resolve()
  let failure: Error | null = null
  let discarded = false

  recorder.ondataavailable = (event) => {
    if (discarded || event.data.size === 0) return
    // seq is taken synchronously in event order; the chain keeps the sends in that order.
    const chunkSeq = seq++
    const blob = event.data
    sending = sending.then(async () => {
      if (failure || discarded) return
      try {
        const data = new Uint8Array(await blob.arrayBuffer())
        await call('recording:chunk', { sessionId, seq: chunkSeq, data })
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error))
        callbacks.onFailure(failure, 'upload')
      }
    })
  }

  let activeMs = 0
  let segmentStart = performance.now()
  let running = true
  let quietSince: number | null = null
  let warned = false
  const elapsedMs = () => activeMs + (running ? performance.now() - segmentStart : 0)

  const monitor = window.setInterval(() => {
    if (!running) return
    const now = performance.now()
    if (mic.level() < SILENCE_LEVEL) {
      quietSince ??= now
      if (!warned && now - quietSince >= SILENCE_WARNING_MS) {
        warned = true
        callbacks.onSilence(true)
      }
    } else {
      quietSince = null
      if (warned) {
        warned = false
        callbacks.onSilence(false)
      }
    }
    if (elapsedMs() >= options.maxMs) callbacks.onLimit()
  }, 100)

  for (const track of mic.stream.getAudioTracks()) {
    track.addEventListener('ended', () => {
      if (!discarded) callbacks.onFailure(new Error('The microphone was disconnected.'), 'device-lost')
    })
  }

  const halt = async () => {
    window.clearInterval(monitor)
    if (running) activeMs += performance.now() - segmentStart
    running = false
    if (recorder.state !== 'inactive') {
      const stopped = new Promise((resolve) => recorder.addEventListener('stop', resolve, { once: true }))
      recorder.stop()
      await stopped
    }
    mic.close()
  }

  recorder.start(TIMESLICE_MS)

  return {
    sessionId,
    level: mic.level,
    elapsedMs,
    pause: () => {
      if (!running) return
      recorder.pause()
      activeMs += performance.now() - segmentStart
      running = false
      quietSince = null
    },
    resume: () => {
      if (running) return
      recorder.resume()
      segmentStart = performance.now()
      running = true
    },
    stop: async () => {
      await halt()
      // The final dataavailable fires before 'stop', so the chain now holds every chunk.
      await sending
      if (failure) throw failure
      return call('recording:finish', { sessionId, durationMs: Math.round(activeMs) })
    },
    discard: async () => {
      discarded = true
      await halt()
      await sending
      await call('recording:discard', { sessionId })
    }
  }
}
