/**
 * 16 kHz mono PCM as a 16-bit WAV byte stream, in chunks small enough to send to main one by
 * one. DOM-free. The encoding itself (header, clipping, slicing) is record/pcmWav.ts's, shared
 * with the import flow so both write the same bytes.
 */

import { WAV_HEADER_BYTES, wavSlices } from '../record/pcmWav.ts'
import { PCM_SAMPLE_RATE } from './pcmFormat.ts'

/** The default chunk: the size the import flow already sends through recording:chunk. */
export const WAV_CHUNK_BYTES = 256 * 1024

/**
 * The WAV of `samples` (16 kHz mono, -1..1, clipped beyond): a 44-byte header then 16-bit
 * little-endian PCM, as chunks of at most `chunkBytes` (all full but the last, and no sample
 * split across two). Each pass encodes a chunk only when it is asked for, so memory stays at
 * one chunk beside the samples.
 */
export function pcmToWavChunks(samples: Float32Array, chunkBytes: number = WAV_CHUNK_BYTES): Iterable<Uint8Array<ArrayBuffer>> {
  // Checked here rather than on the first chunk, so a caller fails before it opens a session.
  if (!Number.isInteger(chunkBytes) || chunkBytes < WAV_HEADER_BYTES + 2) {
    throw new RangeError(`A chunk must be a whole number of bytes that holds the header and a sample (got ${chunkBytes}).`)
  }
  return { [Symbol.iterator]: () => wavSlices([samples], PCM_SAMPLE_RATE, chunkBytes) }
}
