import { classifyProviderError, type ProviderName } from './classify.ts'
import { sdkClientOptions } from './types.ts'

const CHECK_TIMEOUT_MS = 15_000

/**
 * Checks a key with the cheapest authenticated call each provider has (listing models), so
 * Settings can say "works" or why not before a recording depends on it. Sends no audio or text.
 */
export async function checkProviderKey(
  provider: ProviderName,
  apiKey: string,
  baseURL: string | undefined
): Promise<{ ok: boolean; message: string }> {
  try {
    if (provider === 'openai') {
      const { default: OpenAI } = await import('openai')
      const client = new OpenAI(sdkClientOptions({ apiKey, baseURL, timeoutMs: CHECK_TIMEOUT_MS }))
      await client.models.list()
    } else {
      const { default: Anthropic } = await import('@anthropic-ai/sdk')
      const client = new Anthropic(sdkClientOptions({ apiKey, baseURL, timeoutMs: CHECK_TIMEOUT_MS }))
      await client.models.list()
    }
    return { ok: true, message: `Connected to ${provider === 'openai' ? 'OpenAI' : 'Anthropic'}: the key works.` }
  } catch (error) {
    const failure = classifyProviderError(error, provider)
    return { ok: false, message: failure.hint ? `${failure.message} ${failure.hint}` : failure.message }
  }
}
