import { AUDIO_MIME_TYPES, type SessionSummary } from '../../../electron/shared/contract.ts'
import { call } from '../api/client.ts'

type AudioMime = (typeof AUDIO_MIME_TYPES)[number]

/** Slice size for streaming an imported file through recording:chunk. */
export const IMPORT_SLICE_BYTES = 256 * 1024

/** What the file input accepts: WAV, MP3, M4A, OGG and WebM. */
export const IMPORT_ACCEPT = '.wav,.mp3,.m4a,.ogg,.oga,.opus,.webm,audio/wav,audio/mpeg,audio/mp4,audio/ogg,audio/webm'

const BY_EXTENSION: Record<string, AudioMime> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  mp4: 'audio/mp4',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  webm: 'audio/webm'
}

const BY_TYPE: Record<string, AudioMime> = {
  'audio/wav': 'audio/wav',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/mpeg': 'audio/mpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/mp4': 'audio/mp4',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/ogg': 'audio/ogg',
  'audio/webm': 'audio/webm'
}

/** The contract mime type of a file, from its extension first (OSes disagree on m4a types), else its type. */
export function mimeTypeOf(file: { name: string; type: string }): AudioMime | null {
  const ext = file.name.toLowerCase().split('.').pop() ?? ''
  return BY_EXTENSION[ext] ?? BY_TYPE[file.type.split(';')[0] ?? ''] ?? null
}

/**
 * Streams a file to main in 256 KB slices through recording:start / chunk / finish, as a
 * recording would, so a long file never sits in renderer memory whole.
 */
export async function importAudioFile(
  file: File,
  topic: string,
  onProgress: (share: number) => void
): Promise<SessionSummary> {
  const mimeType = mimeTypeOf(file)
  if (!mimeType) throw new Error(`${file.name} is not a WAV, MP3, M4A, OGG or WebM file.`)
  const durationMs = await probeDurationMs(file)
  const trimmed = topic.trim()
  const { sessionId } = await call('recording:start', {
    mimeType,
    source: 'import',
    ...(trimmed ? { topic: trimmed } : {})
  })
  try {
    let seq = 0
    for (let offset = 0; offset < file.size; offset += IMPORT_SLICE_BYTES) {
      const data = new Uint8Array(await file.slice(offset, offset + IMPORT_SLICE_BYTES).arrayBuffer())
      await call('recording:chunk', { sessionId, seq: seq++, data })
      onProgress(Math.min(1, (offset + data.byteLength) / file.size))
    }
    return await call('recording:finish', { sessionId, durationMs })
  } catch (error) {
    await call('recording:discard', { sessionId }).catch(() => undefined)
    throw error
  }
}

/** Above this size a full decode would cost hundreds of MB of PCM; duration then stays 0 unless metadata has it. */
const MAX_DECODE_BYTES = 100 * 1024 * 1024

/**
 * The file's duration in ms, or 0 when it cannot be told. Media metadata is read first because it is
 * cheap; decodeAudioData is the fallback for files without a duration header (MediaRecorder WebM).
 */
export async function probeDurationMs(file: File): Promise<number> {
  const fromMetadata = await metadataDuration(file)
  if (fromMetadata > 0) return fromMetadata
  if (file.size > MAX_DECODE_BYTES) return 0
  try {
    // An OfflineAudioContext decodes without opening an audio device or needing a user gesture.
    const context = new OfflineAudioContext(1, 1, 44100)
    const buffer = await context.decodeAudioData(await file.arrayBuffer())
    return Math.round(buffer.duration * 1000)
  } catch {
    return 0
  }
}

function metadataDuration(file: File): Promise<number> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file)
    const audio = new Audio()
    const done = (ms: number) => {
      window.clearTimeout(timer)
      URL.revokeObjectURL(url)
      audio.removeAttribute('src')
      resolve(ms)
    }
    const timer = window.setTimeout(() => done(0), 3000)
    audio.preload = 'metadata'
    audio.onloadedmetadata = () => done(Number.isFinite(audio.duration) ? Math.round(audio.duration * 1000) : 0)
    audio.onerror = () => done(0)
    audio.src = url
  })
}
