/** The y range of a trend: the data widened to include its references, padded, never below zero (every metric is >= 0). */
export function valueRange(min: number | null, max: number | null, references: readonly number[]): [number, number] {
  const values = [min, max, ...references].filter((v): v is number => v !== null && Number.isFinite(v))
  if (values.length === 0) return [0, 1]
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const pad = (hi - lo) * 0.12 || Math.max(Math.abs(hi) * 0.2, 0.1)
  return [Math.max(0, lo - pad), hi + pad]
}
