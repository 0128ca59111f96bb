import type { AUDIO_MIME_TYPES } from '../../../electron/shared/contract.ts'

export type AudioMime = (typeof AUDIO_MIME_TYPES)[number]

/**
 * How an imported file reaches main. The transcription provider takes at most 25 MB per upload;
 * main can cut a PCM WAV into pieces but not a compressed file, so a large compressed file is
 * decoded here (Web Audio, no ffmpeg) to 16 kHz mono WAV first. DOM-free, so it is unit-tested.
 */
export type ImportPlan =
  | { kind: 'stream' }
  | { kind: 'convert' }
  | { kind: 'refuse'; reason: string }

/** The provider's upload cap (main's MAX_UPLOAD_BYTES). */
export const UPLOAD_LIMIT_BYTES = 25 * 1024 * 1024
/** Compressed files above this are converted: a margin under the cap for container overhead. */
export const CONVERT_ABOVE_BYTES = 24 * 1024 * 1024
/** Whisper works at 16 kHz; decoding straight to it keeps the WAV at 32 KB a second. */
export const DECODE_SAMPLE_RATE = 16_000
/**
 * Decoding holds the whole file in memory, and Chromium first decodes at the file's own rate:
 * two hours of 48 kHz stereo is already 2.7 GB of samples. Past these the file is refused.
 */
export const MAX_DECODE_MS = 2 * 60 * 60 * 1000
export const MAX_DECODE_BYTES = 400 * 1024 * 1024

/**
 * Decides whether a file is sent as it is, decoded to WAV first, or refused. `durationMs` is 0
 * when the file's metadata does not tell; the decoded length is checked again afterwards.
 * On-device transcription (`onDevice`) reads PCM only, so every compressed file is decoded.
 */
export function planImport(file: { mimeType: AudioMime; size: number; durationMs: number; onDevice?: boolean }): ImportPlan {
  if (file.mimeType === 'audio/wav' || (file.size <= CONVERT_ABOVE_BYTES && !file.onDevice)) return { kind: 'stream' }
  if (file.size > MAX_DECODE_BYTES) {
    return { kind: 'refuse', reason: `it is ${megabytes(file.size)} MB, and compressed files over ${megabytes(MAX_DECODE_BYTES)} MB cannot be prepared for upload` }
  }
  const tooLong = decodeLengthProblem(file.durationMs)
  return tooLong ? { kind: 'refuse', reason: tooLong } : { kind: 'convert' }
}

/** Why audio of `durationMs` is too long to decode safely, or null when it is not. */
export function decodeLengthProblem(durationMs: number): string | null {
  if (durationMs <= MAX_DECODE_MS) return null
  return `it is ${hoursAndMinutes(durationMs)} long, and files over ${hoursAndMinutes(MAX_DECODE_MS)} cannot be prepared for upload`
}

/** The user-facing sentence for a refused file. */
export function refusalMessage(fileName: string, reason: string): string {
  return `${fileName} is too long to import: ${reason}. Split it into shorter files and import them one by one.`
}

function megabytes(bytes: number): number {
  return Math.ceil(bytes / 1024 / 1024)
}

/** Rounded up, so a file just past the limit never reads as exactly the limit. */
function hoursAndMinutes(ms: number): string {
  const totalMinutes = Math.ceil(ms / 60_000)
  const h = Math.floor(totalMinutes / 60)
  const m = totalMinutes % 60
  const hours = h === 0 ? '' : `${h} hour${h === 1 ? '' : 's'}`
  const minutes = m === 0 ? '' : `${m} minute${m === 1 ? '' : 's'}`
  return [hours, minutes].filter(Boolean).join(' ') || 'under a minute'
}
