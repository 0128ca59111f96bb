/** Round length presets for a 4-3-2 retell, in seconds: the classic one first, then shorter ones. */
export const ROUND_PRESETS: readonly { id: string; label: string; seconds: readonly [number, number, number] }[] = [
  { id: '4-3-2', label: '4, 3 and 2 minutes', seconds: [240, 180, 120] },
  { id: '2-1.5-1', label: '2 minutes, 1½ and 1 minute', seconds: [120, 90, 60] },
  { id: '1-0.75-0.5', label: '1 minute, 45 and 30 seconds', seconds: [60, 45, 30] }
]

/** Time left in a round, never below zero. */
export function remainingMs(roundSeconds: number, elapsedMs: number): number {
  return Math.max(0, roundSeconds * 1000 - elapsedMs)
}
