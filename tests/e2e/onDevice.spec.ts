import { expect } from '../support/e2eFixtures.ts'
import { testWithModels } from '../support/e2eModels.ts'
import { tinyWhisperModel } from '../support/whisperModel/tinyModel.ts'
import { ModelsPage } from './pages/ModelsPage.ts'
import { RecordPage } from './pages/RecordPage.ts'
import { SessionPage } from './pages/SessionPage.ts'
import { SettingsPage } from './pages/SettingsPage.ts'

/**
 * The loop a learner without any key gets: download a speech model, record, and get a result
 * with nothing sent anywhere. The "base" model of the catalog is a generated random-weight
 * whisper.cpp model (its words are nonsense) pinned by its checksum on a loopback HTTPS server;
 * everything else is real: the renderer's live 16 kHz capture, the bridge, whisper.cpp in a
 * worker process and the offline analyzer.
 */

const test = testWithModels({ base: tinyWhisperModel() }, { settings: { onboarded: true }, keys: {} })

test.skip(({ target }) => target === 'electron', 'the test model catalog reaches the core only through the web bridge')

test('with no key, a downloaded model transcribes a recording on this computer and nothing is sent', async ({ app }) => {
  const settings = new SettingsPage(app.page)
  const models = new ModelsPage(app.page)
  await settings.open()
  await models.button('base', 'download').click()
  await expect(models.status('base')).toHaveText('Installed', { timeout: 30_000 })

  const record = new RecordPage(app.page)
  await record.open()
  await record.record(5_000)
  const session = new SessionPage(app.page)
  await expect(app.page.getByTestId('stage-timeline')).toHaveAttribute('data-status', 'DONE', { timeout: 60_000 })

  await expect(session.ledgerEntries).toHaveText([
    /^Nothing sent: on-device transcription on this computer/,
    /^Audio deleted on this computer/,
    /^Nothing sent: on-device analysis on this computer/
  ])
  // No request reached a provider; the recording was 16 kHz PCM, not WebM, and it is gone.
  expect(app.sim.requests).toEqual([])
  const [summary] = (await app.invoke<{ sessions: { id: string; durationMs: number }[] }>('sessions:list', {})).sessions
  expect(summary!.durationMs).toBeGreaterThanOrEqual(4_500)
  const detail = await app.invoke<{ transcript: { words: { end: number }[] } | null }>('sessions:get', { id: summary!.id })
  expect(detail.transcript?.words.length).toBeGreaterThan(0)
  expect(app.audioFiles()).toEqual([])
})
