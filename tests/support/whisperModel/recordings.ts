import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Recordings for the on-device transcription tests: espeak-ng speech and sox-made signals, cached by name. */

const CACHE = join(tmpdir(), 'speakloop-test-audio')

/** `text` spoken by espeak-ng as it writes it: 22.05 kHz mono 16-bit. */
export function speech22k(text: string): string {
  return cached(`espeak-${hash(text)}.wav`, (out) => execFileSync('espeak-ng', ['-s', '150', '-w', out, text]))
}

/** `text` spoken by espeak-ng, converted by sox to what the app records: 16 kHz mono 16-bit. */
export function speech16k(text: string): string {
  return soxConvert(speech22k(text), `speech16k-${hash(text)}.wav`, ['-r', '16000', '-c', '1', '-b', '16'])
}

/** A WAV that sox converts from `source` with output `format` arguments (e.g. ['-r', '48000', '-c', '2']). */
export function soxConvert(source: string, name: string, format: string[]): string {
  return cached(name, (out) => execFileSync('sox', [source, ...format, out]))
}

/** A WAV sox synthesises: `format` as above, `effects` such as ['synth', '60', 'sine', '440']. */
export function soxSynth(name: string, format: string[], effects: string[]): string {
  return cached(name, (out) => execFileSync('sox', ['-n', ...format, out, ...effects]))
}

/** About `seconds` of continuous espeak-ng speech at 16 kHz, for jobs that must still be running when cancelled. */
export function longSpeech16k(seconds: number): string {
  const sentence = 'I usually take the train to work, and on the way I read the news or practise my vocabulary. '
  // espeak-ng at 150 words per minute speaks this sentence in about 7 seconds.
  return speech16k(sentence.repeat(Math.max(1, Math.ceil(seconds / 7))))
}

// Test files run in parallel processes: write under a private name, then rename into place, so
// no process reads a file another is still writing.
function cached(name: string, make: (path: string) => void): string {
  mkdirSync(CACHE, { recursive: true })
  const file = join(CACHE, name)
  if (!existsSync(file)) {
    const part = `${file}.${process.pid}.tmp.wav`
    make(part)
    renameSync(part, file)
  }
  return file
}

function hash(text: string): string {
  let h = 0
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) >>> 0
  return `${h.toString(16)}-${text.length}`
}
