import type { Download, Locator, Page } from '@playwright/test'
import { openRoute } from './navigate.ts'

/** The session screen: stage timeline, failure panel, analysis, metrics, transcript and ledger. */
export class SessionPage {
  readonly screen: Locator
  readonly timeline: Locator
  readonly error: Locator
  readonly errorMessage: Locator
  readonly errorHint: Locator
  readonly retry: Locator
  readonly retryExplanation: Locator
  readonly cancel: Locator
  readonly analysisInfo: Locator
  readonly summary: Locator
  readonly strengths: Locator
  readonly focusNext: Locator
  /** Shown instead of a goal when the session was too short to judge. */
  readonly tooLittleSpeech: Locator
  readonly previousFocus: Locator
  readonly insights: Locator
  readonly insightCards: Locator
  readonly quotes: Locator
  readonly metrics: Locator
  readonly transcript: Locator
  readonly transcriptHighlight: Locator
  readonly ledger: Locator
  readonly ledgerEntries: Locator
  readonly ledgerAudio: Locator
  readonly reanalyze: Locator
  readonly exportJson: Locator
  readonly exportMarkdown: Locator
  readonly delete: Locator
  readonly confirmDialog: Locator

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('session-screen')
    this.timeline = page.getByTestId('stage-timeline')
    this.error = page.getByTestId('session-error')
    this.errorMessage = page.getByTestId('error-message')
    this.errorHint = page.getByTestId('error-hint')
    this.retry = page.getByTestId('retry-button')
    this.retryExplanation = page.getByTestId('retry-explanation')
    this.cancel = page.getByTestId('cancel-button')
    this.analysisInfo = page.getByTestId('analysis-info')
    this.summary = page.getByTestId('summary')
    this.strengths = page.getByTestId('strengths')
    this.focusNext = page.getByTestId('focus-next')
    this.tooLittleSpeech = page.getByTestId('too-little-speech')
    this.previousFocus = page.getByTestId('previous-focus')
    this.insights = page.getByTestId('insights')
    this.insightCards = page.getByTestId('insight-card')
    this.quotes = page.getByTestId('insight-quote')
    this.metrics = page.getByTestId('metrics-panel')
    this.transcript = page.getByTestId('transcript')
    this.transcriptHighlight = page.getByTestId('transcript-highlight')
    this.ledger = page.getByTestId('privacy-ledger')
    this.ledgerEntries = page.getByTestId('ledger-entry')
    this.ledgerAudio = page.getByTestId('ledger-audio')
    this.reanalyze = page.getByTestId('reanalyze-button')
    this.exportJson = page.getByTestId('export-json-button')
    this.exportMarkdown = page.getByTestId('export-markdown-button')
    this.delete = page.getByTestId('delete-button')
    this.confirmDialog = page.getByTestId('confirm-dialog')
  }

  async open(id: string): Promise<void> {
    await openRoute(this.page, `#/session/${encodeURIComponent(id)}`)
    await this.screen.waitFor()
  }

  /** The session id from the URL (the screen opens itself after a recording or import). */
  async id(): Promise<string> {
    await this.screen.waitFor()
    return (await this.screen.getAttribute('data-session-id')) ?? ''
  }

  /** CREATED | UPLOADED | TRANSCRIBING | ANALYZING | DONE | FAILED, as the timeline shows it. */
  status(): Promise<string | null> {
    return this.timeline.getAttribute('data-status')
  }

  /** complete | current | pending | failed */
  stageState(stage: 'uploaded' | 'transcribing' | 'analysing' | 'done'): Promise<string | null> {
    return this.page.getByTestId(`stage-${stage}`).getAttribute('data-state')
  }

  insight(patternKey: string): Locator {
    return this.page.locator(`[data-testid="insight-card"][data-pattern-key="${patternKey}"]`)
  }

  metric(id: 'pace' | 'articulation' | 'pauses' | 'mid-clause' | 'fillers' | 'mattr' | 'run' | 'repeats'): Locator {
    return this.page.getByTestId(`metric-${id}`)
  }

  /** The learner's usual value beside a metric ("Your usual: …" or "No baseline yet"). */
  usual(metric: 'pace' | 'fillers' | 'midClause' | 'mattr'): Locator {
    return this.page.getByTestId(`usual-${metric}`)
  }

  /** Severities of the insight cards in display order. */
  async severities(): Promise<string[]> {
    return this.insightCards.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-severity') ?? ''))
  }

  async download(kind: 'json' | 'markdown'): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      (kind === 'json' ? this.exportJson : this.exportMarkdown).click()
    ])
    return download
  }

  async deleteConfirmed(): Promise<void> {
    await this.delete.click()
    await this.confirmDialog.getByRole('button', { name: 'Delete session' }).click()
  }

  /**
   * Keeps every transcription percentage the timeline shows from now on, even one shown for a
   * moment (a MutationObserver on the whole page: the session screen may not exist yet). Read
   * them with `transcribePercentsSeen()`.
   */
  async recordTranscribePercents(): Promise<void> {
    await this.page.evaluate(() => {
      const seen: string[] = []
      ;(window as unknown as { __percentsSeen: string[] }).__percentsSeen = seen
      const read = () => {
        const text = document.querySelector('[data-testid="transcribe-percent"]')?.textContent
        if (text && text !== seen.at(-1)) seen.push(text)
      }
      new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
  }

  async transcribePercentsSeen(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __percentsSeen: string[] }).__percentsSeen)
  }
}
