/** US dollars per million tokens, from Anthropic's published prices; unknown models get no estimate. */
const PRICES: Record<string, { input: number; output: number }> = {
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-opus-4-5': { input: 5, output: 25 }
}

/** Cache writes cost 1.25× the input price and cache reads 0.1×. */
export function estimateCostUsd(
  model: string | null,
  tokens: { input: number; output: number; cacheRead: number; cacheWrite: number }
): number | null {
  const price = model ? PRICES[model.replace(/-\d{8}$/, '')] : undefined
  if (!price) return null
  const dollars =
    (tokens.input * price.input + tokens.cacheWrite * price.input * 1.25 + tokens.cacheRead * price.input * 0.1 + tokens.output * price.output) /
    1_000_000
  return Math.round(dollars * 100_000) / 100_000
}
