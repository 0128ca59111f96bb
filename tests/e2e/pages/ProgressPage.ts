import type { Locator, Page } from '@playwright/test'
import { openRoute } from './navigate.ts'

/** The Progress screen: trends and the pattern profile. */
export class ProgressPage {
  readonly heading: Locator
  readonly paceTrend: Locator
  readonly fillersTrend: Locator
  readonly profile: Locator
  readonly patternRows: Locator
  readonly empty: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Progress' })
    this.paceTrend = page.getByTestId('trend-pace')
    this.fillersTrend = page.getByTestId('trend-fillers')
    this.profile = page.getByTestId('pattern-profile')
    this.patternRows = page.getByTestId('pattern-row')
    this.empty = page.getByTestId('progress-empty')
  }

  async open(): Promise<void> {
    await openRoute(this.page, '#/progress')
    await this.heading.waitFor()
  }

  pattern(patternKey: string): Locator {
    return this.page.locator(`[data-testid="pattern-row"][data-pattern-key="${patternKey}"]`)
  }

  /** persistent | fading */
  persistence(patternKey: string): Promise<string | null> {
    return this.pattern(patternKey).getAttribute('data-persistence')
  }
}
