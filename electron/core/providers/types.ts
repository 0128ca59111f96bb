import type { z } from 'zod'
import type { TimedWord } from '../analysis/contract.ts'
import type { TokenUsage } from '../analysis/types.ts'

export interface TranscriptSegment {
  text: string
  start: number
  end: number
  noSpeechProb: number
  avgLogprob: number
  compressionRatio: number
}

export interface TranscriptResult {
  text: string
  words: TimedWord[]
  segments: TranscriptSegment[]
  language: string
  durationMs: number
  model: string
}

export interface TranscribeRequest {
  /** Path of the audio file on disk. */
  file: string
  mimeType: string
  /** The learner's target language (ISO 639-1), always forced. */
  language: string
  signal: AbortSignal
  /** How far the transcription is, 0–100, from a provider that can tell (on-device); others never call it. */
  onProgress?: (percent: number) => void
}

/** What a provider client is built from: the key, an optional endpoint (tests, proxies), the model and a per-request limit. */
export interface ProviderClientOptions {
  apiKey: string
  baseURL?: string
  model?: string
  timeoutMs: number
}

/**
 * The SDK client settings both providers share: the job runner owns retries and backoff (SDK
 * retries would multiply attempts and hide 429s), and the log level is pinned so an
 * OPENAI_LOG/ANTHROPIC_LOG=debug in the environment cannot dump requests with learner text.
 */
export function sdkClientOptions(options: Omit<ProviderClientOptions, 'model'>) {
  return { apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.timeoutMs, maxRetries: 0, logLevel: 'warn' as const }
}

/** Turns a recording into timed words. */
export interface Transcriber {
  readonly name: string
  /** How many transcriptions are worth running at once (stretches left at Stop); 1 when absent. */
  readonly lanes?: number
  transcribe(request: TranscribeRequest): Promise<TranscriptResult>
}

/**
 * How the job runner treats a failure: permanent → FAILED at once; rate-limited → pause the
 * provider and retry after `retryAfterMs`; transient → exponential backoff, then FAILED.
 */
export type FailureKind = 'permanent' | 'rate-limited' | 'transient'

/** The one failure both the silence check and the hallucination guard end in. */
export function noSpeechError(): PipelineError {
  return new PipelineError('permanent', NO_SPEECH_MESSAGE, { hint: 'Check your microphone and record again.' })
}
export const NO_SPEECH_MESSAGE = 'No speech detected in this recording.'

/** A failure the learner can read: `message` says what happened, `hint` what to do. */
export class PipelineError extends Error {
  readonly kind: FailureKind
  readonly hint: string | null
  readonly retryAfterMs: number | null
  readonly provider: string | null

  constructor(
    kind: FailureKind,
    message: string,
    options: { hint?: string; retryAfterMs?: number; provider?: string; cause?: unknown } = {}
  ) {
    super(message, { cause: options.cause })
    this.name = 'PipelineError'
    this.kind = kind
    this.hint = options.hint ?? null
    this.retryAfterMs = options.retryAfterMs ?? null
    this.provider = options.provider ?? null
  }
}

/**
 * Claude answered, but not with a contract-valid analysis. Carries the zod issues (never the
 * response text, which quotes the transcript) so the caller can make one repair attempt.
 */
export class InvalidAnalysisResponse extends Error {
  readonly issues: z.core.$ZodIssue[]
  /** Tokens were still spent; cost accounting should count them. */
  readonly usage: TokenUsage | null

  constructor(message: string, issues: z.core.$ZodIssue[], usage: TokenUsage | null = null) {
    super(message)
    this.name = 'InvalidAnalysisResponse'
    this.issues = issues
    this.usage = usage
  }
}
