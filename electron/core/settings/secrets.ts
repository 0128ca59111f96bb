/** Names of the secrets Speakloop keeps: one API key per provider. */
export type SecretName = 'openai' | 'anthropic'

/**
 * Where API keys live. In the app it is backed by Electron `safeStorage` (electron/main);
 * in the CLI and tests by environment variables or memory. Keys never leave the main process.
 */
export interface SecretStore {
  get(name: SecretName): string | null
  set(name: SecretName, value: string | null): void
}

/** A store held in memory, seeded from the environment (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`). */
export function memorySecretStore(env: NodeJS.ProcessEnv = {}): SecretStore {
  const values = new Map<SecretName, string>()
  if (env.OPENAI_API_KEY) values.set('openai', env.OPENAI_API_KEY)
  if (env.ANTHROPIC_API_KEY) values.set('anthropic', env.ANTHROPIC_API_KEY)
  return {
    get: (name) => values.get(name) ?? null,
    set: (name, value) => {
      if (value === null) values.delete(name)
      else values.set(name, value)
    }
  }
}

/** Environment keys win over stored ones only when no key was stored. */
export function withEnvFallback(store: SecretStore, env: NodeJS.ProcessEnv): SecretStore {
  const fromEnv: Record<SecretName, string | undefined> = {
    openai: env.OPENAI_API_KEY,
    anthropic: env.ANTHROPIC_API_KEY
  }
  return {
    get: (name) => store.get(name) ?? fromEnv[name] ?? null,
    set: (name, value) => store.set(name, value)
  }
}
