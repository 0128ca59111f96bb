import { test, expect } from '../support/e2eFixtures.ts'

test('the keyboard reaches every screen, and the focused control shows a visible ring', async ({ app }) => {
  const { page } = app
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav).toBeVisible()
  const history = nav.getByRole('link', { name: 'History' })
  for (let i = 0; i < 30 && !(await history.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
  await expect(history).toBeFocused()
  const ring = await history.evaluate((el) => {
    const style = getComputedStyle(el)
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) }
  })
  expect(ring.style).not.toBe('none')
  expect(ring.width).toBeGreaterThanOrEqual(2)

  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible()
  for (const screen of ['Progress', 'Settings', 'Record'] as const) {
    await nav.getByRole('link', { name: screen }).focus()
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible()
  }
})

test('with reduced motion requested, nothing animates', async ({ app }) => {
  const { page } = app
  // Measure the rendered app, not the empty page before React mounts.
  await expect(page.getByRole('heading', { level: 1, name: 'Record' })).toBeVisible()
  const durations = async () =>
    page.evaluate(() =>
      [...document.querySelectorAll('button, a, [data-testid]')].map((el) => {
        const style = getComputedStyle(el)
        return Math.max(...`${style.transitionDuration},${style.animationDuration}`.split(',').map((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 1 : 1000)))
      })
    )
  // Without the preference some controls do animate: the check below is not vacuous.
  await page.emulateMedia({ reducedMotion: 'no-preference' })
  expect(Math.max(...(await durations()))).toBeGreaterThan(1)
  await page.emulateMedia({ reducedMotion: 'reduce' })
  expect(Math.max(...(await durations()))).toBeLessThanOrEqual(0.01)
})
