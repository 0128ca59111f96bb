import { describe, it, expect } from 'vitest'
import { parseWavLayout } from '../../../electron/core/audio/wavSegments.ts'
import { WAV_HEADER_BYTES, encodePcm16, mixdown, wavByteLength, wavHeader, wavSlices } from '../../../renderer/src/record/pcmWav.ts'

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}

const samplesOf = (bytes: Uint8Array) => Array.from(new Int16Array(bytes.slice().buffer))

describe('WAV header for converted imports', () => {
  it('is a 44-byte 16-bit mono PCM header that main can lay out and split', () => {
    const header = wavHeader(16_000, 32_000)
    expect(header.byteLength).toBe(WAV_HEADER_BYTES)
    const file = concat([header, new Uint8Array(32_000)])
    expect(parseWavLayout(file, file.byteLength)).toEqual({
      dataOffset: 44,
      dataBytes: 32_000,
      sampleRate: 16_000,
      channels: 1,
      bitsPerSample: 16,
      blockAlign: 2
    })
    const view = new DataView(header.buffer)
    expect(view.getUint32(4, true)).toBe(36 + 32_000)
    expect(view.getUint32(28, true)).toBe(32_000)
  })
})

describe('Float32 to 16-bit PCM', () => {
  it('scales full range to the Int16 extremes, little-endian, and clips beyond', () => {
    const bytes = encodePcm16(new Float32Array([0, 1, -1, 0.5, -0.5, 2, -3]))
    expect(samplesOf(bytes)).toEqual([0, 32767, -32768, 16384, -16384, 32767, -32768])
    expect(bytes[2]).toBe(0xff)
    expect(bytes[3]).toBe(0x7f)
  })

  it('turns NaN into silence rather than noise', () => {
    expect(samplesOf(encodePcm16(new Float32Array([Number.NaN])))).toEqual([0])
  })

  it('writes into a given slice of a larger buffer', () => {
    const target = new Uint8Array(8)
    encodePcm16(new Float32Array([1, -1]), target.subarray(4))
    expect(Array.from(target.subarray(0, 4))).toEqual([0, 0, 0, 0])
    expect(samplesOf(target.subarray(4))).toEqual([32767, -32768])
  })
})

describe('mono mixdown', () => {
  it('averages the channels over the asked frames', () => {
    const left = new Float32Array([1, 0.5, 0, -1])
    const right = new Float32Array([0, 0.5, 1, -1])
    expect(Array.from(mixdown([left, right], 1, 4))).toEqual([0.5, 0.5, -1])
  })

  it('returns a mono source as a view, without copying', () => {
    const mono = new Float32Array([0.1, 0.2, 0.3])
    const mixed = mixdown([mono], 1, 3)
    expect(mixed.buffer).toBe(mono.buffer)
    expect(mixed.length).toBe(2)
  })
})

describe('WAV slices', () => {
  it('are at most the slice size, start with the header, and join into the whole mono WAV', () => {
    const frames = 1000
    const left = Float32Array.from({ length: frames }, (_, i) => Math.sin(i / 10))
    const right = Float32Array.from({ length: frames }, (_, i) => Math.cos(i / 7))
    const slices = [...wavSlices([left, right], 16_000, 256)]
    expect(slices.every((s) => s.byteLength <= 256)).toBe(true)
    const whole = concat(slices)
    expect(whole.byteLength).toBe(wavByteLength(frames))
    expect(Array.from(whole.subarray(0, 44))).toEqual(Array.from(wavHeader(16_000, frames * 2)))
    expect(samplesOf(whole.subarray(44))).toEqual(samplesOf(encodePcm16(mixdown([left, right], 0, frames))))
  })

  it('fill each slice (no sample is split across two)', () => {
    // 28 frames beside the header, then 50 a slice, then the 22 left over.
    const slices = [...wavSlices([new Float32Array(300)], 16_000, 100)]
    expect(slices.map((s) => s.byteLength)).toEqual([100, 100, 100, 100, 100, 100, 44])
  })

  it('are encoded only as they are taken', () => {
    const samples = new Float32Array(10_000)
    const slices = wavSlices([samples], 16_000, 1024)
    const first = slices.next().value as Uint8Array
    samples[5000] = 1
    const rest = concat([...slices])
    expect(first.byteLength).toBe(1024)
    const framesInFirst = (1024 - 44) / 2
    expect(new DataView(rest.buffer).getInt16((5000 - framesInFirst) * 2, true)).toBe(32767)
  })

  it('of no audio are a header alone', () => {
    const slices = [...wavSlices([new Float32Array(0)], 16_000, 1024)]
    expect(slices).toHaveLength(1)
    expect(slices[0]!.byteLength).toBe(44)
  })

  it('refuse a slice size that cannot hold the header and a sample', () => {
    expect(() => [...wavSlices([new Float32Array(4)], 16_000, 45)]).toThrow(RangeError)
  })
})
