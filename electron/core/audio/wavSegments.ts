import { open, rm } from 'node:fs/promises'
import { pcmWavHeader } from '../../shared/wav.ts'

/** The layout of a PCM WAV file: where its samples are and how they are packed. */
export interface WavLayout {
  dataOffset: number
  dataBytes: number
  sampleRate: number
  channels: number
  bitsPerSample: number
  /** Bytes per sample frame (all channels). */
  blockAlign: number
}

/** A piece of a long recording written as its own WAV, and where it starts in the original. */
export interface WavSegment {
  path: string
  offsetSeconds: number
}

/** Reads the fmt and data chunks of a PCM WAV; null for anything else. */
export function parseWavLayout(head: Uint8Array, fileSize: number): WavLayout | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength)
  const tag = (at: number) => String.fromCharCode(...head.subarray(at, at + 4))
  if (head.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return null
  let offset = 12
  let format: Omit<WavLayout, 'dataOffset' | 'dataBytes'> | null = null
  while (offset + 8 <= head.length) {
    const id = tag(offset)
    const size = view.getUint32(offset + 4, true)
    if (id === 'fmt ' && offset + 24 <= head.length) {
      const audioFormat = view.getUint16(offset + 8, true)
      // 1 = integer PCM, 0xFFFE = extensible (PCM in practice for what browsers and sox write).
      if (audioFormat !== 1 && audioFormat !== 0xfffe) return null
      format = {
        channels: view.getUint16(offset + 10, true),
        sampleRate: view.getUint32(offset + 12, true),
        blockAlign: view.getUint16(offset + 20, true),
        bitsPerSample: view.getUint16(offset + 22, true)
      }
    }
    if (id === 'data') {
      if (!format || format.blockAlign === 0 || format.sampleRate === 0) return null
      const dataOffset = offset + 8
      // Streamed WAVs may carry a placeholder size: trust the file's length instead.
      const dataBytes = Math.min(size, fileSize - dataOffset)
      return { ...format, dataOffset, dataBytes: dataBytes - (dataBytes % format.blockAlign) }
    }
    offset += 8 + size + (size % 2)
  }
  return null
}

/**
 * Splits a PCM WAV into WAV files of at most `maxBytes` and `maxSeconds` each, cutting at the
 * quietest 50 ms in the last tenth of each piece so a word is rarely cut in half. Pieces are
 * written next to `path` (`<path>.part<N>.wav`); the caller deletes them.
 */
export async function splitWav(path: string, options: { maxBytes: number; maxSeconds: number }): Promise<WavSegment[]> {
  const handle = await open(path, 'r')
  const written: string[] = []
  try {
    const size = (await handle.stat()).size
    const head = new Uint8Array(Math.min(size, 64 * 1024))
    await handle.read(head, 0, head.length, 0)
    const layout = parseWavLayout(head, size)
    if (!layout) throw new Error('Not a PCM WAV file')
    const byteRate = layout.sampleRate * layout.blockAlign
    const budget = Math.min(options.maxBytes - 44, options.maxSeconds * byteRate)
    const frameBudget = Math.floor(budget / layout.blockAlign) * layout.blockAlign
    const segments: WavSegment[] = []
    let start = 0
    while (start < layout.dataBytes) {
      let end = Math.min(layout.dataBytes, start + frameBudget)
      if (end < layout.dataBytes) end = await quietestCut(handle, layout, start + Math.floor((frameBudget * 0.9) / layout.blockAlign) * layout.blockAlign, end)
      const length = end - start
      const samples = new Uint8Array(length)
      await handle.read(samples, 0, length, layout.dataOffset + start)
      const segmentPath = `${path}.part${segments.length}.wav`
      const out = await open(segmentPath, 'w')
      written.push(segmentPath)
      try {
        await out.write(pcmWavHeader(layout, length))
        await out.write(samples)
      } finally {
        await out.close()
      }
      segments.push({ path: segmentPath, offsetSeconds: start / byteRate })
      start = end
    }
    return segments
  } catch (error) {
    await Promise.all(written.map((p) => rm(p, { force: true })))
    throw error
  } finally {
    await handle.close()
  }
}

/** The start of the quietest 50 ms window between two byte positions of the data (frame-aligned). */
export async function quietestCut(handle: Awaited<ReturnType<typeof open>>, layout: WavLayout, from: number, to: number): Promise<number> {
  if (layout.bitsPerSample !== 16) return to
  const bytes = new Uint8Array(to - from)
  await handle.read(bytes, 0, bytes.length, layout.dataOffset + from)
  const view = new DataView(bytes.buffer)
  const window = Math.max(layout.blockAlign, Math.floor((layout.sampleRate * 0.05)) * layout.blockAlign)
  let best = to
  let bestEnergy = Number.POSITIVE_INFINITY
  for (let at = 0; at + window <= bytes.length; at += window) {
    let energy = 0
    for (let i = at; i + 1 < at + window; i += 2) energy += Math.abs(view.getInt16(i, true))
    if (energy < bestEnergy) {
      bestEnergy = energy
      best = from + at
    }
  }
  return best
}
