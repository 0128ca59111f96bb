import type { Locator, Page } from '@playwright/test'
import { openRoute } from './navigate.ts'

/** The Practice screen: the drill being practised with its recorder and verdict, and the list of drills. */
export class PracticePage {
  readonly heading: Locator
  readonly panel: Locator
  readonly target: Locator
  readonly start: Locator
  readonly stop: Locator
  readonly timer: Locator
  readonly microphone: Locator
  readonly levelMeter: Locator
  readonly result: Locator
  readonly verdict: Locator
  readonly reason: Locator
  readonly heard: Locator
  readonly expected: Locator
  readonly missing: Locator
  readonly nextDue: Locator
  readonly rows: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Practice' })
    this.panel = page.getByTestId('drill-panel')
    this.target = page.getByTestId('drill-target')
    this.start = page.getByTestId('attempt-start')
    this.stop = page.getByTestId('attempt-stop')
    this.timer = page.getByTestId('attempt-timer')
    this.microphone = this.panel.getByLabel('Microphone', { exact: true })
    this.levelMeter = this.panel.getByTestId('level-meter')
    this.result = page.getByTestId('attempt-result')
    this.verdict = page.getByTestId('attempt-verdict')
    this.reason = page.getByTestId('attempt-reason')
    this.heard = page.getByTestId('attempt-heard')
    this.expected = page.getByTestId('attempt-expected')
    this.missing = page.getByTestId('attempt-missing')
    this.nextDue = page.getByTestId('attempt-next-due')
    this.rows = page.getByTestId('drill-row')
  }

  async open(): Promise<void> {
    await openRoute(this.page, '#/practice')
    await this.heading.waitFor()
  }

  /** The drill panel while it is in `phase` (idle, recording, judging, done…). */
  phase(phase: string): Locator {
    return this.page.locator(`[data-testid="drill-panel"][data-phase="${phase}"]`)
  }

  /** The list row of a drill. */
  row(drillId: string): Locator {
    return this.page.locator(`[data-testid="drill-row"][data-drill-id="${drillId}"]`)
  }

  /** Says the selected drill through the microphone for `ms`, then stops and waits for the verdict. */
  async say(ms: number): Promise<void> {
    await this.start.click()
    await this.phase('recording').waitFor()
    await this.page.waitForTimeout(ms)
    await this.stop.click()
    await this.phase('done').waitFor({ timeout: 30_000 })
  }
}
