import { describe, it, expect } from 'vitest'
import { parseWavLayout } from '../../../electron/core/audio/wavSegments.ts'
import { PCM_SAMPLE_RATE, resampledLength } from '../../../renderer/src/audio/pcmFormat.ts'
import { Pcm16Chunker } from '../../../renderer/src/audio/pcmChunker.ts'
import { WAV_CHUNK_BYTES, pcmToWavChunks } from '../../../renderer/src/audio/wavChunks.ts'

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}

const int16s = (bytes: Uint8Array) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return Array.from({ length: bytes.byteLength / 2 }, (_, i) => view.getInt16(i * 2, true))
}

/** The 16-bit value a sample in -1..1 should become (asymmetric scale, so -1 reaches -32768). */
const int16Of = (s: number) => Math.round(s * (s < 0 ? 0x8000 : 0x7fff)) || 0

const ascii = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4))

describe('the 16 kHz length rule', () => {
  it('truncates: 22 051 frames at 22 050 Hz are 16 000 samples, not the rounded 16 001', () => {
    expect(resampledLength(22_051, 22_050)).toBe(16_000)
    expect(resampledLength(48_001, 48_000)).toBe(16_000)
    expect(resampledLength(44_101, 44_100)).toBe(16_000)
    expect(resampledLength(1001, 32_000)).toBe(500)
  })

  it('keeps whole seconds exact at the common rates', () => {
    for (const rate of [8000, 11_025, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000, 96_000]) {
      expect(resampledLength(rate * 60, rate)).toBe(60 * PCM_SAMPLE_RATE)
    }
  })

  it('leaves 16 kHz as it is, doubles 8 kHz, and gives nothing for a frame too short to reach a sample', () => {
    expect(resampledLength(12_345, 16_000)).toBe(12_345)
    expect(resampledLength(7, 8000)).toBe(14)
    expect(resampledLength(2, 48_000)).toBe(0)
    expect(resampledLength(0, 44_100)).toBe(0)
  })

  it('refuses fractional frames and a rate that is not positive', () => {
    expect(() => resampledLength(1.5, 48_000)).toThrow(RangeError)
    expect(() => resampledLength(-1, 48_000)).toThrow(RangeError)
    expect(() => resampledLength(100, 0)).toThrow(RangeError)
  })
})

describe('16 kHz WAV chunks', () => {
  it('start with a 16-bit mono 16 kHz PCM header whose sizes are those of the samples', () => {
    const wav = concat([...pcmToWavChunks(new Float32Array(1234))])
    const view = new DataView(wav.buffer)
    expect(ascii(wav, 0)).toBe('RIFF')
    expect(view.getUint32(4, true)).toBe(36 + 1234 * 2)
    expect(ascii(wav, 8)).toBe('WAVE')
    expect(ascii(wav, 12)).toBe('fmt ')
    expect(view.getUint32(16, true)).toBe(16)
    expect(view.getUint16(20, true)).toBe(1)
    expect(view.getUint16(22, true)).toBe(1)
    expect(view.getUint32(24, true)).toBe(16_000)
    expect(view.getUint32(28, true)).toBe(32_000)
    expect(view.getUint16(32, true)).toBe(2)
    expect(view.getUint16(34, true)).toBe(16)
    expect(ascii(wav, 36)).toBe('data')
    expect(view.getUint32(40, true)).toBe(1234 * 2)
    expect(wav.byteLength).toBe(44 + 1234 * 2)
    // The parser main uses to split long WAVs reads it the same way.
    expect(parseWavLayout(wav, wav.byteLength)).toEqual({ dataOffset: 44, dataBytes: 2468, sampleRate: 16_000, channels: 1, bitsPerSample: 16, blockAlign: 2 })
  })

  it('hold the samples as little-endian 16-bit, clipped to -1..1', () => {
    const wav = concat([...pcmToWavChunks(new Float32Array([0, 0.5, -0.5, 1, -1, 1.7, -4, Number.NaN]))])
    expect(int16s(wav.subarray(44))).toEqual([0, 16384, -16384, 32767, -32768, 32767, -32768, 0])
    expect(Array.from(wav.subarray(44 + 6, 44 + 8))).toEqual([0xff, 0x7f])
  })

  it('are 256 KiB by default: all full but the last, the first counting the header', () => {
    // 300 000 samples = 600 044 bytes: 262 144 + 262 144 + 75 756.
    const samples = Float32Array.from({ length: 300_000 }, (_, i) => Math.sin(i / 50) * 0.9)
    const chunks = [...pcmToWavChunks(samples)]
    expect(WAV_CHUNK_BYTES).toBe(262_144)
    expect(chunks.map((c) => c.byteLength)).toEqual([262_144, 262_144, 75_756])
    const wav = concat(chunks)
    expect(int16s(wav.subarray(44))).toEqual(Array.from(samples, int16Of))
  })

  it('never split a sample between two chunks, whatever the chunk size', () => {
    const samples = Float32Array.from({ length: 1001 }, (_, i) => ((i % 200) - 100) / 100)
    const whole = concat([...pcmToWavChunks(samples, 1 << 20)])
    for (const size of [46, 47, 100, 101, 1000, 2045, 2046, 2047]) {
      const chunks = [...pcmToWavChunks(samples, size)]
      expect(chunks[0]!.byteLength % 2, `first chunk at ${size}`).toBe(0)
      for (const chunk of chunks.slice(1)) expect(chunk.byteLength % 2, `chunk at ${size}`).toBe(0)
      for (const chunk of chunks.slice(0, -1)) expect(chunk.byteLength, `chunk at ${size}`).toBeGreaterThan(size - 2)
      expect(Math.max(...chunks.map((c) => c.byteLength))).toBeLessThanOrEqual(size)
      expect(concat(chunks)).toEqual(whole)
    }
  })

  it('of no samples are a header alone, saying there is no data', () => {
    const chunks = [...pcmToWavChunks(new Float32Array(0))]
    expect(chunks).toHaveLength(1)
    expect(chunks[0]!.byteLength).toBe(44)
    expect(new DataView(chunks[0]!.buffer).getUint32(40, true)).toBe(0)
  })

  it('can be iterated again, and are encoded only as they are taken', () => {
    const samples = new Float32Array(5000)
    const chunks = pcmToWavChunks(samples, 1024)
    const first = concat([...chunks])
    const iterator = chunks[Symbol.iterator]()
    iterator.next()
    samples[4000] = -1
    const rest = concat([...{ [Symbol.iterator]: () => iterator }])
    expect(first.byteLength).toBe(44 + 10_000)
    // 490 frames fit beside the header in the first 1024 bytes.
    expect(new DataView(rest.buffer).getInt16((4000 - 490) * 2, true)).toBe(-32768)
  })

  it('refuse, before any chunk, a size that cannot hold the header and a sample or is not whole', () => {
    expect(() => pcmToWavChunks(new Float32Array(4), 45)).toThrow(RangeError)
    expect(() => pcmToWavChunks(new Float32Array(4), 100.5)).toThrow(RangeError)
  })
})

describe('live PCM chunks', () => {
  it('are emitted at exactly the chunk size, whatever block sizes arrive, and the rest on flush', () => {
    const out: Uint8Array[] = []
    const chunker = new Pcm16Chunker(1000, (c) => out.push(c))
    const input = Float32Array.from({ length: 4500 }, (_, i) => ((i % 64) - 32) / 32)
    // Blocks of 128 (an audio quantum), 4096 (a ScriptProcessor buffer) and odd sizes.
    for (const [from, to] of [[0, 128], [128, 4224], [4224, 4225], [4225, 4500]] as const) chunker.push(input.subarray(from, to))
    expect(out.map((c) => c.byteLength)).toEqual([2000, 2000, 2000, 2000])
    expect(chunker.frames).toBe(4500)
    chunker.flush()
    expect(out.map((c) => c.byteLength)).toEqual([2000, 2000, 2000, 2000, 1000])
    expect(int16s(concat(out))).toEqual(Array.from(input, int16Of))
  })

  it('hand over chunks that later samples do not overwrite', () => {
    const out: Uint8Array[] = []
    const chunker = new Pcm16Chunker(2, (c) => out.push(c))
    chunker.push(new Float32Array([1, 1, -1, -1]))
    expect(out.map(int16s)).toEqual([[32767, 32767], [-32768, -32768]])
  })

  it('emit nothing on a flush with no pending samples, and refuse an empty chunk size', () => {
    const out: Uint8Array[] = []
    const chunker = new Pcm16Chunker(2, (c) => out.push(c))
    chunker.push(new Float32Array([0.5, 0.5]))
    chunker.flush()
    chunker.flush()
    expect(out).toHaveLength(1)
    expect(() => new Pcm16Chunker(0, () => undefined)).toThrow(RangeError)
  })
})
