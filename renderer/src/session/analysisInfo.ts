import type { SessionDetail } from '../../../electron/shared/contract.ts'

/** The model name the on-device analyzer records (electron/core/analysis/offline). */
export const ON_DEVICE_MODEL_PREFIX = 'speakloop-offline'

/** "about $0.004": estimates are rounded to what a learner can compare, never shown as exact. */
export function formatCost(usd: number): string {
  if (usd <= 0) return '$0'
  if (usd < 0.001) return 'less than $0.001'
  return `about $${usd < 0.01 ? usd.toFixed(3) : usd.toFixed(2)}`
}

export interface AnalysisInfo {
  onDevice: boolean
  text: string
}

/** Where the analysis ran, and for Claude its tokens and estimated cost; null before any analysis. */
export function analysisInfo(detail: Pick<SessionDetail, 'analysisModel' | 'tokens'>): AnalysisInfo | null {
  const model = detail.analysisModel
  if (!model) return null
  if (model.startsWith(ON_DEVICE_MODEL_PREFIX)) return { onDevice: true, text: 'Analysed on this device: nothing was sent for analysis.' }
  const t = detail.tokens
  if (!t) return { onDevice: false, text: `Analysed with ${model}` }
  const input = t.input + t.cacheRead + t.cacheWrite
  const parts = [`Analysed with ${model}`, `${input.toLocaleString()} input / ${t.output.toLocaleString()} output tokens`]
  if (t.cacheRead > 0) parts.push(`${t.cacheRead.toLocaleString()} read from cache`)
  parts.push(t.estimatedCostUsd === null ? 'cost unknown for this model' : formatCost(t.estimatedCostUsd))
  return { onDevice: false, text: parts.join(' · ') }
}
