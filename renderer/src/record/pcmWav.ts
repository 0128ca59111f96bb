/**
 * 16-bit PCM WAV encoding of decoded audio, slice by slice: a long import is turned into WAV
 * while it is sent, so the whole WAV never sits in renderer memory beside the decoded samples.
 * DOM-free: channels are plain Float32Arrays (an AudioBuffer's getChannelData()).
 */

import { pcmWavHeader, WAV_HEADER_BYTES } from '../../../electron/shared/wav.ts'

export { WAV_HEADER_BYTES }

/** A canonical 44-byte header for 16-bit mono PCM: `dataBytes` of samples at `sampleRate`. */
export function wavHeader(sampleRate: number, dataBytes: number): Uint8Array {
  return pcmWavHeader({ sampleRate, channels: 1, bitsPerSample: 16 }, dataBytes)
}

/**
 * Frames `start`..`end` of `channels` mixed to one channel (the mean of the channels). A mono
 * source is returned as a view, not a copy.
 */
export function mixdown(channels: readonly Float32Array[], start: number, end: number): Float32Array {
  if (channels.length === 0) return new Float32Array(0)
  if (channels.length === 1) return channels[0]!.subarray(start, end)
  const out = new Float32Array(Math.max(0, end - start))
  for (const channel of channels) {
    for (let i = 0; i < out.length; i++) out[i]! += channel[start + i]!
  }
  const scale = 1 / channels.length
  for (let i = 0; i < out.length; i++) out[i]! *= scale
  return out
}

/** Float samples (-1..1, clipped beyond) as little-endian signed 16-bit PCM bytes. */
export function encodePcm16(samples: Float32Array, into?: Uint8Array): Uint8Array {
  const bytes = into ?? new Uint8Array(samples.length * 2)
  const view = new DataView(bytes.buffer, bytes.byteOffset, samples.length * 2)
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]!))
    // Asymmetric scale so -1 reaches -32768 and 1 reaches 32767 (NaN becomes silence).
    view.setInt16(i * 2, s < 0 ? Math.round(s * 0x8000) : Math.round(s * 0x7fff) || 0, true)
  }
  return bytes
}

/** The byte length of the WAV that `wavSlices` yields for `frames` sample frames. */
export function wavByteLength(frames: number): number {
  return WAV_HEADER_BYTES + frames * 2
}

/**
 * The mono 16-bit WAV of `channels`, as consecutive slices of at most `sliceBytes` (the first
 * starts with the header). Each slice is encoded only when asked for, so memory stays at one slice.
 */
export function* wavSlices(channels: readonly Float32Array[], sampleRate: number, sliceBytes: number): Generator<Uint8Array<ArrayBuffer>> {
  if (sliceBytes < WAV_HEADER_BYTES + 2) throw new RangeError(`A slice must hold the header and a sample (got ${sliceBytes} bytes).`)
  const frames = channels[0]?.length ?? 0
  let frame = 0
  let first = true
  while (first || frame < frames) {
    const room = first ? sliceBytes - WAV_HEADER_BYTES : sliceBytes
    const end = Math.min(frames, frame + Math.floor(room / 2))
    const headerBytes = first ? WAV_HEADER_BYTES : 0
    const slice = new Uint8Array(headerBytes + (end - frame) * 2)
    if (first) slice.set(wavHeader(sampleRate, frames * 2))
    encodePcm16(mixdown(channels, frame, end), slice.subarray(headerBytes))
    yield slice
    frame = end
    first = false
  }
}
