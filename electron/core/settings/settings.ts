import type { Db } from '../db/client.ts'
import { settingsPatchSchema, type PublicSettings, type SettingsPatch } from '../../shared/contract.ts'
import type { SecretName, SecretStore } from './secrets.ts'
import { resolveProviders } from './providers.ts'

export type Settings = Required<SettingsPatch>

export const DEFAULT_SETTINGS: Settings = {
  language: 'en',
  firstLanguage: '',
  level: 'B1',
  transcriptionProvider: 'auto',
  analysisProvider: 'auto',
  // Multilingual, and the balance of speed and accuracy the catalog recommends for most computers.
  localModel: 'base',
  analysisModel: 'claude-haiku-4-5',
  transcriptionModel: 'whisper-1',
  retentionDays: 7,
  maxRecordingMinutes: 30,
  transcribeWhileRecording: true,
  theme: 'system',
  onboarded: false
}

/** Settings as rows of JSON values, validated on the way in and on the way out. */
export class SettingsService {
  readonly #db: Db
  readonly #secrets: SecretStore
  /** Settings change only through `update`, so one read serves every job until then. */
  #cached: Settings | null = null

  constructor(db: Db, secrets: SecretStore) {
    this.#db = db
    this.#secrets = secrets
  }

  /** The current settings; a stored value that no longer validates falls back to its default. */
  async get(): Promise<Settings> {
    if (this.#cached) return { ...this.#cached }
    const rows = await this.#db.setting.findMany()
    const stored: Record<string, unknown> = {}
    for (const row of rows) {
      try {
        stored[row.key] = JSON.parse(row.value)
      } catch {
        // A corrupt value is ignored: the default below serves instead.
      }
    }
    const settings = { ...DEFAULT_SETTINGS }
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const parsed = settingsPatchSchema.safeParse({ [key]: stored[key] })
      if (stored[key] !== undefined && parsed.success) Object.assign(settings, parsed.data)
    }
    this.#cached = settings
    return { ...settings }
  }

  /** Applies a validated partial update. */
  async update(patch: SettingsPatch): Promise<Settings> {
    const valid = settingsPatchSchema.parse(patch)
    this.#cached = null
    await this.#db.$transaction(
      Object.entries(valid).map(([key, value]) =>
        this.#db.setting.upsert({
          where: { key },
          create: { key, value: JSON.stringify(value) },
          update: { value: JSON.stringify(value) }
        })
      )
    )
    return this.get()
  }

  /** Forgets every setting and both keys (part of "delete everything"). */
  async reset(): Promise<void> {
    this.#cached = null
    await this.#db.$transaction((tx) => tx.setting.deleteMany())
    this.#secrets.set('openai', null)
    this.#secrets.set('anthropic', null)
  }

  /** Stores or removes an API key; only main ever holds it. */
  setKey(name: SecretName, key: string | null): void {
    this.#secrets.set(name, key)
  }

  key(name: SecretName): string | null {
    return this.#secrets.get(name)
  }

  /** What the renderer may see: settings and, for keys, only whether one is set and its last four characters. */
  async publicView(): Promise<PublicSettings> {
    const keyStatus = (name: SecretName) => {
      const key = this.#secrets.get(name)
      return { set: key !== null, last4: key ? key.slice(-4) : null }
    }
    const settings = await this.get()
    const openaiKey = keyStatus('openai')
    const anthropicKey = keyStatus('anthropic')
    return { ...settings, openaiKey, anthropicKey, resolved: resolveProviders(settings, { openai: openaiKey.set, anthropic: anthropicKey.set }) }
  }
}
