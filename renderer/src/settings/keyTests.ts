export type KeyProvider = 'openai' | 'anthropic'

/** Where a key's connection test stands; a result belongs to the key it was run with. */
export type KeyTest = { state: 'idle' } | { state: 'testing' } | { state: 'done'; ok: boolean; message: string }

export const IDLE_KEY_TEST: KeyTest = { state: 'idle' }

export interface KeyTester {
  /** Runs a check and shows its progress and verdict. Never throws: a failed call is a failed test. */
  test: (provider: KeyProvider) => Promise<void>
  /** The key changed: clear the verdict and drop any answer still on its way about the old key. */
  forget: (provider: KeyProvider) => void
}

/** Runs key checks so that only the latest run for the current key is ever shown. */
export function createKeyTester(
  check: (provider: KeyProvider) => Promise<{ ok: boolean; message: string }>,
  show: (provider: KeyProvider, test: KeyTest) => void
): KeyTester {
  const runs: Record<KeyProvider, number> = { openai: 0, anthropic: 0 }
  return {
    async test(provider) {
      const run = ++runs[provider]
      const showIfLatest = (test: KeyTest) => {
        if (runs[provider] === run) show(provider, test)
      }
      showIfLatest({ state: 'testing' })
      try {
        const { ok, message } = await check(provider)
        showIfLatest({ state: 'done', ok, message })
      } catch (error) {
        showIfLatest({ state: 'done', ok: false, message: error instanceof Error ? error.message : String(error) })
      }
    },
    forget(provider) {
      runs[provider] += 1
      show(provider, IDLE_KEY_TEST)
    }
  }
}
