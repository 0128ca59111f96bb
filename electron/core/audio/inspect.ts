import { open } from 'node:fs/promises'
import { noSpeechError, PipelineError } from '../providers/types.ts'

/** What kind of audio container a file's first bytes say it is, if any. */
export function sniffContainer(head: Uint8Array): 'wav' | 'webm' | 'ogg' | 'mp3' | 'm4a' | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to))
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav'
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'webm'
  if (ascii(0, 4) === 'OggS') return 'ogg'
  if (ascii(0, 3) === 'ID3' || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) return 'mp3'
  if (ascii(4, 8) === 'ftyp') return 'm4a'
  return null
}

/**
 * Root-mean-square level (0–1) of a 16-bit PCM WAV's samples, or null for other formats or
 * layouts. Used to refuse silent recordings before paying for an upload.
 */
export function wavRms(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let offset = 12
  let bitsPerSample = 0
  while (offset + 8 <= bytes.length) {
    const id = String.fromCharCode(...bytes.subarray(offset, offset + 4))
    const size = view.getUint32(offset + 4, true)
    if (id === 'fmt ') bitsPerSample = view.getUint16(offset + 22, true)
    if (id === 'data') {
      if (bitsPerSample !== 16) return null
      const end = Math.min(bytes.length, offset + 8 + size)
      let sum = 0
      let count = 0
      for (let i = offset + 8; i + 1 < end; i += 2) {
        const sample = view.getInt16(i, true) / 32768
        sum += sample * sample
        count++
      }
      return count === 0 ? 0 : Math.sqrt(sum / count)
    }
    offset += 8 + size + (size % 2)
  }
  return null
}

/** Below this RMS (about -60 dBFS) a WAV is treated as silence. */
const SILENCE_RMS = 0.001

/**
 * Checks a recording before it is uploaded: present, not empty, a container we know, and
 * (where we can measure it) not silent. Each failure is permanent with a readable message.
 */
export async function inspectRecording(path: string | null): Promise<void> {
  if (!path) throw new PipelineError('permanent', 'The recording is missing.', { hint: 'Record the session again.' })
  let bytes: Uint8Array
  try {
    const handle = await open(path, 'r')
    try {
      const size = (await handle.stat()).size
      if (size === 0) throw new PipelineError('permanent', 'The recording is empty.', { hint: 'Record again, and check that your microphone is selected.' })
      bytes = new Uint8Array(Math.min(size, 64 * 1024 * 1024))
      await handle.read(bytes, 0, bytes.length, 0)
    } finally {
      await handle.close()
    }
  } catch (error) {
    if (error instanceof PipelineError) throw error
    throw new PipelineError('permanent', 'The recording could not be read from disk.', { hint: 'Record the session again.', cause: error })
  }
  if (!sniffContainer(bytes.subarray(0, 16))) {
    throw new PipelineError('permanent', 'This file is not audio Speakloop can read.', {
      hint: 'Use a WAV, MP3, M4A, OGG or WebM recording.'
    })
  }
  const rms = wavRms(bytes)
  if (rms !== null && rms < SILENCE_RMS) {
    throw noSpeechError()
  }
}
