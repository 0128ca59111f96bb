import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isWhisperNative, readWavFormat, resampleToInt16, UnsupportedAudioError, wavToWhisperPcm } from '../../../electron/core/localModels/whisperAudio.ts'
import { pcmWav } from '../../support/audio.ts'
import { soxSynth, speech16k } from '../../support/whisperModel/recordings.ts'

const tone = (name: string, format: string[], hz: number, seconds = 1, gain = '-6') =>
  readFileSync(soxSynth(name, format, ['synth', String(seconds), 'sine', String(hz), 'gain', gain]))

function rms(samples: Int16Array): number {
  let sum = 0
  for (const s of samples) sum += (s / 32768) ** 2
  return Math.sqrt(sum / samples.length)
}

/** Frequency of a pure tone from its sign changes. */
function frequency(samples: Int16Array, rate: number): number {
  let crossings = 0
  for (let i = 1; i < samples.length; i++) if (samples[i - 1]! < 0 !== samples[i]! < 0) crossings++
  return crossings / 2 / (samples.length / rate)
}

describe('readWavFormat', () => {
  it('reads what the app records, and the layouts sox writes for other PCM', () => {
    expect(readWavFormat(readFileSync(speech16k('Hello there.')))).toMatchObject({ encoding: 1, sampleRate: 16_000, channels: 1, bitsPerSample: 16 })
    // sox writes 24-bit and multichannel files as WAVE_FORMAT_EXTENSIBLE: the sub-format decides.
    expect(readWavFormat(tone('t-44k-2ch-24.wav', ['-r', '44100', '-c', '2', '-b', '24'], 440))).toMatchObject({ encoding: 1, sampleRate: 44_100, channels: 2, bitsPerSample: 24 })
    expect(readWavFormat(tone('t-48k-float.wav', ['-r', '48000', '-c', '1', '-e', 'floating-point', '-b', '32'], 440))).toMatchObject({ encoding: 3, bitsPerSample: 32 })
    expect(readWavFormat(tone('t-8k-u8.wav', ['-r', '8000', '-c', '1', '-b', '8'], 440))).toMatchObject({ encoding: 1, bitsPerSample: 8 })
  })

  it('refuses compressed WAVs and other containers', () => {
    expect(readWavFormat(tone('t-ulaw.wav', ['-r', '8000', '-c', '1', '-e', 'u-law'], 440))).toBeNull()
    expect(readWavFormat(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull()
    expect(() => wavToWhisperPcm(Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00\x00\x00'))).toThrow(UnsupportedAudioError)
  })

  it('trusts the file length when a streaming recorder never filled in the data size', () => {
    const wav = pcmWav(new Int16Array([1, 2, 3, 4]), 16_000)
    wav.writeUInt32LE(0xffffffff, 40)
    expect(readWavFormat(wav)).toMatchObject({ dataOffset: 44, dataBytes: 8 })
    expect(Array.from(wavToWhisperPcm(wav))).toEqual([1, 2, 3, 4])
  })
})

describe('wavToWhisperPcm', () => {
  it('passes 16 kHz mono 16-bit samples through untouched', () => {
    const bytes = readFileSync(speech16k('Hello there.'))
    const format = readWavFormat(bytes)!
    expect(isWhisperNative(format)).toBe(true)
    const samples = wavToWhisperPcm(bytes)
    expect(Buffer.from(samples.buffer)).toEqual(bytes.subarray(format.dataOffset, format.dataOffset + format.dataBytes))
  })

  it('mixes 48 kHz stereo 24-bit down to 16 kHz mono, keeping pitch and level', () => {
    const out = wavToWhisperPcm(tone('t-1k-48k-2ch-24.wav', ['-r', '48000', '-c', '2', '-b', '24'], 1000, 2))
    expect(out.length).toBe(32_000)
    expect(frequency(out, 16_000)).toBeCloseTo(1000, -1)
    // -6 dB sine: peak 0.5, RMS 0.354.
    expect(rms(out)).toBeCloseTo(0.354, 2)
  })

  it('filters out what 16 kHz cannot hold instead of folding it into the speech band', () => {
    // A 12 kHz tone would alias to 4 kHz at full level without the low-pass.
    const out = wavToWhisperPcm(tone('t-12k-48k.wav', ['-r', '48000', '-c', '1', '-b', '16'], 12_000))
    expect(rms(out)).toBeLessThan(0.005)
  })

  it('upsamples 8 kHz telephone audio and 44.1 kHz float audio to 16 kHz', () => {
    const low = wavToWhisperPcm(tone('t-440-8k-u8.wav', ['-r', '8000', '-c', '1', '-b', '8'], 440))
    expect(low.length).toBe(16_000)
    expect(frequency(low, 16_000)).toBeCloseTo(440, -1)
    const float = wavToWhisperPcm(tone('t-440-44k-float.wav', ['-r', '44100', '-c', '1', '-e', 'floating-point', '-b', '32'], 440))
    expect(float.length).toBe(16_000)
    expect(rms(float)).toBeCloseTo(0.354, 2)
  })
})

describe('resampleToInt16', () => {
  it.each([8000, 11_025, 22_050, 44_100, 48_000])('turns a 440 Hz tone at %i Hz into the same tone at 16 kHz, sample for sample', (rate) => {
    const input = Float32Array.from({ length: rate * 2 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / rate))
    const out = resampleToInt16((from, to) => input.subarray(from, to), input.length, rate, 16_000)
    expect(out.length).toBe(32_000)
    let worst = 0
    // The first and last few milliseconds lack neighbours on one side.
    for (let i = 100; i < out.length - 100; i++) worst = Math.max(worst, Math.abs(out[i]! / 32768 - 0.5 * Math.sin((2 * Math.PI * 440 * i) / 16_000)))
    expect(worst).toBeLessThan(0.001)
  })
})
