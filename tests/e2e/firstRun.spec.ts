import { expect } from '../support/e2eFixtures.ts'
import { testWithModels } from '../support/e2eModels.ts'
import { tinyWhisperModel } from '../support/whisperModel/tinyModel.ts'
import { OnboardingPage } from './pages/OnboardingPage.ts'
import { RecordPage } from './pages/RecordPage.ts'
import { SessionPage } from './pages/SessionPage.ts'

/**
 * The embedded default: a learner who adds no key at all downloads one model during setup and
 * gets the whole loop. The catalog's base.en is a generated random-weight English-only
 * whisper.cpp model (its words are nonsense) on a loopback HTTPS server; the rest is real.
 */

const test = testWithModels({ 'base.en': tinyWhisperModel({ englishOnly: true }) }, { settings: { onboarded: false }, keys: {} })

test.skip(({ target }) => target === 'electron', 'the test model catalog reaches the core only through the web bridge')

test('a first run with no key downloads the recommended model during setup, then a recording is transcribed on this computer', async ({ app }) => {
  const onboarding = new OnboardingPage(app.page)
  await expect(onboarding.root).toBeVisible()
  await onboarding.next.click()
  await onboarding.language.selectOption('en')
  await onboarding.next.click()

  // English learners are offered base.en; the download makes it the model on-device transcription uses.
  await expect(onboarding.starter).toContainText('base.en')
  await expect(onboarding.starterStatus).toHaveText('Not downloaded')
  await app.page.getByRole('button', { name: 'Download the base.en model' }).click()
  await expect(onboarding.starterStatus).toHaveText('Installed', { timeout: 30_000 })
  await expect(onboarding.starterReady).toBeVisible()
  expect((await app.invoke<{ localModel: string }>('settings:get')).localModel).toBe('base.en')

  await onboarding.next.click()
  await onboarding.next.click()
  await expect(app.page.getByTestId('onboarding-on-device-ready')).toContainText('base.en')
  await onboarding.next.click()

  const record = new RecordPage(app.page)
  await expect(record.heading).toBeVisible()
  await record.record(4_000)
  await expect(app.page.getByTestId('stage-timeline')).toHaveAttribute('data-status', 'DONE', { timeout: 60_000 })
  await expect(new SessionPage(app.page).ledgerEntries.first()).toHaveText(/^Nothing sent: on-device transcription on this computer/)
  expect(app.sim.requests).toEqual([])
  expect(app.audioFiles()).toEqual([])
})
