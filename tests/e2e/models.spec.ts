import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from '../support/e2eFixtures.ts'
import { testWithModels } from '../support/e2eModels.ts'
import { fakeModelFile } from '../support/modelServer.ts'
import { ModelsPage } from './pages/ModelsPage.ts'
import { SettingsPage } from './pages/SettingsPage.ts'

const TINY = fakeModelFile(1024 * 1024)
const TINY_EN = fakeModelFile(512 * 1024)

/** The real catalog, except that tiny and tiny.en are small files with their own checksums and base has no checksum at all. */
const test = testWithModels({ tiny: TINY, 'tiny.en': TINY_EN, base: null }, { settings: { onboarded: true }, keys: { openai: 'sk-test-openai-4f2a', anthropic: 'sk-ant-test-9c1d' } })

test.skip(({ target }) => target === 'electron', 'the test model catalog reaches the core only through the web bridge')

test.beforeEach(({ modelServer }) => {
  // Slow enough that progress is seen between 0 and 100 (1 MB in 64 chunks, about a second).
  modelServer.chunkDelayMs = 15
})

test('downloads a model with live progress until it is installed, then deletes it after a confirmation', async ({ app, modelServer }) => {
  const settings = new SettingsPage(app.page)
  const models = new ModelsPage(app.page)
  await settings.open()
  await expect(models.heading).toBeVisible()

  // The whole catalog, with what each model needs; one without a pinned checksum says so and cannot be downloaded.
  await expect(models.rows).toHaveCount(6)
  await expect(models.row('small.en')).toContainText('488 MB')
  await expect(models.row('small.en')).toContainText('English only')
  await expect(models.row('base')).toContainText('Multilingual')
  await expect(models.blockedReason('base')).toHaveText('Not available in this build (checksum not pinned yet).')
  await expect(models.button('base', 'download')).toBeDisabled()
  await expect(models.status('tiny')).toHaveText('Not downloaded')

  // Started from the keyboard.
  await models.recordProgress('tiny')
  await models.button('tiny', 'download').focus()
  await app.page.keyboard.press('Enter')
  await expect(models.status('tiny')).toHaveText(/Downloading|Checking/)
  await expect(models.status('tiny')).toHaveText('Installed', { timeout: 30_000 })
  await expect(models.progress('tiny')).toHaveAttribute('aria-valuenow', '100')

  const seen = await models.progressSeen()
  expect(seen.some((v) => v > 0 && v < 100), `progress seen: ${seen.join(', ')}`).toBe(true)
  expect(seen).toEqual([...seen].sort((a, b) => a - b))
  expect(seen.at(-1)).toBe(100)
  expect(modelServer.requests.map((r) => r.path)).toEqual(['/models/ggml-tiny.bin'])
  const file = join(app.dataDir, 'models', 'ggml-tiny.bin')
  expect(existsSync(file)).toBe(true)
  // The chosen model (base) is not on this computer, so the one just downloaded is used instead.
  await expect(models.row('tiny')).toContainText('In use')
  await expect.poll(async () => (await app.invoke<{ localModel: string }>('settings:get')).localModel).toBe('tiny')

  // Delete asks first; cancelling keeps the model.
  await models.button('tiny', 'delete').click()
  await expect(models.confirmDialog).toBeVisible()
  await app.page.keyboard.press('Escape')
  await expect(models.confirmDialog).toBeHidden()
  await expect(models.status('tiny')).toHaveText('Installed')

  await models.button('tiny', 'delete').click()
  await models.confirmDelete()
  await expect(models.status('tiny')).toHaveText('Not downloaded')
  await expect(models.progress('tiny')).toHaveCount(0)
  expect(existsSync(file)).toBe(false)
  // Focus lands on the row's new button instead of being lost with the old one.
  await expect(models.button('tiny', 'download')).toBeFocused()
})

test('pauses a download and resumes it where it stopped', async ({ app, modelServer }) => {
  const settings = new SettingsPage(app.page)
  const models = new ModelsPage(app.page)
  await settings.open()
  modelServer.chunkDelayMs = 60

  await models.button('tiny', 'download').click()
  await expect.poll(async () => Number(await models.progress('tiny').getAttribute('aria-valuenow')), { timeout: 15_000 }).toBeGreaterThan(0)
  await models.button('tiny', 'pause').click()
  await expect(models.status('tiny')).toHaveText('Paused')
  const kept = Number(await models.progress('tiny').getAttribute('aria-valuenow'))
  expect(kept).toBeGreaterThan(0)
  expect(kept).toBeLessThan(100)

  modelServer.chunkDelayMs = 0
  await models.button('tiny', 'resume').click()
  await expect(models.status('tiny')).toHaveText('Installed', { timeout: 30_000 })
  expect(modelServer.requests.at(-1)!.range).toMatch(/^bytes=\d+-$/)
  expect(Number(modelServer.requests.at(-1)!.range!.slice('bytes='.length, -1))).toBeGreaterThan(0)
})

test('on-device transcription and its model are saved and survive a reload', async ({ app }) => {
  const settings = new SettingsPage(app.page)
  const models = new ModelsPage(app.page)
  await settings.open()
  await expect(models.providerChoice('transcriptionProvider').getByLabel('Automatic')).toBeChecked()
  await expect(models.providerChoice('analysisProvider').getByLabel('Automatic')).toBeChecked()

  await models.chooseProvider('transcriptionProvider', 'On-device')
  await expect(settings.privacy).toContainText('Audio stays on this computer')
  await models.localModel.selectOption('tiny')
  // The chosen model is not downloaded: the section says so.
  await expect(app.page.getByTestId('model-not-installed')).toContainText('tiny')
  await expect.poll(async () => app.invoke<Record<string, unknown>>('settings:get')).toMatchObject({ transcriptionProvider: 'on-device', localModel: 'tiny' })

  await app.page.reload()
  await settings.open()
  await expect(models.providerChoice('transcriptionProvider').getByLabel('On-device')).toBeChecked()
  await expect(models.localModel).toHaveValue('tiny')
  await expect(models.row('tiny')).toContainText('In use')
})

test('deleting the model in use switches on-device transcription to another installed one', async ({ app }) => {
  const settings = new SettingsPage(app.page)
  const models = new ModelsPage(app.page)
  await settings.open()
  await models.button('tiny', 'download').click()
  await expect(models.status('tiny')).toHaveText('Installed', { timeout: 30_000 })
  await models.button('tiny.en', 'download').click()
  await expect(models.status('tiny.en')).toHaveText('Installed', { timeout: 30_000 })
  // The first download replaced the absent default; the second leaves a working choice alone.
  await expect(models.row('tiny')).toContainText('In use')
  await expect(models.row('tiny.en')).not.toContainText('In use')

  await models.button('tiny', 'delete').click()
  await models.confirmDelete()
  await expect(models.status('tiny')).toHaveText('Not downloaded')
  await expect(models.row('tiny.en')).toContainText('In use')
  await expect.poll(async () => (await app.invoke<{ localModel: string }>('settings:get')).localModel).toBe('tiny.en')
})
