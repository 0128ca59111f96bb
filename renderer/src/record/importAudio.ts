import type { SessionSummary } from '../../../electron/shared/contract.ts'
import { call } from '../api/client.ts'
import { DECODE_SAMPLE_RATE, decodeLengthProblem, planImport, refusalMessage, type AudioMime } from './importPlan.ts'
import { wavByteLength, wavSlices } from './pcmWav.ts'

/** Slice size for streaming an imported file through recording:chunk. */
export const IMPORT_SLICE_BYTES = 256 * 1024
/** How much of a file is read at a time before decoding it. */
const READ_SLICE_BYTES = 8 * 1024 * 1024
/** Above this size, decoding only to learn the duration costs too much; it then stays 0. */
const MAX_PROBE_BYTES = 100 * 1024 * 1024

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

/** Where an import is: decoding a long compressed file first, or sending; share null = not measurable. */
export interface ImportProgress {
  stage: 'preparing' | 'uploading'
  share: number | null
}

/**
 * Streams a file to main in 256 KB slices through recording:start / chunk / finish, as a
 * recording would, so a file sent as it is never sits in renderer memory whole. A compressed
 * file over the upload cap (or any, for on-device transcription) is decoded to 16 kHz mono
 * first (see importPlan.ts), and its WAV is
 * encoded slice by slice as it is sent, never built whole beside the decoded samples.
 */
export async function importAudioFile(
  file: File,
  topic: string,
  onProgress: (progress: ImportProgress) => void,
  options: { onDevice?: boolean } = {}
): Promise<SessionSummary> {
  const mimeType = mimeTypeOf(file)
  if (!mimeType) throw new Error(`${file.name} is not a WAV, MP3, M4A, OGG or WebM file.`)
  const metadataMs = await metadataDuration(file)
  const plan = planImport({ mimeType, size: file.size, durationMs: metadataMs, onDevice: options.onDevice })
  if (plan.kind === 'refuse') throw new Error(refusalMessage(file.name, plan.reason))
  if (plan.kind === 'stream') {
    const durationMs = metadataMs > 0 ? metadataMs : await decodedDurationMs(file)
    return sendSlices(fileSlices(file), { mimeType, topic, durationMs, totalBytes: file.size }, onProgress)
  }

  const audio = await decodeForUpload(file, (share) => onProgress({ stage: 'preparing', share }))
  const channels = Array.from({ length: audio.numberOfChannels }, (_, i) => audio.getChannelData(i))
  return sendSlices(
    wavSlices(channels, DECODE_SAMPLE_RATE, IMPORT_SLICE_BYTES),
    { mimeType: 'audio/wav', topic, durationMs: Math.round(audio.duration * 1000), totalBytes: wavByteLength(audio.length) },
    onProgress
  )
}

/**
 * Reads and decodes `file` at 16 kHz (decodeAudioData resamples to its context's rate). Reading
 * reports its share; decoding cannot, so it reports null. Fails with a sentence for the learner.
 */
async function decodeForUpload(file: File, onShare: (share: number | null) => void): Promise<AudioBuffer> {
  onShare(0)
  const bytes = new Uint8Array(file.size)
  for (let offset = 0; offset < file.size; offset += READ_SLICE_BYTES) {
    bytes.set(new Uint8Array(await file.slice(offset, offset + READ_SLICE_BYTES).arrayBuffer()), offset)
    onShare(Math.min(1, (offset + READ_SLICE_BYTES) / file.size))
  }
  onShare(null)
  let audio: AudioBuffer
  try {
    // An OfflineAudioContext decodes without opening an audio device or needing a user gesture.
    const context = new OfflineAudioContext(1, 1, DECODE_SAMPLE_RATE)
    audio = await context.decodeAudioData(bytes.buffer)
  } catch (error) {
    const reason = error instanceof Error && error.message ? error.message : String(error)
    throw new Error(`This file could not be decoded: ${reason.replace(/\.?$/, '.')}`, { cause: error })
  }
  // Metadata can be missing or wrong; the decoded length is the truth.
  const tooLong = decodeLengthProblem(audio.duration * 1000)
  if (tooLong) throw new Error(refusalMessage(file.name, tooLong))
  return audio
}

async function* fileSlices(file: File): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  for (let offset = 0; offset < file.size; offset += IMPORT_SLICE_BYTES) {
    yield new Uint8Array(await file.slice(offset, offset + IMPORT_SLICE_BYTES).arrayBuffer())
  }
}

/** Opens a session, sends every slice in order, and finishes it; discards the session on any failure. */
async function sendSlices(
  slices: Iterable<Uint8Array<ArrayBuffer>> | AsyncIterable<Uint8Array<ArrayBuffer>>,
  upload: { mimeType: AudioMime; topic: string; durationMs: number; totalBytes: number },
  onProgress: (progress: ImportProgress) => void
): Promise<SessionSummary> {
  const trimmed = upload.topic.trim()
  onProgress({ stage: 'uploading', share: 0 })
  const { sessionId } = await call('recording:start', {
    mimeType: upload.mimeType,
    source: 'import',
    ...(trimmed ? { topic: trimmed } : {})
  })
  try {
    let seq = 0
    let sent = 0
    for await (const data of slices) {
      await call('recording:chunk', { sessionId, seq: seq++, data })
      sent += data.byteLength
      onProgress({ stage: 'uploading', share: Math.min(1, sent / upload.totalBytes) })
    }
    return await call('recording:finish', { sessionId, durationMs: upload.durationMs })
  } catch (error) {
    await call('recording:discard', { sessionId }).catch(() => undefined)
    throw error
  }
}

/**
 * The duration of a file whose metadata does not tell it (MediaRecorder WebM), by decoding it;
 * 0 when it cannot be told.
 */
async function decodedDurationMs(file: File): Promise<number> {
  if (file.size > MAX_PROBE_BYTES) return 0
  try {
    const context = new OfflineAudioContext(1, 1, 44100)
    const buffer = await context.decodeAudioData(await file.arrayBuffer())
    return Math.round(buffer.duration * 1000)
  } catch {
    return 0
  }
}

/** The file's duration in ms from its media metadata (cheap), or 0 when that does not tell. */
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
