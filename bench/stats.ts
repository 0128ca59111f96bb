/** Summary statistics for timing samples. */

export interface Summary {
  n: number
  median: number
  p95: number
  min: number
  max: number
  mean: number
}

/** The `p`-th percentile (0–100) with linear interpolation between ranks; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low)
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50)
}

/** Median, p95, min, max and mean, rounded for a JSON report. */
export function summarize(samples: readonly number[], digits = 3): Summary {
  const mean = samples.reduce((sum, x) => sum + x, 0) / samples.length
  return {
    n: samples.length,
    median: round(median(samples), digits),
    p95: round(percentile(samples, 95), digits),
    min: round(Math.min(...samples), digits),
    max: round(Math.max(...samples), digits),
    mean: round(mean, digits)
  }
}

/** `later / earlier`: 1 means no growth. */
export function ratio(later: number, earlier: number): number {
  return round(later / earlier, 3)
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** Milliseconds since `start` (a `performance.now()` reading). */
export function since(start: number): number {
  return performance.now() - start
}
