import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect } from '../support/e2eFixtures.ts'
import { AppShell } from './pages/AppShell.ts'

/** Serious and critical WCAG A/AA findings on what the page shows now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

const TELLING = 'Last summer I went to the coast with my family and we stayed in a small house near the beach, um, for a week.'

test('retell 4-3-2: three rounds with a countdown, each a session, compared side by side with charts', async ({ app }) => {
  const { page } = app
  await new AppShell(page).goTo('Practice')
  await page.getByTestId('open-retell').click()
  await expect(page.getByRole('heading', { level: 1, name: 'Retell 4-3-2' })).toBeVisible()
  await expect(page.getByTestId('retell-rounds')).toHaveValue('4-3-2')
  await page.getByTestId('retell-prompt').selectOption({ index: 1 })
  const prompt = await page.getByTestId('retell-prompt').inputValue()
  await page.getByTestId('retell-rounds').selectOption('1-0.75-0.5')
  expect(await seriousViolations(page), 'retell setup').toEqual([])
  await page.getByTestId('retell-begin').click()

  for (const [i, seconds] of [60, 45, 30].entries()) {
    const round = page.getByTestId('retell-round')
    await expect(round).toHaveAttribute('data-round', String(i + 1))
    await expect(page.getByTestId('retell-countdown')).toHaveText(`${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`)
    // Each round's transcript is faster and has fewer fillers than the one before.
    app.sim.transcription.enqueue({ text: i === 2 ? TELLING.replace(', um,', '') : TELLING, options: { wpm: 110 + i * 25 } })
    await page.getByTestId('retell-start-round').click()
    await expect(page.getByTestId('retell-countdown')).not.toHaveText(/^(1:00|0:45|0:30)$/, { timeout: 5_000 })
    await page.waitForTimeout(3_500)
    await page.getByTestId('retell-stop').click()
  }

  const rows = page.getByTestId('retell-row')
  await expect(page.locator('[data-testid="retell-row"][data-figure="speakingRate"] td')).toHaveCount(3)
  await expect(rows.first().locator('td').last()).toHaveText(/\d+ wpm/, { timeout: 30_000 })
  await expect(rows.first().locator('td')).toHaveText([/\d+ wpm/, /\d+ wpm/, /\d+ wpm/])
  const pace = (await rows.first().locator('td').allTextContents()).map((t) => Number.parseInt(t, 10))
  expect(pace[2]!).toBeGreaterThan(pace[0]!)
  await expect(page.locator('[data-testid="retell-row"][data-figure="fillersPerMinute"] td').last()).toHaveText('0.0 /min')
  await expect(page.getByTestId('retell-chart-speakingRate')).toHaveAttribute('data-points', '3')

  // Each round is an ordinary session on the chosen prompt.
  const { sessions } = await app.invoke<{ sessions: { topic: string; status: string }[] }>('sessions:list', {})
  expect(sessions.map((s) => [s.topic, s.status])).toEqual([
    [prompt, 'DONE'],
    [prompt, 'DONE'],
    [prompt, 'DONE']
  ])

  for (const theme of ['light', 'dark'] as const) {
    await app.invoke('settings:update', { theme })
    await page.reload()
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await expect(page.getByTestId('retell-chart-speakingRate')).toHaveAttribute('data-points', '3')
    expect(await seriousViolations(page), `retell comparison (${theme})`).toEqual([])
  }
})
