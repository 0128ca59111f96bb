import type { Locator, Page } from '@playwright/test'
import { openRoute } from './navigate.ts'

/** The History screen: search, status filter and the virtualised session list. */
export class HistoryPage {
  readonly heading: Locator
  readonly search: Locator
  readonly status: Locator
  readonly total: Locator
  readonly list: Locator
  readonly rows: Locator
  readonly empty: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'History' })
    this.search = page.getByTestId('history-search')
    this.status = page.getByTestId('history-status')
    this.total = page.getByTestId('history-total')
    this.list = page.getByTestId('history-list')
    this.rows = page.getByTestId('history-row')
    this.empty = page.getByTestId('history-empty')
  }

  async open(): Promise<void> {
    await openRoute(this.page, '#/history')
    await this.heading.waitFor()
  }

  row(sessionId: string): Locator {
    return this.page.locator(`[data-testid="history-row"][data-session-id="${sessionId}"]`)
  }

  /** Keyboard path: focus the list, move with arrows, open with Enter. */
  async openWithKeyboard(index: number): Promise<void> {
    await this.list.focus()
    await this.page.keyboard.press('Home')
    for (let i = 0; i < index; i++) await this.page.keyboard.press('ArrowDown')
    await this.page.keyboard.press('Enter')
  }
}
