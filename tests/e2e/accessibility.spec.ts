import AxeBuilder from '@axe-core/playwright'
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { test, expect } from '../support/e2eFixtures.ts'
import { FAKE_MIC_WAV } from '../support/e2ePaths.ts'
import { AppShell } from './pages/AppShell.ts'
import { openRoute } from './pages/navigate.ts'

/** Serious and critical WCAG A/AA findings on what the page shows now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

for (const theme of ['light', 'dark'] as const) {
  test(`every screen has no serious accessibility violations (${theme})`, async ({ app }) => {
    const { page } = app
    const shell = new AppShell(page)
    await app.invoke('settings:update', { theme })
    await page.reload()
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)

    // A finished session, streamed through the same channels the recorder uses.
    const wav = readFileSync(FAKE_MIC_WAV).toString('base64')
    const id = await page.evaluate(async (b64) => {
      const api = window.speakloop
      const start = await api['recording:start']({ mimeType: 'audio/wav', source: 'import' })
      if (!start.ok) throw new Error(start.error.message)
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      await api['recording:chunk']({ sessionId: start.value.sessionId, seq: 0, data: bytes })
      await api['recording:finish']({ sessionId: start.value.sessionId, durationMs: 9000 })
      return start.value.sessionId
    }, wav)
    await openRoute(page, `#/session/${id}`)
    await expect(page.getByTestId('stage-timeline')).toHaveAttribute('data-status', 'DONE', { timeout: 30_000 })
    await expect(page.getByTestId('insight-card').first()).toBeVisible()
    expect(await seriousViolations(page), 'session').toEqual([])

    for (const screen of ['Record', 'History', 'Progress', 'Settings'] as const) {
      await shell.goTo(screen)
      expect(await seriousViolations(page), screen).toEqual([])
    }
  })
}

test.describe('first run', () => {
  test.use({ appOptions: { settings: { onboarded: false }, keys: {} } })

  test('onboarding has no serious accessibility violations', async ({ app }) => {
    await expect(app.page.getByTestId('onboarding')).toBeVisible()
    expect(await seriousViolations(app.page)).toEqual([])
    // Keys or on-device: key fields, the provider choice and the model offered without a key.
    await app.page.getByTestId('onboarding-next').click()
    await app.page.getByTestId('onboarding-next').click()
    await expect(app.page.getByTestId('on-device-starter-status')).toHaveText('Not downloaded')
    expect(await seriousViolations(app.page)).toEqual([])
  })
})
