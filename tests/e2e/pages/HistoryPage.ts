import type { Locator, Page } from '@playwright/test'
import { openRoute } from './navigate.ts'

type Status = 'CREATED' | 'UPLOADED' | 'TRANSCRIBING' | 'ANALYZING' | 'DONE' | 'FAILED'

/** The History screen: search, filters (statuses, dates, pattern) and the virtualised session list. */
export class HistoryPage {
  readonly heading: Locator
  readonly search: Locator
  readonly pattern: Locator
  readonly from: Locator
  readonly to: Locator
  readonly clear: Locator
  readonly total: Locator
  readonly list: Locator
  readonly rows: Locator
  readonly empty: Locator
  readonly confirmDialog: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'History' })
    this.search = page.getByTestId('history-search')
    this.pattern = page.getByTestId('history-pattern')
    this.from = page.getByTestId('history-from')
    this.to = page.getByTestId('history-to')
    this.clear = page.getByTestId('history-clear')
    this.total = page.getByTestId('history-total')
    this.list = page.getByTestId('history-list')
    this.rows = page.getByTestId('history-row')
    this.empty = page.getByTestId('history-empty')
    this.confirmDialog = page.getByTestId('confirm-dialog')
  }

  async open(): Promise<void> {
    await openRoute(this.page, '#/history')
    await this.heading.waitFor()
  }

  status(status: Status): Locator {
    return this.page.getByTestId(`history-status-${status}`)
  }

  row(sessionId: string): Locator {
    return this.page.locator(`[data-testid="history-row"][data-session-id="${sessionId}"]`)
  }

  /** The session ids of the rows shown, top to bottom. */
  async shownIds(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-session-id') ?? ''))
  }

  async filterPattern(label: string): Promise<void> {
    await this.pattern.selectOption({ label })
  }

  async retryRow(sessionId: string): Promise<void> {
    await this.row(sessionId).getByTestId('row-retry').click()
  }

  async deleteRowConfirmed(sessionId: string): Promise<void> {
    await this.row(sessionId).getByTestId('row-delete').click()
    await this.confirmDialog.getByRole('button', { name: 'Delete session' }).click()
  }

  /** Keyboard path: focus the list, move with arrows, open with Enter. */
  async openWithKeyboard(index: number): Promise<void> {
    await this.list.focus()
    await this.page.keyboard.press('Home')
    for (let i = 0; i < index; i++) await this.page.keyboard.press('ArrowDown')
    await this.page.keyboard.press('Enter')
  }
}
