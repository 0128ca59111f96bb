import type { Download, Locator, Page } from '@playwright/test'
import { openRoute } from './navigate.ts'

type Provider = 'openai' | 'anthropic'

/** The Settings screen. Text and number fields save on blur; selects and radios save on change. */
export class SettingsPage {
  readonly heading: Locator
  readonly privacy: Locator
  readonly exportAllButton: Locator
  readonly deleteAllButton: Locator
  readonly deleteAllDialog: Locator
  readonly deleteAllInput: Locator
  readonly deleteAllConfirm: Locator
  readonly deleteAllCancel: Locator
  readonly deleteAllProgress: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Settings' })
    this.privacy = page.getByTestId('privacy-explainer')
    this.exportAllButton = page.getByTestId('export-all-button')
    this.deleteAllButton = page.getByTestId('delete-all-button')
    this.deleteAllDialog = page.getByTestId('delete-all-dialog')
    this.deleteAllInput = page.getByTestId('delete-all-input')
    this.deleteAllConfirm = page.getByTestId('delete-all-confirm')
    this.deleteAllCancel = page.getByTestId('delete-all-cancel')
    this.deleteAllProgress = page.getByTestId('delete-all-progress')
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

  testButton(provider: Provider): Locator {
    return this.page.getByTestId(`key-test-${provider}`)
  }

  /** The live region with the last test's message; `data-ok` is "true" or "false" once it has answered. */
  testResult(provider: Provider): Locator {
    return this.page.getByTestId(`key-test-result-${provider}`)
  }

  async testConnection(provider: Provider): Promise<void> {
    await this.testButton(provider).click()
  }

  /** Clicks "Export everything" and returns the download it starts. */
  async exportEverything(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exportAllButton.click()])
    return download
  }

  async openDeleteAll(): Promise<void> {
    await this.deleteAllButton.click()
    await this.deleteAllDialog.waitFor()
  }
}
