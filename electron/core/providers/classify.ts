import * as OpenAIErrors from 'openai'
import * as AnthropicErrors from '@anthropic-ai/sdk'
import { PipelineError } from './types.ts'

export type ProviderName = 'openai' | 'anthropic'

/** Used when a 429 carries no usable retry-after header. */
export const DEFAULT_RETRY_AFTER_MS = 20_000
// A header asking for more than this is more likely a bug than a plan; the runner re-checks anyway.
const MAX_RETRY_AFTER_MS = 60 * 60 * 1000

const DISPLAY: Record<ProviderName, string> = { openai: 'OpenAI', anthropic: 'Anthropic' }

/**
 * Maps whatever an SDK call threw onto a learner-readable `PipelineError` the job runner can act on.
 * Messages never carry the API key or transcript text: provider wording is redacted and cut short.
 */
export function classifyProviderError(
  error: unknown,
  provider: ProviderName,
  now: () => number = Date.now
): PipelineError {
  if (error instanceof PipelineError) return error
  const name = DISPLAY[provider]
  const make = (kind: PipelineError['kind'], message: string, options: { hint?: string; retryAfterMs?: number } = {}) =>
    new PipelineError(kind, message, { ...options, provider, cause: error })

  // Order matters: abort and timeout errors are subclasses of the SDKs' APIError.
  if (isUserAbort(error)) {
    return make('transient', `The request to ${name} timed out.`, { hint: 'Speakloop will try again.' })
  }
  if (error instanceof OpenAIErrors.APIConnectionTimeoutError || error instanceof AnthropicErrors.APIConnectionTimeoutError) {
    return make('transient', `The request to ${name} timed out.`, { hint: 'Speakloop will try again.' })
  }
  if (error instanceof OpenAIErrors.APIConnectionError || error instanceof AnthropicErrors.APIConnectionError) {
    return make('transient', `Could not reach ${name}.`, { hint: 'Check your internet connection; Speakloop will try again.' })
  }

  const status = statusOf(error)
  if (status === undefined) {
    if (error instanceof SyntaxError) {
      return make('transient', `${name} sent a response Speakloop could not read.`, { hint: 'Speakloop will try again.' })
    }
    return make('transient', `Something went wrong while talking to ${name}.`, { hint: 'Speakloop will try again.' })
  }

  const detail = providerMessage(error)
  if (status === 401 || status === 403) {
    return make('permanent', `Your ${name} API key was rejected.`, { hint: 'Open Settings and check the key.' })
  }
  if (status === 429) {
    // OpenAI reports an exhausted balance as a 429; waiting does not fix it.
    if (providerCode(error) === 'insufficient_quota') {
      return make('permanent', `Your ${name} account has run out of credit.`, {
        hint: `Check billing in your ${name} account, then retry the session.`
      })
    }
    return make('rate-limited', `${name} is limiting how fast Speakloop can send requests.`, {
      hint: 'Speakloop will wait and try again.',
      retryAfterMs: retryAfterMs(headersOf(error), now) ?? DEFAULT_RETRY_AFTER_MS
    })
  }
  if (status === 402) {
    return make('permanent', `${name} declined the request because of a billing problem.`, {
      hint: `Check billing in your ${name} account, then retry the session.`
    })
  }
  if (status === 529) {
    return make('transient', `${name} is overloaded right now.`, { hint: 'Speakloop will try again.' })
  }
  if (status === 408 || status === 409 || status >= 500) {
    return make('transient', `${name} had a temporary problem (error ${status}).`, { hint: 'Speakloop will try again.' })
  }
  if (status === 413) {
    return make('permanent', `This recording is too large for ${name}.`, { hint: 'Record a shorter session.' })
  }
  const suffix = detail ? `: ${detail}` : '.'
  const hint = status === 404 ? 'Check the model name in Settings.' : 'Retrying will not help; check Settings or report this.'
  return make('permanent', `${name} refused the request (error ${status})${suffix}`, { hint })
}

/** Reads `retry-after-ms`, then `retry-after` (seconds or an HTTP date); null when absent or unusable. */
export function retryAfterMs(headers: Headers | undefined, now: () => number = Date.now): number | null {
  if (!headers) return null
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '')
  if (Number.isFinite(ms) && ms >= 0) return clampRetry(ms)
  const raw = headers.get('retry-after')?.trim()
  if (!raw) return null
  if (/^\d+(\.\d+)?$/.test(raw)) return clampRetry(Number.parseFloat(raw) * 1000)
  const at = Date.parse(raw)
  if (Number.isNaN(at)) return null
  return clampRetry(Math.max(0, at - now()))
}

/** Shortens a provider's error text for a learner: no keys, no quoted content, one short line. */
export function summariseProviderMessage(raw: string): string {
  const cleaned = raw
    // API keys and bearer tokens (OpenAI echoes a masked key; never trust the mask).
    .replace(/\bsk-[A-Za-z0-9_*.-]{3,}/g, '[key]')
    .replace(/\b[A-Za-z0-9_-]{32,}\b/g, '[redacted]')
    // Quoted spans may echo request content, which can be transcript text.
    .replace(/"[^"]*"|'[^']*'|`[^`]*`|“[^”]*”/g, '…')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.\s]+$/, '')
  return cleaned.length > 140 ? `${cleaned.slice(0, 139).trimEnd()}…` : cleaned
}

function clampRetry(ms: number): number {
  return Math.min(Math.round(ms), MAX_RETRY_AFTER_MS)
}

function isUserAbort(error: unknown): boolean {
  if (error instanceof OpenAIErrors.APIUserAbortError || error instanceof AnthropicErrors.APIUserAbortError) return true
  return error instanceof Error && error.name === 'AbortError'
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof OpenAIErrors.APIError || error instanceof AnthropicErrors.APIError) {
    return typeof error.status === 'number' ? error.status : undefined
  }
  return undefined
}

function headersOf(error: unknown): Headers | undefined {
  if (error instanceof OpenAIErrors.APIError || error instanceof AnthropicErrors.APIError) return error.headers
  return undefined
}

function providerCode(error: unknown): string | undefined {
  if (error instanceof OpenAIErrors.APIError) return error.code ?? error.type ?? undefined
  if (error instanceof AnthropicErrors.APIError) return error.errorCode ?? error.type ?? undefined
  return undefined
}

function providerMessage(error: unknown): string {
  let raw: string | null | undefined
  if (error instanceof AnthropicErrors.APIError) raw = error.apiMessage
  else if (error instanceof OpenAIErrors.APIError) {
    const body = error.error as { message?: unknown } | undefined
    raw = typeof body?.message === 'string' ? body.message : undefined
  }
  return raw ? summariseProviderMessage(raw) : ''
}
