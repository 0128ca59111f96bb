/** The providers' real error envelopes, as the simulator sends them. */

/** Anthropic's real error envelope. */
export function anthropicError(type: string, message: string): Record<string, unknown> {
  return { type: 'error', error: { type, message }, request_id: `req_sim_${Date.now().toString(36)}` }
}

/** OpenAI's real error envelope. */
export function openaiError(message: string, type: string, code: string | null): Record<string, unknown> {
  return { error: { message, type, param: null, code } }
}

/** OpenAI's 401 body; it echoes a masked key, so redaction gets exercised. */
export function openaiAuthError(key: string | undefined): unknown {
  if (!key) return openaiError("You didn't provide an API key.", 'invalid_request_error', null)
  const masked = key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(key.length - 6)}${key.slice(-3)}` : key
  return openaiError(
    `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    'invalid_api_key'
  )
}

/** OpenAI's usual body for an HTTP status. */
export function openaiErrorFor(status: number): unknown {
  if (status === 429) return openaiError('Rate limit reached for requests. Please try again in 20s.', 'requests', 'rate_limit_exceeded')
  if (status === 401) return openaiAuthError(undefined)
  if (status >= 500) return openaiError('The server had an error while processing your request. Sorry about that!', 'server_error', null)
  return openaiError('Invalid request.', 'invalid_request_error', null)
}

/** Anthropic's usual body for an HTTP status. */
export function anthropicErrorFor(status: number): unknown {
  if (status === 529) return anthropicError('overloaded_error', 'Overloaded')
  if (status === 429) return anthropicError('rate_limit_error', 'Number of requests has exceeded your rate limit.')
  if (status === 401) return anthropicError('authentication_error', 'invalid x-api-key')
  if (status === 403) return anthropicError('permission_error', 'Your API key does not have permission to use the specified resource.')
  if (status === 404) return anthropicError('not_found_error', 'The requested resource could not be found.')
  if (status >= 500) return anthropicError('api_error', 'Internal server error')
  return anthropicError('invalid_request_error', 'Invalid request.')
}
