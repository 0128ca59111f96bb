import { describe, expect, it } from 'vitest'
import { memorySecretStore, withEnvFallback } from '../../../electron/core/settings/secrets.ts'

describe('API keys from the environment', () => {
  it('serve when no key is saved, and a saved key wins over them', () => {
    const saved = memorySecretStore()
    const store = withEnvFallback(saved, { OPENAI_API_KEY: 'sk-env-1111' })
    expect(store.get('openai')).toBe('sk-env-1111')
    expect(store.get('anthropic')).toBeNull()
    store.set('openai', 'sk-saved-2222')
    expect(store.get('openai')).toBe('sk-saved-2222')
    expect(saved.get('openai')).toBe('sk-saved-2222')
    store.set('openai', null)
    expect(store.get('openai')).toBe('sk-env-1111')
  })
})
