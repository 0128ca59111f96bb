import { test, expect } from '../support/e2eFixtures.ts'
import { ProgressPage } from './pages/ProgressPage.ts'
import { SettingsPage } from './pages/SettingsPage.ts'
import { createFinished } from './seed/sessions.ts'

/** Records every CSP violation the page reports, from the first script on. */
const CSP_RECORDER = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample || ''));
  });
`

test('progress starts empty, then shows charts, the streak and the focus goals after two sessions', async ({ app }) => {
  const { page } = app
  const consoleErrors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
  await page.addInitScript(CSP_RECORDER)
  await page.reload()

  const progress = new ProgressPage(page)
  await progress.open()
  await expect(progress.empty).toBeVisible()

  await createFinished(app, { topic: 'My morning', text: 'Every morning I, um, wake up early. I drink coffee and, um, I read the news before work.' })
  await createFinished(app, { topic: 'My evening', text: 'In the evening I cook dinner for my family. After dinner we walk in the park near our house.' })

  await page.reload()
  await progress.open()
  for (const trend of ['pace', 'fillers', 'mid-clause', 'mattr'] as const) {
    await expect(progress.trend(trend)).toHaveAttribute('data-points', '2')
    await expect(progress.chartCanvas(trend)).toBeVisible()
  }
  // The chart's accessible twin: a table of the same two sessions.
  await expect(await progress.dataRows('pace')).toHaveCount(2)

  // Both sessions were today: a one-day streak, and today's bar carries their minutes (2 × 9 s).
  await expect(progress.streak).toHaveAttribute('data-streak', '1')
  await expect(progress.streak).toHaveAttribute('data-today', 'true')
  await expect(progress.practiceMinutes).toHaveAttribute('data-total', '0.3')

  // The first session's goal with the second session's verdict on it, and the new goal still open.
  await expect(progress.focusGoals).toHaveCount(2)
  await expect(progress.focusGoals.nth(0)).toHaveAttribute('data-verdict', 'pending')
  await expect(progress.focusGoals.nth(1)).toHaveAttribute('data-verdict', 'not-enough-evidence')
  await expect(progress.focusGoals.nth(1)).toContainText('Not enough evidence')

  // Each recurring pattern shows its occurrences per session, oldest first.
  const firstRow = progress.patternRows.first()
  await expect(firstRow).toBeVisible()
  const values = await firstRow.getByTestId('pattern-trend').getAttribute('data-values')
  expect(values?.split(',')).toHaveLength(2)

  // The charts are drawn again in the dark theme's colours.
  const before = await progress.chartCanvas('pace').evaluate((c: HTMLCanvasElement) => c.toDataURL())
  const settings = new SettingsPage(page)
  await settings.open()
  await settings.chooseTheme('Dark')
  await progress.open()
  await expect(progress.chartCanvas('pace')).toBeVisible()
  const after = await progress.chartCanvas('pace').evaluate((c: HTMLCanvasElement) => c.toDataURL())
  expect(after).not.toEqual(before)

  // uPlot styles its elements through CSSOM, which the strict CSP allows: nothing was blocked.
  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([])
  expect(consoleErrors.filter((e) => /content security policy/i.test(e))).toEqual([])
})
