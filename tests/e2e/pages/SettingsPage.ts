import type { Locator, Page } from '@playwright/test'
import { openRoute } from './navigate.ts'

type Provider = 'openai' | 'anthropic'

/** The Settings screen. Text and number fields save on blur; selects and radios save on change. */
export class SettingsPage {
  readonly heading: Locator
  readonly privacy: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Settings' })
    this.privacy = page.getByTestId('privacy-explainer')
  }

  async open(): Promise<void> {
    await openRoute(this.page, '#/settings')
    await this.heading.waitFor()
  }

  field(name: 'language' | 'firstLanguage' | 'level' | 'analysisModel' | 'transcriptionModel' | 'retentionDays' | 'maxRecordingMinutes'): Locator {
    return this.page.getByTestId(`setting-${name}`)
  }

  async fillAndSave(name: 'firstLanguage' | 'analysisModel' | 'transcriptionModel' | 'retentionDays' | 'maxRecordingMinutes', value: string): Promise<void> {
    await this.field(name).fill(value)
    await this.field(name).press('Enter')
  }

  async chooseProvider(label: 'Claude (Anthropic)' | 'On-device'): Promise<void> {
    await this.page.getByTestId('setting-analysisProvider').getByLabel(label).check()
  }

  async chooseTheme(label: 'System' | 'Light' | 'Dark'): Promise<void> {
    await this.page.getByTestId('setting-theme').getByLabel(label).check()
  }

  keyStatus(provider: Provider): Locator {
    return this.page.getByTestId(`key-status-${provider}`)
  }

  async setKey(provider: Provider, key: string): Promise<void> {
    await this.page.getByTestId(`key-input-${provider}`).fill(key)
    await this.page.getByTestId(`key-save-${provider}`).click()
  }

  async removeKey(provider: Provider): Promise<void> {
    await this.page.getByTestId(`key-remove-${provider}`).click()
  }
}
