import type { AnalysisProvider, ResolvedProviders, TranscriptionProvider } from '../../shared/contract.ts'

export type { ResolvedProviders }

/** Which API keys are stored; only whether, never the keys. */
export interface KeyPresence {
  openai: boolean
  anthropic: boolean
}

/**
 * The provider each stage uses. `auto` picks the cloud provider while its key is set (OpenAI for
 * transcription, Anthropic for analysis) and on-device otherwise, so a learner without keys still
 * gets a result. An explicit choice is kept even without its key: the stage then fails with "add
 * your key", instead of silently sending nothing, or something, elsewhere.
 */
export function resolveProviders(
  settings: { transcriptionProvider: TranscriptionProvider; analysisProvider: AnalysisProvider },
  keys: KeyPresence
): ResolvedProviders {
  const transcription = settings.transcriptionProvider === 'auto' ? (keys.openai ? 'openai' : 'on-device') : settings.transcriptionProvider
  const analysis = settings.analysisProvider === 'auto' ? (keys.anthropic ? 'claude' : 'on-device') : settings.analysisProvider
  return { transcription, analysis }
}
