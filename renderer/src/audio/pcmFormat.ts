/**
 * The PCM that on-device transcription takes: 16 kHz mono. DOM-free, so the rules here are
 * unit-tested; decodePcm.ts and liveCapture.ts produce audio that follows them.
 */

import { DECODE_SAMPLE_RATE } from '../record/importPlan.ts'

/** Whisper's rate; the same rate the import flow converts large files to. */
export const PCM_SAMPLE_RATE = DECODE_SAMPLE_RATE

/**
 * How many 16 kHz samples Chromium's decodeAudioData yields for `frames` frames at `sampleRate`:
 * it truncates, `floor(frames * 16000 / sampleRate)` (measured in Chromium 156 and pinned by
 * tests/e2e/audioPrep.spec.ts; 22 051 frames at 22 050 Hz give 16 000, not 16 001). `frames` is
 * what the container decodes to at its own rate, which for MP3 and Opus is not always the
 * encoder's input (see the spec for encoder delay and padding).
 */
export function resampledLength(frames: number, sampleRate: number): number {
  if (!Number.isInteger(frames) || frames < 0) throw new RangeError(`Frames must be a whole number ≥ 0 (got ${frames}).`)
  if (!(sampleRate > 0)) throw new RangeError(`A sample rate must be positive (got ${sampleRate}).`)
  return Math.floor((frames * PCM_SAMPLE_RATE) / sampleRate)
}
