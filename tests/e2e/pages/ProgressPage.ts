import type { Locator, Page } from '@playwright/test'
import { openRoute } from './navigate.ts'

type Trend = 'pace' | 'fillers' | 'mid-clause' | 'mattr'

/** The Progress screen: practice streak and minutes, metric trends, focus goals and the pattern profile. */
export class ProgressPage {
  readonly heading: Locator
  readonly paceTrend: Locator
  readonly fillersTrend: Locator
  readonly streak: Locator
  readonly practiceMinutes: Locator
  readonly focusHistory: Locator
  readonly focusGoals: Locator
  readonly profile: Locator
  readonly patternRows: Locator
  readonly empty: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Progress' })
    this.paceTrend = this.trend('pace')
    this.fillersTrend = this.trend('fillers')
    this.streak = page.getByTestId('practice-streak')
    this.practiceMinutes = page.getByTestId('practice-minutes')
    this.focusHistory = page.getByTestId('focus-history')
    this.focusGoals = page.getByTestId('focus-history-item')
    this.profile = page.getByTestId('pattern-profile')
    this.patternRows = page.getByTestId('pattern-row')
    this.empty = page.getByTestId('progress-empty')
  }

  async open(): Promise<void> {
    await openRoute(this.page, '#/progress')
    await this.heading.waitFor()
  }

  trend(name: Trend): Locator {
    return this.page.getByTestId(`trend-${name}`)
  }

  /** The uPlot canvas of a trend. */
  chartCanvas(name: Trend): Locator {
    return this.trend(name).getByTestId('trend-chart').locator('canvas')
  }

  /** Opens a trend's "Show data" table and returns its body rows. */
  async dataRows(name: Trend): Promise<Locator> {
    await this.trend(name).getByText('Show data').click()
    return this.trend(name).locator('table tbody tr')
  }

  pattern(patternKey: string): Locator {
    return this.page.locator(`[data-testid="pattern-row"][data-pattern-key="${patternKey}"]`)
  }

  /** persistent | fading */
  persistence(patternKey: string): Promise<string | null> {
    return this.pattern(patternKey).getAttribute('data-persistence')
  }
}
