/**
 * A cheap voice-activity check run before whisper.cpp: Whisper given silence or steady noise
 * "hears" stock phrases ("Thank you for watching."), and a learner must never be coached on a
 * transcript of nothing. Energy-based, over 30 ms frames. Pure.
 */

export const FRAME_SECONDS = 0.03
/** Less speech than this is not a recording the learner meant to make. */
export const MIN_SPEECH_SECONDS = 0.3
/** About -50 dBFS RMS: below it a frame is silence whatever the room sounds like. */
const ABSOLUTE_FLOOR = 0.003
/** Speech stands at least 12 dB above the recording's own noise floor. */
const ABOVE_NOISE = 4
/** The noise floor is the level the quietest tenth of frames reach. */
const NOISE_PERCENTILE = 0.1

export interface SpeechActivity {
  /** Seconds of frames loud enough to be speech. */
  speechSeconds: number
  totalSeconds: number
  /** The RMS level (0–1) a frame had to reach. */
  threshold: number
}

/** How much of 16-bit mono audio is loud enough, and far enough above its noise floor, to be speech. */
export function measureSpeech(samples: Int16Array, sampleRate: number): SpeechActivity {
  const frameLength = Math.max(1, Math.round(sampleRate * FRAME_SECONDS))
  const levels: number[] = []
  for (let start = 0; start + frameLength <= samples.length; start += frameLength) {
    let sum = 0
    for (let i = start; i < start + frameLength; i++) sum += samples[i]! * samples[i]!
    levels.push(Math.sqrt(sum / frameLength) / 32768)
  }
  const sorted = [...levels].sort((a, b) => a - b)
  const noiseFloor = sorted[Math.floor(sorted.length * NOISE_PERCENTILE)] ?? 0
  const threshold = Math.max(ABSOLUTE_FLOOR, noiseFloor * ABOVE_NOISE)
  const active = levels.filter((level) => level >= threshold).length
  return { speechSeconds: (active * frameLength) / sampleRate, totalSeconds: samples.length / sampleRate, threshold }
}

/** Whether there is enough speech to transcribe at all. */
export function hasSpeech(activity: SpeechActivity): boolean {
  return activity.speechSeconds >= MIN_SPEECH_SECONDS
}
