import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pcmWavHeader } from '../../electron/shared/wav.ts'

const CACHE = join(tmpdir(), 'speakloop-test-audio')

/** A WAV of `text` spoken by espeak-ng (real speech for the pipeline), cached by text. */
export function speechWav(text: string, options: { rate?: number } = {}): string {
  mkdirSync(CACHE, { recursive: true })
  const name = createHash('sha1').update(`${options.rate ?? 150}:${text}`).digest('hex').slice(0, 16)
  const file = join(CACHE, `speech-${name}.wav`)
  if (!existsSync(file)) execFileSync('espeak-ng', ['-s', String(options.rate ?? 150), '-w', file, text])
  return file
}

/** A 16-bit mono PCM WAV of `seconds` of digital silence. */
export function silenceWav(seconds: number, sampleRate = 16_000): string {
  mkdirSync(CACHE, { recursive: true })
  const file = join(CACHE, `silence-${seconds}s-${sampleRate}.wav`)
  if (!existsSync(file)) writeFileSync(file, pcmWav(new Int16Array(Math.round(seconds * sampleRate)), sampleRate))
  return file
}

/** Wraps 16-bit mono samples in a WAV header. */
export function pcmWav(samples: Int16Array, sampleRate: number): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)
  return Buffer.concat([pcmWavHeader({ sampleRate, channels: 1, bitsPerSample: 16 }, data.length), data])
}

/** A file of `bytes` bytes of `content` with an audio-ish name, for bad-input tests. */
export function fileWith(name: string, content: Uint8Array): string {
  mkdirSync(CACHE, { recursive: true })
  const file = join(CACHE, name)
  writeFileSync(file, content)
  return file
}

/** `text` spoken by espeak-ng as a 48 kHz WAV with a second of silence after it, for Chromium's fake microphone. */
export function microphoneWav(text: string): string {
  const file = speechWav(text).replace(/\.wav$/, '-mic48k.wav')
  if (!existsSync(file)) execFileSync('sox', [speechWav(text), '-r', '48000', '-c', '1', '-b', '16', file, 'pad', '0', '1'])
  return file
}
