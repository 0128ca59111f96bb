import * as AnthropicSDK from '@anthropic-ai/sdk'
import * as OpenAISDK from 'openai'
import { describe, expect, it } from 'vitest'
import {
  classifyProviderError,
  DEFAULT_RETRY_AFTER_MS,
  retryAfterMs,
  summariseProviderMessage
} from '../../../electron/core/providers/classify.ts'
import { PipelineError } from '../../../electron/core/providers/types.ts'

const NOW = Date.parse('2026-03-02T10:00:00Z')
const clock = () => NOW

function openaiStatus(status: number, error: object, headers: Record<string, string> = {}) {
  return OpenAISDK.APIError.generate(status, { error }, undefined, new Headers(headers))
}

function anthropicStatus(status: number, type: string, message: string, headers: Record<string, string> = {}) {
  return AnthropicSDK.APIError.generate(status, { type: 'error', error: { type, message } }, undefined, new Headers(headers))
}

describe('classifyProviderError', () => {
  it('treats a rejected key as permanent with a Settings hint', () => {
    const error = classifyProviderError(
      openaiStatus(401, { message: 'Incorrect API key provided: sk-abc*****xyz.', type: 'invalid_request_error', code: 'invalid_api_key' }),
      'openai'
    )
    expect(error).toMatchObject({ kind: 'permanent', message: 'Your OpenAI API key was rejected.', hint: 'Open Settings and check the key.' })
    expect(classifyProviderError(anthropicStatus(403, 'permission_error', 'nope'), 'anthropic').message).toBe(
      'Your Anthropic API key was rejected.'
    )
  })

  it('summarises a 400 without echoing keys or quoted request content', () => {
    const error = classifyProviderError(
      anthropicStatus(400, 'invalid_request_error', 'messages.0.content: text "Yesterday I go to the market" is invalid for key sk-ant-api03-secretsecret'),
      'anthropic'
    )
    expect(error.kind).toBe('permanent')
    expect(error.message).toMatch(/^Anthropic refused the request \(error 400\): messages\.0\.content: text … is invalid for key \[key\]$/)
    expect(error.message).not.toMatch(/Yesterday|secret/)
  })

  it('points a 404 at the model setting', () => {
    const error = classifyProviderError(anthropicStatus(404, 'not_found_error', 'model: claude-nope'), 'anthropic')
    expect(error).toMatchObject({ kind: 'permanent', hint: 'Check the model name in Settings.' })
  })

  it('reads retry-after in seconds, as an HTTP date, and retry-after-ms; defaults to 20 s', () => {
    const seconds = classifyProviderError(openaiStatus(429, { message: 'slow down' }, { 'retry-after': '12' }), 'openai', clock)
    expect(seconds).toMatchObject({ kind: 'rate-limited', retryAfterMs: 12_000 })
    const date = classifyProviderError(
      anthropicStatus(429, 'rate_limit_error', 'slow down', { 'retry-after': new Date(NOW + 45_000).toUTCString() }),
      'anthropic',
      clock
    )
    expect(date.retryAfterMs).toBe(45_000)
    expect(classifyProviderError(openaiStatus(429, {}, { 'retry-after-ms': '250' }), 'openai').retryAfterMs).toBe(250)
    expect(classifyProviderError(openaiStatus(429, {}, { 'retry-after': 'soon' }), 'openai').retryAfterMs).toBe(DEFAULT_RETRY_AFTER_MS)
  })

  it('does not wait out an exhausted OpenAI quota', () => {
    const error = classifyProviderError(
      openaiStatus(429, { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' }),
      'openai'
    )
    expect(error.kind).toBe('permanent')
  })

  it('treats 5xx and 529 as transient', () => {
    expect(classifyProviderError(openaiStatus(503, {}), 'openai').kind).toBe('transient')
    expect(classifyProviderError(anthropicStatus(529, 'overloaded_error', 'Overloaded'), 'anthropic')).toMatchObject({
      kind: 'transient',
      message: 'Anthropic is overloaded right now.'
    })
  })

  it('treats connection failures, timeouts and our own abort as transient', () => {
    expect(classifyProviderError(new OpenAISDK.APIConnectionError({ message: 'fetch failed' }), 'openai').message).toBe(
      'Could not reach OpenAI.'
    )
    expect(classifyProviderError(new AnthropicSDK.APIConnectionTimeoutError(), 'anthropic').message).toMatch(/timed out/)
    const aborted = classifyProviderError(new OpenAISDK.APIUserAbortError(), 'openai')
    expect(aborted).toMatchObject({ kind: 'transient', message: 'The request to OpenAI timed out.' })
    const domAbort = classifyProviderError(new DOMException('This operation was aborted', 'AbortError'), 'anthropic')
    expect(domAbort.message).toMatch(/timed out/)
  })

  it('passes a PipelineError through and wraps anything else as transient', () => {
    const original = new PipelineError('permanent', 'No speech detected in this recording.')
    expect(classifyProviderError(original, 'openai')).toBe(original)
    const unknown = classifyProviderError(new Error('boom'), 'openai')
    expect(unknown).toMatchObject({ kind: 'transient', provider: 'openai' })
    expect(unknown.message).not.toContain('boom')
  })
})

describe('retryAfterMs', () => {
  it('ignores absent, negative and unparseable values', () => {
    expect(retryAfterMs(undefined)).toBeNull()
    expect(retryAfterMs(new Headers())).toBeNull()
    expect(retryAfterMs(new Headers({ 'retry-after': 'later' }))).toBeNull()
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(NOW - 5_000).toUTCString() }), clock)).toBe(0)
  })
})

describe('summariseProviderMessage', () => {
  it('cuts long messages to one short line', () => {
    const summary = summariseProviderMessage(`bad   request\n${'x '.repeat(200)}`)
    expect(summary.length).toBeLessThanOrEqual(140)
    expect(summary).not.toContain('\n')
  })
})
