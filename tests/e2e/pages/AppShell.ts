import type { Locator, Page } from '@playwright/test'

/** The sidebar, the global indicators and the live region, common to every screen. */
export class AppShell {
  readonly nav: Locator
  readonly processing: Locator
  readonly recordingIndicator: Locator
  readonly liveRegion: Locator

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' })
    this.processing = page.getByTestId('processing-indicator')
    this.recordingIndicator = page.getByTestId('recording-indicator')
    this.liveRegion = page.getByTestId('live-region')
  }

  async goTo(screen: 'Record' | 'Practice' | 'History' | 'Progress' | 'Settings'): Promise<void> {
    await this.nav.getByRole('link', { name: screen }).click()
    await this.page.getByRole('heading', { level: 1, name: screen }).waitFor()
  }

  /** Ctrl/Cmd+Shift+R: starts recording from anywhere, or stops it. */
  async toggleRecordingShortcut(): Promise<void> {
    await this.page.keyboard.press('Control+Shift+R')
  }

  /** The theme actually applied to the document (system, light or dark). */
  theme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-theme')
  }
}
