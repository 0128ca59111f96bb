import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test as base, expect } from '../support/e2eFixtures.ts'
import {
  AUDIO_PREP_ORIGIN,
  correlation,
  makeAudioFixtures,
  mp3Layout,
  rms,
  serveRendererModules,
  webmOpus,
  zeroCrossingHz,
  type AudioFixture,
  type AudioFixtures
} from '../support/audioFixtures.ts'
import { resampledLength } from '../../renderer/src/audio/pcmFormat.ts'

/**
 * Audio preparation for on-device transcription, in real Chromium: files decoded to 16 kHz mono
 * by renderer/src/audio/decodePcm.ts, written back as WAV chunks, and live capture at 16 kHz.
 * The modules run as they are (transpiled, not bundled) in a blank https page; no app is started.
 */

type DecodeModule = typeof import('../../renderer/src/audio/decodePcm.ts')
type WavModule = typeof import('../../renderer/src/audio/wavChunks.ts')
type LiveModule = typeof import('../../renderer/src/audio/liveCapture.ts')

const MODULES = {
  decode: '/renderer/src/audio/decodePcm.ts',
  wav: '/renderer/src/audio/wavChunks.ts',
  live: '/renderer/src/audio/liveCapture.ts'
}

const test = base.extend<{ audioPage: Page }, { audio: { dir: string; files: AudioFixtures } }>({
  audio: [
    async ({ target }, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'speakloop-audio-prep-'))
      // The Electron project skips every test here, so it makes no fixtures.
      await use({ dir, files: target === 'web' ? makeAudioFixtures(dir) : ({} as AudioFixtures) })
      rmSync(dir, { recursive: true, force: true })
    },
    { scope: 'worker' }
  ],
  audioPage: async ({ target, webBrowser, audio }, use) => {
    // Web Audio decoding is Chromium's own; Electron's renderer runs the same code.
    test.skip(target !== 'web' || !webBrowser, 'skipped: audio preparation is checked in the web project’s Chromium')
    const context = await webBrowser!.newContext()
    await serveRendererModules(context, audio.dir)
    const page = await context.newPage()
    await page.goto(`${AUDIO_PREP_ORIGIN}/`)
    await use(page)
    await context.close()
  }
})

/** Decodes a fixture in the page: its 16 kHz samples, or the error message the learner would read. */
async function decode(page: Page, fixture: AudioFixture): Promise<{ samples: number[]; error?: undefined } | { samples?: undefined; error: string }> {
  return page.evaluate(
    async ({ modules, name }) => {
      const { decodeToPcm16k } = (await import(modules.decode)) as DecodeModule
      const bytes = await (await fetch(`/fixtures/${name}`)).arrayBuffer()
      try {
        return { samples: Array.from(await decodeToPcm16k(bytes)) }
      } catch (error) {
        return { error: (error as Error).message }
      }
    },
    { modules: MODULES, name: fixture.name }
  )
}

async function decoded(page: Page, fixture: AudioFixture): Promise<number[]> {
  const result = await decode(page, fixture)
  if (result.error !== undefined) throw new Error(`${fixture.name}: ${result.error}`)
  return result.samples
}

test('a 22 050 Hz WAV decodes to floor(frames × 16000 / rate) samples and keeps its 1 kHz tone', async ({ audioPage, audio }) => {
  const { tone22k } = audio.files
  const pcm = await decoded(audioPage, tone22k)

  // 22 051 × 16000 / 22 050 = 16 000.73: Chromium truncates, it does not round to 16 001.
  expect(pcm.length).toBe(16_000)
  expect(pcm.length).toBe(resampledLength(tone22k.frames, tone22k.sampleRate))
  expect(zeroCrossingHz(pcm, 16_000, 800, 15_200)).toBeCloseTo(1000, -1)
  expect(rms(pcm, 800, 15_200)).toBeCloseTo(0.5 / Math.SQRT2, 2)
})

test('a 48 kHz stereo WAV is resampled to mono as the mean of its channels', async ({ audioPage, audio }) => {
  const { stereo48k } = audio.files
  const pcm = await decoded(audioPage, stereo48k)

  // 48 001 × 16000 / 48 000 = 16 000.33.
  expect(pcm.length).toBe(16_000)
  expect(pcm.length).toBe(resampledLength(stereo48k.frames, stereo48k.sampleRate))
  expect(zeroCrossingHz(pcm, 16_000, 800, 15_200)).toBeCloseTo(1000, -1)
  // Left 0.8, right silent: the mean is a 0.4 sine (left alone or the sum would be 0.8, right alone 0).
  expect(rms(pcm, 800, 15_200)).toBeCloseTo(0.4 / Math.SQRT2, 2)
})

test('speech keeps its timing: silence where the file is silent, and sox’s own 16 kHz waveform where it speaks', async ({ audioPage, audio }) => {
  const { speech, speechSox16k } = audio.files
  const pcm = await decoded(audioPage, speech)

  expect(pcm.length).toBe(resampledLength(speech.frames, speech.sampleRate))
  // One second of digital silence on either side; the resampler's ringing reaches a few ms into it.
  expect(rms(pcm, 0, 15_500)).toBeLessThan(1e-4)
  expect(rms(pcm, pcm.length - 15_500)).toBeLessThan(1e-4)
  expect(rms(pcm, 16_000, pcm.length - 16_000)).toBeGreaterThan(0.02)
  // Independent resampler, same waveform at the same instants: a shift of one sample would drop this well below.
  const reference = wavSamples(readFileSync(speechSox16k.path))
  expect(Math.abs(reference.length - pcm.length)).toBeLessThanOrEqual(1)
  expect(correlation(pcm, reference)).toBeGreaterThan(0.99)
})

test('an MP3 with LAME’s gapless tag decodes to exactly what the encoder was given', async ({ audioPage, audio }) => {
  const { mp3Gapless } = audio.files
  const layout = mp3Layout(readFileSync(mp3Gapless.path))
  expect(layout.hasInfoTag).toBe(true)
  const pcm = await decoded(audioPage, mp3Gapless)

  // The LAME tag records the encoder delay and padding; Chromium's FFmpeg trims both, so the
  // 44 101 source frames come back as they went in, then 44 101 × 16000 / 44 100 = 16 000.36.
  expect(pcm.length).toBe(16_000)
  expect(pcm.length).toBe(resampledLength(mp3Gapless.frames, 44_100))
  // The tone starts at once, as in the source: the delay was trimmed, not padded over.
  expect(onset(pcm)).toBeLessThanOrEqual(2)
  expect(zeroCrossingHz(pcm, 16_000, 800, 15_200)).toBeCloseTo(1000, -1)
  // Lossy: LAME keeps the tone about 0.4 dB quieter.
  expect(rms(pcm, 800, 15_200)).toBeGreaterThan(0.9 * (0.5 / Math.SQRT2))
  expect(rms(pcm, 800, 15_200)).toBeLessThan(1.1 * (0.5 / Math.SQRT2))
})

test('an MP3 without that tag decodes to whole MPEG frames, encoder delay and padding included', async ({ audioPage, audio }) => {
  const { mp3Untagged } = audio.files
  const layout = mp3Layout(readFileSync(mp3Untagged.path))
  expect(layout.hasInfoTag).toBe(false)
  const pcm = await decoded(audioPage, mp3Untagged)

  // Nothing says how much of the first and last frame is encoder delay and padding, so every
  // frame's 1152 samples are kept: 40 frames = 46 080 at 44.1 kHz, 16 718 at 16 kHz, 45 ms more
  // than the source. lame at 22.05 kHz mono defaults to 32 kbit/s, whose first frame is too small
  // for the tag: such files decode this way too.
  const frames = layout.audioFrames * layout.samplesPerFrame
  expect(frames).toBeGreaterThan(mp3Untagged.frames)
  expect(pcm.length).toBe(resampledLength(frames, layout.sampleRate))
  // LAME's delay, 576 + 529 = 1105 samples at 44.1 kHz (about 401 at 16 kHz), precedes the tone.
  expect(onset(pcm)).toBeGreaterThanOrEqual(395)
  expect(onset(pcm)).toBeLessThanOrEqual(405)
  expect(zeroCrossingHz(pcm, 16_000, 2000, 15_200)).toBeCloseTo(1000, -1)
})

test('a WebM/Opus recording from MediaRecorder decodes to its Opus packets’ length at 16 kHz', async ({ audioPage }) => {
  const { webm, samples } = await audioPage.evaluate(
    async ({ modules }) => {
      const { decodeToPcm16k } = (await import(modules.decode)) as DecodeModule
      // What the recorder makes: MediaRecorder's WebM/Opus, here of a 1 kHz tone at 0.5.
      const context = new AudioContext({ sampleRate: 48_000 })
      await context.resume()
      const tone = new OscillatorNode(context, { frequency: 1000 })
      const destination = context.createMediaStreamDestination()
      tone.connect(new GainNode(context, { gain: 0.5 })).connect(destination)
      tone.start()
      const recorder = new MediaRecorder(destination.stream, { mimeType: 'audio/webm;codecs=opus' })
      const parts: Blob[] = []
      recorder.ondataavailable = (event) => parts.push(event.data)
      const stopped = new Promise((resolve) => recorder.addEventListener('stop', resolve, { once: true }))
      recorder.start()
      // Recording is real time: this is how long the file lasts, not a wait for something to settle.
      await new Promise((resolve) => setTimeout(resolve, 1500))
      recorder.stop()
      await stopped
      await context.close()
      const bytes = await new Blob(parts).arrayBuffer()
      const file = Array.from(new Uint8Array(bytes))
      return { webm: file, samples: Array.from(await decodeToPcm16k(bytes)) }
    },
    { modules: MODULES }
  )

  // MediaRecorder writes no pre-skip, CodecDelay or DiscardPadding, so every packet's samples are
  // kept (the encoder's few ms of lookahead included): the 48 kHz length is the packets' sum.
  const opus = webmOpus(Uint8Array.from(webm))
  expect(opus).toMatchObject({ channels: 2, preSkip: 0, codecDelayNs: 0, discardPaddingNs: 0 })
  expect(opus.samples48k).toBeGreaterThan(48_000)
  expect(samples.length).toBe(resampledLength(opus.samples48k, 48_000))
  expect(zeroCrossingHz(samples, 16_000, 3200, samples.length - 3200)).toBeCloseTo(1000, -1)
  expect(rms(samples, 3200, samples.length - 3200)).toBeGreaterThan(0.9 * (0.5 / Math.SQRT2))
  expect(rms(samples, 3200, samples.length - 3200)).toBeLessThan(1.1 * (0.5 / Math.SQRT2))
})

test('a corrupt file and an empty file fail with a sentence the learner understands', async ({ audioPage, audio }) => {
  expect(await decode(audioPage, audio.files.corrupt)).toEqual({ error: 'This file could not be decoded as audio.' })
  expect(await decode(audioPage, audio.files.empty)).toEqual({ error: 'This file is empty.' })
})

test('decoded audio written as WAV chunks is a 16 kHz mono WAV that Chromium decodes back to the same samples', async ({ audioPage, audio }) => {
  const result = await audioPage.evaluate(
    async ({ modules, name }) => {
      const { decodeToPcm16k } = (await import(modules.decode)) as DecodeModule
      const { pcmToWavChunks } = (await import(modules.wav)) as WavModule
      const pcm = await decodeToPcm16k(await (await fetch(`/fixtures/${name}`)).arrayBuffer())
      const chunks = [...pcmToWavChunks(pcm, 4096)]
      const back = await new OfflineAudioContext(1, 1, 16_000).decodeAudioData(await new Blob(chunks).arrayBuffer())
      const again = back.getChannelData(0)
      let maxError = 0
      for (let i = 0; i < pcm.length; i++) maxError = Math.max(maxError, Math.abs(pcm[i]! - again[i]!))
      return { frames: pcm.length, sizes: chunks.map((c) => c.byteLength), backFrames: back.length, backRate: back.sampleRate, backChannels: back.numberOfChannels, maxError }
    },
    { modules: MODULES, name: audio.files.stereo48k.name }
  )

  expect(result.frames).toBe(16_000)
  expect(result.sizes.reduce((a, b) => a + b, 0)).toBe(44 + 16_000 * 2)
  expect(result.sizes.slice(0, -1).every((size) => size === 4096)).toBe(true)
  // Read back at its own rate: nothing resampled, nothing lost but the 16-bit rounding.
  expect(result).toMatchObject({ backFrames: 16_000, backRate: 16_000, backChannels: 1 })
  expect(result.maxError).toBeLessThanOrEqual(1 / 32_768)
})

test('live capture at 16 kHz emits fixed-size 16-bit chunks of the input resampled, in order', async ({ audioPage }) => {
  const result = await audioPage.evaluate(
    async ({ modules }) => {
      const { capturePcm16k } = (await import(modules.live)) as LiveModule
      // A 48 kHz source, as a microphone usually is: a 1 kHz tone at 0.5.
      const source = new AudioContext({ sampleRate: 48_000 })
      await source.resume()
      const tone = new OscillatorNode(source, { frequency: 1000 })
      const destination = source.createMediaStreamDestination()
      tone.connect(new GainNode(source, { gain: 0.5 })).connect(destination)
      tone.start()
      const chunks: Uint8Array<ArrayBuffer>[] = []
      const started = performance.now()
      const capture = await capturePcm16k(destination.stream, (chunk) => chunks.push(chunk), { chunkFrames: 4000 })
      // Capture is real time: wait until about 1.5 s of audio has come through.
      while (capture.frames() < 24_000) await new Promise((resolve) => setTimeout(resolve, 50))
      await capture.stop()
      const seconds = (performance.now() - started) / 1000
      await source.close()
      const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer())
      const view = new DataView(bytes.buffer)
      const samples = Array.from({ length: bytes.length / 2 }, (_, i) => view.getInt16(i * 2, true) / 32_768)
      return { sizes: chunks.map((c) => c.byteLength), frames: capture.frames(), seconds, samples }
    },
    { modules: MODULES }
  )

  expect(result.sizes.slice(0, -1).every((size) => size === 8000)).toBe(true)
  expect(result.sizes.at(-1)).toBeLessThanOrEqual(8000)
  expect(result.samples.length).toBe(result.frames)
  // 16 000 frames a second of wall time (one 4096-frame processor buffer of slack either way).
  expect(result.frames).toBeLessThanOrEqual(result.seconds * 16_000 + 4096)
  // The tone at 16 kHz: 2000 sign changes a second; its first samples may precede the stream.
  const from = 8000
  expect(zeroCrossingHz(result.samples, 16_000, from, result.samples.length)).toBeCloseTo(1000, -1)
  expect(rms(result.samples, from)).toBeGreaterThan(0.9 * (0.5 / Math.SQRT2))
  expect(rms(result.samples, from)).toBeLessThan(1.1 * (0.5 / Math.SQRT2))
})

/** The index of the first sample louder than 0.05: where a tone starts. */
function onset(samples: number[]): number {
  return samples.findIndex((s) => Math.abs(s) > 0.05)
}

/** The samples of a 16-bit mono PCM WAV (44-byte header, as sox writes one), scaled to -1..1. */
function wavSamples(file: Buffer): number[] {
  return Array.from({ length: (file.length - 44) / 2 }, (_, i) => file.readInt16LE(44 + i * 2) / 32_768)
}
