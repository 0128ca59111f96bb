import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { BrowserContext } from '@playwright/test'
import ts from 'typescript'

const ROOT = resolve(import.meta.dirname, '../..')

/** What the speech fixture says (espeak-ng, 22 050 Hz mono). */
export const SPEECH_TEXT = 'I talked with my manager about the new project yesterday.'

/** An audio file made for the test, and how many frames at what rate went into it. */
export interface AudioFixture {
  path: string
  name: string
  sampleRate: number
  /** Frames of the source: what the encoder was given (and, for WAV, what the file holds). */
  frames: number
}

export interface AudioFixtures {
  /** 22 051 frames (one second and one frame) of a 1 kHz sine at amplitude 0.5, 22 050 Hz mono. */
  tone22k: AudioFixture
  /** 48 001 frames of a 1 kHz sine at amplitude 0.8 in the left channel, silence in the right; 48 kHz. */
  stereo48k: AudioFixture
  /** Speech with exactly one second of digital silence before and after, 22 050 Hz mono. */
  speech: AudioFixture
  /** The speech resampled to 16 kHz by sox: an independent reference for its waveform. */
  speechSox16k: AudioFixture
  /** 44 101 frames of a 1 kHz sine at amplitude 0.5, 44.1 kHz, as LAME writes it (with its gapless tag). */
  mp3Gapless: AudioFixture
  /** The same tone encoded with `lame -t`: no Xing/LAME tag, so no record of delay and padding. */
  mp3Untagged: AudioFixture
  /** 20 000 bytes of fixed pseudo-random noise named .mp3: no audio container or MPEG frame. */
  corrupt: AudioFixture
  /** A 0-byte .wav. */
  empty: AudioFixture
}

/** Makes every fixture in `dir` with sox, espeak-ng and lame (each takes well under a second). */
export function makeAudioFixtures(dir: string): AudioFixtures {
  const at = (name: string) => join(dir, name)
  const sox = (...args: string[]) => execFileSync('sox', ['-D', ...args])
  const fixture = (name: string, sampleRate: number, frames: number): AudioFixture => ({ path: at(name), name, sampleRate, frames })

  sox('-r', '22050', '-c', '1', '-n', '-b', '16', at('tone-22050.wav'), 'synth', '22051s', 'sine', '1000', 'vol', '0.5')
  sox('-r', '48000', '-c', '2', '-n', '-b', '16', at('tone-48000-stereo.wav'), 'synth', '48001s', 'sine', '1000', 'vol', '0.8', 'remix', '1', '0')

  execFileSync('espeak-ng', ['-s', '150', '-w', at('speech-raw.wav'), SPEECH_TEXT])
  sox(at('speech-raw.wav'), at('speech.wav'), 'pad', '1', '1')
  sox(at('speech.wav'), '-r', '16000', at('speech-sox-16000.wav'))

  sox('-r', '44100', '-c', '1', '-n', '-b', '16', at('tone-44100.wav'), 'synth', '44101s', 'sine', '1000', 'vol', '0.5')
  execFileSync('lame', ['--quiet', at('tone-44100.wav'), at('tone-gapless.mp3')])
  execFileSync('lame', ['--quiet', '-t', at('tone-44100.wav'), at('tone-untagged.mp3')])

  writeFileSync(at('corrupt.mp3'), noise(20_000))
  writeFileSync(at('empty.wav'), new Uint8Array(0))

  const speechFrames = soxFrames(at('speech.wav'))
  return {
    tone22k: fixture('tone-22050.wav', 22_050, 22_051),
    stereo48k: fixture('tone-48000-stereo.wav', 48_000, 48_001),
    speech: fixture('speech.wav', soxRate(at('speech.wav')), speechFrames),
    speechSox16k: fixture('speech-sox-16000.wav', 16_000, soxFrames(at('speech-sox-16000.wav'))),
    mp3Gapless: fixture('tone-gapless.mp3', 44_100, 44_101),
    mp3Untagged: fixture('tone-untagged.mp3', 44_100, 44_101),
    corrupt: fixture('corrupt.mp3', 0, 0),
    empty: fixture('empty.wav', 0, 0)
  }
}

/** The same `length` noise bytes on every run (a linear congruential generator), so a failure reproduces. */
function noise(length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  let state = 0x2545f491
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0
    bytes[i] = state >>> 24
  }
  return bytes
}

/** Sample frames of an audio file, as sox counts them. */
export function soxFrames(path: string): number {
  return Number(execFileSync('soxi', ['-s', path], { encoding: 'utf8' }).trim())
}

function soxRate(path: string): number {
  return Number(execFileSync('soxi', ['-r', path], { encoding: 'utf8' }).trim())
}

/** The origin the audio-prep page is served from: https, so the page is a secure context. */
export const AUDIO_PREP_ORIGIN = 'https://speakloop.test'

/**
 * Serves, inside `context`, a blank page at AUDIO_PREP_ORIGIN, the renderer's and shared
 * TypeScript modules as JavaScript (ts.transpileModule: types stripped, `.ts` imports left for
 * the browser to fetch), and the files of `fixtureDir` under /fixtures/. Nothing else loads.
 */
export async function serveRendererModules(context: BrowserContext, fixtureDir: string): Promise<void> {
  await context.route(`${AUDIO_PREP_ORIGIN}/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname)
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Audio preparation</title>' })
    if (path.startsWith('/fixtures/') && !path.includes('..')) {
      const file = join(fixtureDir, path.slice('/fixtures/'.length))
      if (existsSync(file)) return route.fulfill({ contentType: 'application/octet-stream', body: readFileSync(file) })
    }
    if (/^\/(renderer\/src|electron\/shared)\/[\w/]+\.ts$/.test(path)) {
      const source = readFileSync(join(ROOT, path), 'utf8')
      const { outputText } = ts.transpileModule(source, {
        fileName: path,
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext }
      })
      return route.fulfill({ contentType: 'text/javascript', body: outputText })
    }
    return route.fulfill({ status: 404, body: `Not served: ${path}` })
  })
}

/** Root mean square of `samples[from..to)`. */
export function rms(samples: ArrayLike<number>, from = 0, to = samples.length): number {
  let sum = 0
  for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!
  return to > from ? Math.sqrt(sum / (to - from)) : 0
}

/** The frequency of a steady tone in `samples[from..to)` at `sampleRate`, from its sign changes. */
export function zeroCrossingHz(samples: ArrayLike<number>, sampleRate: number, from = 0, to = samples.length): number {
  let crossings = 0
  for (let i = from + 1; i < to; i++) if (samples[i - 1]! < 0 !== samples[i]! < 0) crossings++
  return (crossings / 2) * (sampleRate / (to - from))
}

/** Pearson correlation of two equally long sample runs: 1 for the same waveform at the same time. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length)
  let ab = 0
  let aa = 0
  let bb = 0
  for (let i = 0; i < n; i++) {
    ab += a[i]! * b[i]!
    aa += a[i]! * a[i]!
    bb += b[i]! * b[i]!
  }
  return ab / Math.sqrt(aa * bb)
}

/** The MPEG audio frames of an MP3, and whether the first is a Xing/Info tag (no audio of its own). */
export interface Mp3Layout {
  sampleRate: number
  samplesPerFrame: number
  /** Frames that hold audio (a Xing/Info frame not counted). */
  audioFrames: number
  hasInfoTag: boolean
}

const MPEG1_L3_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
const MPEG2_L3_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
const MPEG_RATES: Record<number, number[]> = { 3: [44_100, 48_000, 32_000], 2: [22_050, 24_000, 16_000], 0: [11_025, 12_000, 8000] }

/** Walks the Layer III frame headers of an MP3 (no ID3v2 tag, as lame writes it by default). */
export function mp3Layout(bytes: Uint8Array): Mp3Layout {
  let at = 0
  let frames = 0
  let hasInfoTag = false
  let sampleRate = 0
  let samplesPerFrame = 0
  while (at + 4 <= bytes.length && bytes[at] === 0xff && (bytes[at + 1]! & 0xe0) === 0xe0) {
    const version = (bytes[at + 1]! >> 3) & 3
    const layer = (bytes[at + 1]! >> 1) & 3
    if (layer !== 1 || version === 1) throw new Error(`Not an MPEG Layer III frame at byte ${at}.`)
    const mpeg1 = version === 3
    const kbps = (mpeg1 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[bytes[at + 2]! >> 4]!
    sampleRate = MPEG_RATES[version]![(bytes[at + 2]! >> 2) & 3]!
    const padding = (bytes[at + 2]! >> 1) & 1
    samplesPerFrame = mpeg1 ? 1152 : 576
    const length = Math.floor(((mpeg1 ? 144_000 : 72_000) * kbps) / sampleRate) + padding
    const head = Buffer.from(bytes.subarray(at, at + Math.min(length, 64))).toString('latin1')
    if (frames === 0 && !hasInfoTag && (head.includes('Xing') || head.includes('Info'))) hasInfoTag = true
    else frames++
    at += length
  }
  return { sampleRate, samplesPerFrame, audioFrames: frames, hasInfoTag }
}

/** What a WebM holds of Opus: its packets' length at 48 kHz and what the stream says to trim. */
export interface WebmOpus {
  channels: number
  packets: number
  /** Sum of every packet's duration (TOC byte: frame size times frame count), at 48 kHz. */
  samples48k: number
  /** OpusHead's pre-skip, at 48 kHz. */
  preSkip: number
  /** The CodecDelay and DiscardPadding elements, in nanoseconds (0 when absent). */
  codecDelayNs: number
  discardPaddingNs: number
}

const EBML_MASTERS = new Set([0x18538067, 0x1f43b675, 0x1654ae6b, 0xae, 0xa0])

/** Reads the Opus track of a single-track WebM as MediaRecorder writes it (SimpleBlocks, no lacing). */
export function webmOpus(bytes: Uint8Array): WebmOpus {
  const out: WebmOpus = { channels: 0, packets: 0, samples48k: 0, preSkip: 0, codecDelayNs: 0, discardPaddingNs: 0 }
  let at = 0
  const vint = (keepMarker: boolean): number => {
    const first = bytes[at]!
    let length = 1
    while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++
    let value = keepMarker ? first : first & (0xff >> length)
    for (let i = 1; i < length; i++) value = value * 256 + bytes[at + i]!
    at += length
    return value
  }
  const uint = (from: number, to: number) => bytes.subarray(from, to).reduce((v, b) => v * 256 + b, 0)
  while (at < bytes.length) {
    const id = vint(true)
    const sizeStart = at
    const size = vint(false)
    const unknownSize = bytes[sizeStart] === 0x01 && bytes.subarray(sizeStart + 1, at).every((b) => b === 0xff)
    if (EBML_MASTERS.has(id)) continue
    if (unknownSize) throw new Error(`Element ${id.toString(16)} has an unknown size.`)
    const body = at
    at += size
    if (id === 0x63a2 && Buffer.from(bytes.subarray(body, body + 8)).toString('latin1') === 'OpusHead') {
      out.channels = bytes[body + 9]!
      out.preSkip = bytes[body + 10]! | (bytes[body + 11]! << 8)
    } else if (id === 0x56aa) out.codecDelayNs = uint(body, at)
    else if (id === 0x75a2) out.discardPaddingNs = uint(body, at)
    else if (id === 0xa3 || id === 0xa1) {
      const end = at
      at = body
      vint(false)
      const flags = bytes[at + 2]!
      if (flags & 0x06) throw new Error('Laced blocks are not read here.')
      out.samples48k += opusPacketSamples(bytes.subarray(at + 3, end))
      out.packets++
      at = end
    }
  }
  return out
}

/** An Opus packet's duration at 48 kHz, from its TOC byte (RFC 6716, section 3.1). */
export function opusPacketSamples(packet: Uint8Array): number {
  const config = packet[0]! >> 3
  const frameMs = config < 12 ? [10, 20, 40, 60][config & 3]! : config < 16 ? [10, 20][config & 1]! : [2.5, 5, 10, 20][config & 3]!
  const code = packet[0]! & 3
  const count = code === 0 ? 1 : code === 3 ? packet[1]! & 0x3f : 2
  return frameMs * 48 * count
}
