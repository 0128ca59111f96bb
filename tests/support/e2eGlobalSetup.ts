import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { E2E_DIR, FAKE_MIC_TEXT, FAKE_MIC_WAV } from './e2ePaths.ts'

/** Speaks the fake microphone's text with espeak-ng, at 48 kHz so Chromium plays it as is. */
export default function globalSetup(): void {
  mkdirSync(E2E_DIR, { recursive: true })
  const raw = `${FAKE_MIC_WAV}.raw.wav`
  execFileSync('espeak-ng', ['-s', '140', '-w', raw, FAKE_MIC_TEXT])
  execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', FAKE_MIC_WAV, 'pad', '0', '1'])
}
