import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

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
  const header = Buffer.alloc(44)
  header.write('RIFF', 0)
  header.writeUInt32LE(36 + data.length, 4)
  header.write('WAVE', 8)
  header.write('fmt ', 12)
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(sampleRate, 24)
  header.writeUInt32LE(sampleRate * 2, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36)
  header.writeUInt32LE(data.length, 40)
  return Buffer.concat([header, data])
}

/** A file of `bytes` bytes of `content` with an audio-ish name, for bad-input tests. */
export function fileWith(name: string, content: Uint8Array): string {
  mkdirSync(CACHE, { recursive: true })
  const file = join(CACHE, name)
  writeFileSync(file, content)
  return file
}
