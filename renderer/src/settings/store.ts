import { create } from 'zustand'
import type { PublicSettings, SettingsPatch } from '../../../electron/shared/contract.ts'
import { call, errorMessage } from '../api/client.ts'
import { createKeyTester, IDLE_KEY_TEST, type KeyProvider, type KeyTest } from './keyTests.ts'

interface SettingsState {
  settings: PublicSettings | null
  loading: boolean
  error: string | null
  /** The latest connection test of each stored key. */
  keyTests: Record<KeyProvider, KeyTest>
  load: () => Promise<void>
  /** Saves a patch; resolves with main's view of the settings or throws an ApiError. */
  update: (patch: SettingsPatch) => Promise<PublicSettings>
  /** Sets (or with null removes) a key; the renderer only ever gets `{ set, last4 }` back. */
  setKey: (provider: KeyProvider, key: string | null) => Promise<PublicSettings>
  /** Asks main to check the stored key (it lists models; no audio or text is sent). Never throws. */
  testKey: (provider: KeyProvider) => Promise<void>
}

export const useSettings = create<SettingsState>((set, get) => ({
  settings: null,
  loading: false,
  error: null,
  keyTests: { openai: IDLE_KEY_TEST, anthropic: IDLE_KEY_TEST },

  load: async () => {
    set({ loading: true, error: null })
    try {
      set({ settings: await call('settings:get', {}), loading: false })
    } catch (error) {
      set({ loading: false, error: errorMessage(error) })
    }
  },

  update: async (patch) => {
    // Optimistic: a controlled radio or select must move on click, not after the round trip.
    const previous = get().settings
    if (previous) set({ settings: { ...previous, ...patch } })
    try {
      const settings = await call('settings:update', patch)
      set({ settings })
      return settings
    } catch (error) {
      set({ settings: previous })
      throw error
    }
  },

  setKey: async (provider, key) => {
    const settings = await call('settings:setKey', { provider, key })
    set({ settings })
    keyTester.forget(provider)
    return settings
  },

  testKey: (provider) => keyTester.test(provider)
}))

const keyTester = createKeyTester(
  (provider) => call('settings:testKey', { provider }),
  (provider, test) => useSettings.setState((s) => ({ keyTests: { ...s.keyTests, [provider]: test } }))
)
