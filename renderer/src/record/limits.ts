/** Shorter recordings are not worth a transcription: too little speech for any pattern or metric. */
export const MIN_RECORDING_MS = 3_000
/** The warning before the maximum length. */
export const LIMIT_WARNING_MS = 60_000

/** When the "one minute left" warning shows: a minute before the limit, or halfway for limits of two minutes or less. */
export function warningAtMs(maxMs: number): number {
  return maxMs > 2 * LIMIT_WARNING_MS ? maxMs - LIMIT_WARNING_MS : maxMs / 2
}

export function isTooShort(elapsedMs: number): boolean {
  return elapsedMs < MIN_RECORDING_MS
}

/** "1 minute left", "30 seconds left": what remains, rounded up to what a speaker can plan with. */
export function remainingText(elapsedMs: number, maxMs: number): string {
  const left = Math.max(0, maxMs - elapsedMs)
  if (left > 90_000) return `${Math.ceil(left / 60_000)} minutes left`
  if (left > 50_000) return '1 minute left'
  const seconds = Math.max(10, Math.ceil(left / 10_000) * 10)
  return `${seconds} seconds left`
}
