import { test, expect } from '../support/e2eFixtures.ts'
import { OnboardingPage } from './pages/OnboardingPage.ts'
import { RecordPage } from './pages/RecordPage.ts'
import { SettingsPage } from './pages/SettingsPage.ts'

test.use({ appOptions: { settings: { onboarded: false }, keys: {} } })

test('a first run walks through languages, on-device analysis, a key and a mic test, then lands on Record', async ({ app }) => {
  const onboarding = new OnboardingPage(app.page)
  await expect(onboarding.root).toBeVisible()

  await onboarding.next.click()
  await onboarding.firstLanguage.fill('Spanish')
  await onboarding.level.selectOption('B2')
  await onboarding.next.click()

  await onboarding.chooseProvider('On-device')
  await onboarding.setKey('openai', 'sk-e2e-onboarding-1234')
  // The renderer only ever learns that a key is set and its last four characters.
  await expect(app.page.getByTestId('key-status-openai')).toContainText('1234')
  await expect(app.page.getByTestId('key-input-openai')).toHaveValue('')
  await onboarding.next.click()

  await onboarding.micTest.click()
  await expect(app.page.getByRole('button', { name: 'Stop test' })).toBeVisible()
  await onboarding.next.click()
  await onboarding.next.click()

  await expect(new RecordPage(app.page).heading).toBeVisible()
  const settings = await app.invoke<Record<string, unknown>>('settings:get')
  expect(settings).toMatchObject({
    onboarded: true,
    firstLanguage: 'Spanish',
    level: 'B2',
    analysisProvider: 'on-device',
    openaiKey: { set: true, last4: '1234' }
  })
})

test('settings save on change and the theme applies at once', async ({ app }) => {
  await app.invoke('settings:update', { onboarded: true })
  await app.page.reload()
  const settings = new SettingsPage(app.page)
  await settings.open()

  await settings.chooseTheme('Dark')
  await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await settings.fillAndSave('maxRecordingMinutes', '12')
  await expect.poll(async () => (await app.invoke<{ maxRecordingMinutes: number }>('settings:get')).maxRecordingMinutes).toBe(12)

  // Out-of-range values are refused with the contract's own limits, not sent.
  await settings.fillAndSave('retentionDays', '0')
  await expect(settings.field('retentionDays')).toHaveAttribute('aria-invalid', 'true')
  expect((await app.invoke<{ retentionDays: number }>('settings:get')).retentionDays).not.toBe(0)
})
