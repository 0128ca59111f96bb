import type { Locator, Page } from '@playwright/test'

type Stage = 'transcriptionProvider' | 'analysisProvider'
type Action = 'download' | 'pause' | 'resume' | 'cancel' | 'verify' | 'delete'

/** Settings' "On-device models" section and the per-stage provider choice above it. */
export class ModelsPage {
  readonly section: Locator
  readonly heading: Locator
  readonly rows: Locator
  readonly localModel: Locator
  readonly confirmDialog: Locator

  constructor(readonly page: Page) {
    this.section = page.getByTestId('model-manager')
    this.heading = this.section.getByRole('heading', { level: 2, name: 'On-device models' })
    this.rows = this.section.locator('tbody tr')
    this.localModel = page.getByTestId('setting-localModel')
    this.confirmDialog = page.getByTestId('confirm-dialog')
  }

  row(id: string): Locator {
    return this.page.getByTestId(`model-row-${id}`)
  }

  status(id: string): Locator {
    return this.page.getByTestId(`model-status-${id}`)
  }

  progress(id: string): Locator {
    return this.row(id).getByRole('progressbar')
  }

  blockedReason(id: string): Locator {
    return this.page.getByTestId(`model-blocked-${id}`)
  }

  error(id: string): Locator {
    return this.page.getByTestId(`model-error-${id}`)
  }

  button(id: string, action: Action): Locator {
    return this.page.getByTestId(`model-${action}-${id}`)
  }

  /** Confirms the "Delete the … model?" dialog. */
  async confirmDelete(): Promise<void> {
    await this.confirmDialog.getByRole('button', { name: 'Delete model' }).click()
  }

  providerChoice(stage: Stage): Locator {
    return this.page.getByTestId(`setting-${stage}`)
  }

  async chooseProvider(stage: Stage, label: 'Automatic' | 'OpenAI' | 'Claude (Anthropic)' | 'On-device'): Promise<void> {
    await this.providerChoice(stage).getByLabel(label).check()
  }

  /**
   * Records every value the model's progress bar shows from now on, in the page itself, so no
   * value is missed between two polls. Read them with `progressSeen()`.
   */
  async recordProgress(id: string): Promise<void> {
    await this.row(id).evaluate((row) => {
      const seen: number[] = []
      ;(window as unknown as { __progressSeen: number[] }).__progressSeen = seen
      const read = () => {
        const value = row.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')
        if (value != null && Number(value) !== seen.at(-1)) seen.push(Number(value))
      }
      new MutationObserver(read).observe(row, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] })
    })
  }

  async progressSeen(): Promise<number[]> {
    return this.page.evaluate(() => (window as unknown as { __progressSeen: number[] }).__progressSeen)
  }
}
