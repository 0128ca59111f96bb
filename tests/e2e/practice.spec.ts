import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect, type AppUnderTest } from '../support/e2eFixtures.ts'
import { microphoneWav } from '../support/audio.ts'
import { CORRECT_SENTENCE, ORIGINAL_SENTENCE, PRACTICE_ANALYSIS, PRACTICE_SPEECH } from '../support/practiceFixtures.ts'
import { AppShell } from './pages/AppShell.ts'
import { PracticePage } from './pages/PracticePage.ts'
import { RecordPage } from './pages/RecordPage.ts'
import { openRoute } from './pages/navigate.ts'

test.use({ appOptions: { settings: { onboarded: true }, keys: { openai: 'sk-test-openai-4f2a', anthropic: 'sk-ant-test-9c1d' }, ownMicrophone: true } })

/** Serious and critical WCAG A/AA findings on what the page shows now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** Records PRACTICE_SPEECH through the microphone and waits until its session is DONE with drills. */
async function finishSession(app: AppUnderTest): Promise<void> {
  app.setMicrophone(microphoneWav(PRACTICE_SPEECH))
  app.sim.transcription.enqueue({ text: PRACTICE_SPEECH })
  app.sim.analysis.enqueue({ analysis: PRACTICE_ANALYSIS })
  const record = new RecordPage(app.page)
  await record.open()
  await record.record(4_000)
  await expect(app.page.getByTestId('stage-timeline')).toHaveAttribute('data-status', 'DONE', { timeout: 30_000 })
}

test('say a drill from your own session: the corrected sentence passes, the original fails with the reason, the drill is rescheduled and Progress counts it', async ({ app }) => {
  const { page } = app
  await finishSession(app)

  // The session's improved transcript: only the verified corrections, marked, toggled against the original.
  await page.getByTestId('transcript-improved').click()
  await expect(page.getByTestId('improved-change')).toHaveText(['went (you said: go)', 'bought (you said: buy)', 'am (left out)'])
  await expect(page.getByTestId('improved-count')).toHaveText('3 changes, from the verified examples only.')
  await page.getByTestId('transcript-original').click()
  await expect(page.getByTestId('transcript')).toContainText('I am agree that the prices are very high now.')

  await new AppShell(page).goTo('Practice')
  const practice = new PracticePage(page)
  await expect(practice.target).toHaveText(CORRECT_SENTENCE)
  await expect(practice.microphone).toBeVisible()
  await expect(practice.levelMeter).toBeVisible()
  const drillId = (await practice.panel.getAttribute('data-drill-id'))!
  await expect(practice.row(drillId).getByTestId('drill-due')).toHaveText('Due now')

  // The corrected sentence, spoken by espeak-ng into the fake microphone.
  app.setMicrophone(microphoneWav(CORRECT_SENTENCE))
  app.sim.transcription.enqueue({ text: CORRECT_SENTENCE })
  await practice.say(4_000)
  await expect(practice.verdict).toHaveText('✓ Passed')
  await expect(practice.heard.locator('mark[data-mark="expected"]')).toHaveText(['I (corrected form)', 'went (corrected form)', 'to (corrected form)'])
  await expect(practice.expected).toHaveText('“i went to”')
  // What reached the transcription provider is this attempt's recording, and it is gone from the disk.
  const upload = app.sim.requests.filter((r) => r.kind === 'transcription').at(-1)
  expect(upload?.fileSize).toBeGreaterThan(5_000)
  expect(app.audioFiles()).toEqual([])

  // The original sentence fails, naming what was missing and what was said instead.
  app.setMicrophone(microphoneWav(ORIGINAL_SENTENCE))
  app.sim.transcription.enqueue({ text: ORIGINAL_SENTENCE })
  await practice.say(4_000)
  await expect(practice.verdict).toHaveText('Not yet')
  await expect(practice.reason).toHaveText('You said “i go to”, the form to avoid. “i went to” was not heard.')
  await expect(practice.missing).toHaveText('“i went to”')
  await expect(practice.heard.locator('mark[data-mark="wrong"]')).toHaveText(['I (form to avoid)', 'go (form to avoid)', 'to (form to avoid)'])

  // Rescheduled: no longer due now.
  await expect(practice.row(drillId).getByTestId('drill-due')).toHaveText(/^Next review /)
  await expect(practice.nextDue).toBeVisible()

  await new AppShell(page).goTo('Progress')
  await expect(page.getByTestId('drill-evidence-line')).toHaveText(['Present tense for past events: 1 of 2 drills passed this week'])
  const row = page.locator('[data-testid="pattern-row"][data-pattern-key="grammar.past-tense"]')
  await expect(row.getByTestId('pattern-drills')).toHaveText('1 of 2 passed')
  // Evidence only: the profile still counts the session's two occurrences.
  await expect(row.locator('td.num').nth(1)).toHaveText('2')
})

test("Today's practice on Record lists the due drills, the focus goal and a prompt for the focus pattern", async ({ app }) => {
  await finishSession(app)
  const { page } = app
  await openRoute(page, '#/record')
  const today = page.getByTestId('today-practice')
  await expect(today.getByTestId('today-focus')).toContainText(PRACTICE_ANALYSIS.focusNext.goal)
  await expect(today.getByTestId('today-drills').getByRole('listitem')).toHaveCount(3)
  await expect(today.getByTestId('today-prompt')).toContainText('last weekend')
  await today.getByTestId('today-use-prompt').click()
  await expect(page.locator('#topic-input')).toHaveValue(/last weekend/)
  await today.getByRole('link', { name: 'We bought some vegetables and a lot of fruits.' }).click()
  await expect(new PracticePage(page).target).toHaveText('We bought some vegetables and a lot of fruits.')
})

for (const theme of ['light', 'dark'] as const) {
  test(`the practice screens have no serious accessibility violations (${theme})`, async ({ app }) => {
    const { page } = app
    await app.invoke('settings:update', { theme })
    await page.reload()
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await finishSession(app)

    await openRoute(page, '#/record')
    await expect(page.getByTestId('today-practice')).toBeVisible()
    expect(await seriousViolations(page), 'record with today’s practice').toEqual([])

    const practice = new PracticePage(page)
    await practice.open()
    app.setMicrophone(microphoneWav(ORIGINAL_SENTENCE))
    app.sim.transcription.enqueue({ text: `Um, ${ORIGINAL_SENTENCE}` })
    await practice.say(3_500)
    await expect(practice.verdict).toHaveText('Not yet')
    expect(await seriousViolations(page), 'practice with a verdict').toEqual([])

    await new AppShell(page).goTo('Progress')
    await expect(page.getByTestId('drill-evidence-line')).toHaveCount(1)
    expect(await seriousViolations(page), 'progress with drill evidence').toEqual([])
  })
}
