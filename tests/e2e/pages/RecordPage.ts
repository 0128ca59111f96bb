import type { Locator, Page } from '@playwright/test'
import { openRoute } from './navigate.ts'

/** The Record screen: recorder controls, microphone, focus goal and audio import. */
export class RecordPage {
  readonly heading: Locator
  readonly recorder: Locator
  readonly start: Locator
  readonly stop: Locator
  readonly pause: Locator
  readonly resume: Locator
  readonly discard: Locator
  readonly timer: Locator
  readonly state: Locator
  readonly topic: Locator
  readonly microphone: Locator
  readonly levelMeter: Locator
  readonly silenceWarning: Locator
  readonly error: Locator
  readonly currentFocus: Locator
  readonly importInput: Locator
  readonly importProgress: Locator
  readonly importProgressLabel: Locator
  readonly confirmDialog: Locator
  readonly limitWarning: Locator
  readonly tooShort: Locator
  readonly prompt: Locator
  readonly promptText: Locator
  readonly promptShuffle: Locator
  readonly promptUse: Locator
  readonly promptCategory: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Record' })
    this.recorder = page.getByTestId('recorder')
    this.start = page.getByTestId('start-button')
    this.stop = page.getByTestId('stop-button')
    this.pause = page.getByTestId('pause-button')
    this.resume = page.getByTestId('resume-button')
    this.discard = page.getByTestId('discard-button')
    this.timer = page.getByTestId('record-timer')
    this.state = page.getByTestId('record-state')
    this.topic = page.getByLabel('Topic (optional)')
    this.microphone = page.getByTestId('mic-select')
    this.levelMeter = page.getByTestId('level-meter')
    this.silenceWarning = page.getByTestId('silence-warning')
    this.error = page.getByTestId('record-error')
    this.currentFocus = page.getByTestId('current-focus')
    this.importInput = page.getByTestId('import-input')
    this.importProgress = page.getByTestId('import-progress')
    this.importProgressLabel = page.getByTestId('import-progress-label')
    this.confirmDialog = page.getByTestId('confirm-dialog')
    this.limitWarning = page.getByTestId('limit-warning')
    this.tooShort = page.getByTestId('record-too-short')
    this.prompt = page.getByTestId('prompt-panel')
    this.promptText = page.getByTestId('prompt-text')
    this.promptShuffle = page.getByTestId('prompt-shuffle')
    this.promptUse = page.getByTestId('prompt-use')
    this.promptCategory = page.getByTestId('prompt-category')
  }

  async open(): Promise<void> {
    await openRoute(this.page, '#/record')
    await this.heading.waitFor()
  }

  /** idle | starting | recording | paused | stopping | importing */
  phase(): Promise<string | null> {
    return this.recorder.getAttribute('data-phase')
  }

  async record(ms: number, topic?: string): Promise<void> {
    if (topic) await this.topic.fill(topic)
    await this.start.click()
    await this.page.waitForFunction(() => document.querySelector('[data-testid="recorder"]')?.getAttribute('data-phase') === 'recording')
    await this.page.waitForTimeout(ms)
    await this.stop.click()
  }

  async importFile(path: string): Promise<void> {
    await this.importInput.setInputFiles(path)
  }

  async confirmDiscard(): Promise<void> {
    await this.discard.click()
    await this.confirmDialog.getByRole('button', { name: 'Discard recording' }).click()
  }
}
