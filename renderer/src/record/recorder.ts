import type { SessionSummary } from '../../../electron/shared/contract.ts'
import { call } from '../api/client.ts'
import { SILENCE_LEVEL, openMicrophone, type MicInput } from './microphone.ts'
import { capturePcm16k } from '../audio/liveCapture.ts'
import { PCM_SAMPLE_RATE } from '../audio/pcmFormat.ts'
import { wavHeader } from './pcmWav.ts'

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

/**
 * Where a recording's chunks go: a new session (recording:*), or a drill attempt (practice:*).
 * `open` returns the id the chunks are sent under.
 */
export interface RecordingSink<T> {
  open(mimeType: 'audio/wav' | 'audio/webm'): Promise<string>
  chunk(id: string, seq: number, data: Uint8Array<ArrayBuffer>): Promise<unknown>
  finish(id: string, durationMs: number): Promise<T>
  discard(id: string): Promise<unknown>
}

/** A recording that becomes a session. */
export function sessionSink(topic: string): RecordingSink<SessionSummary> {
  const trimmed = topic.trim()
  return {
    open: async (mimeType) => (await call('recording:start', { mimeType, source: 'recording', ...(trimmed ? { topic: trimmed } : {}) })).sessionId,
    chunk: (sessionId, seq, data) => call('recording:chunk', { sessionId, seq, data }),
    finish: (sessionId, durationMs) => call('recording:finish', { sessionId, durationMs }),
    discard: (sessionId) => call('recording:discard', { sessionId })
  }
}

export interface ActiveRecording<T = SessionSummary> {
  id: string
  level: () => number
  /** Recorded time so far, paused spans excluded. */
  elapsedMs: () => number
  pause: () => void
  resume: () => void
  /** Stops, waits until every chunk reached main in order, then finishes the recording. */
  stop: () => Promise<T>
  discard: () => Promise<void>
}

/** What turns the microphone into chunks: MediaRecorder's WebM/Opus, or 16 kHz PCM for on-device transcription. */
interface Encoder {
  start(): void | Promise<void>
  pause(): void
  resume(): void
  /** Resolves once the last chunk was handed to `send`. */
  stop(): Promise<void>
}

/**
 * Records the microphone and streams each chunk to main as it arrives (recording:chunk, strictly
 * in order), so the recording is never held in memory whole. For the cloud, MediaRecorder's
 * WebM/Opus in one-second chunks; for on-device transcription (`pcm`), a 16 kHz mono WAV made
 * live with Web Audio, since whisper.cpp reads PCM and Speakloop ships no decoder in main. Its
 * header goes first with the data size left at 0; main writes the real sizes on finish.
 */
export async function startRecording<T>(
  options: { deviceId: string; maxMs: number; pcm?: boolean; sink: RecordingSink<T> },
  callbacks: RecordingCallbacks
): Promise<ActiveRecording<T>> {
  const mic: MicInput = await openMicrophone(options.deviceId)
  const { sink } = options
  let id: string
  try {
    id = await sink.open(options.pcm ? 'audio/wav' : 'audio/webm')
  } catch (error) {
    mic.close()
    throw error
  }

  let seq = 0
  let sending: Promise<void> = Promise.resolve()
  let failure: Error | null = null
  let discarded = false

  const send = (chunk: Blob | Uint8Array<ArrayBuffer>) => {
    if (discarded) return
    // seq is taken synchronously in event order; the chain keeps the sends in that order.
    const chunkSeq = seq++
    sending = sending.then(async () => {
      if (failure || discarded) return
      try {
        const data = chunk instanceof Blob ? new Uint8Array(await chunk.arrayBuffer()) : chunk
        await sink.chunk(id, chunkSeq, data)
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error))
        callbacks.onFailure(failure, 'upload')
      }
    })
  }
  const encoder = options.pcm ? pcmEncoder(mic, send) : mediaRecorderEncoder(mic, send)

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
    await encoder.stop()
    mic.close()
  }

  try {
    await encoder.start()
  } catch (error) {
    await halt()
    await sink.discard(id).catch(() => undefined)
    throw error
  }

  return {
    id,
    level: mic.level,
    elapsedMs,
    pause: () => {
      if (!running) return
      encoder.pause()
      activeMs += performance.now() - segmentStart
      running = false
      quietSince = null
    },
    resume: () => {
      if (running) return
      encoder.resume()
      segmentStart = performance.now()
      running = true
    },
    stop: async () => {
      await halt()
      // The encoder handed over its last chunk before it stopped, so the chain now holds every chunk.
      await sending
      if (failure) throw failure
      return sink.finish(id, Math.round(activeMs))
    },
    discard: async () => {
      discarded = true
      await halt()
      await sending
      await sink.discard(id)
    }
  }
}

function mediaRecorderEncoder(mic: MicInput, send: (chunk: Blob) => void): Encoder {
  const mimeType = MediaRecorder.isTypeSupported(PREFERRED_MIME) ? PREFERRED_MIME : 'audio/webm'
  const recorder = new MediaRecorder(mic.stream, { mimeType })
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) send(event.data)
  }
  return {
    start: () => recorder.start(TIMESLICE_MS),
    pause: () => recorder.pause(),
    resume: () => recorder.resume(),
    async stop() {
      if (recorder.state === 'inactive') return
      // The final dataavailable fires before 'stop'.
      const stopped = new Promise((resolve) => recorder.addEventListener('stop', resolve, { once: true }))
      recorder.stop()
      await stopped
    }
  }
}

function pcmEncoder(mic: MicInput, send: (chunk: Uint8Array<ArrayBuffer>) => void): Encoder {
  let capture: Awaited<ReturnType<typeof capturePcm16k>> | null = null
  return {
    async start() {
      send(Uint8Array.from(wavHeader(PCM_SAMPLE_RATE, 0)))
      capture = await capturePcm16k(mic.stream, send)
    },
    pause: () => capture?.setPaused(true),
    resume: () => capture?.setPaused(false),
    stop: async () => {
      await capture?.stop()
    }
  }
}
