import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

async function downloadBase(page: import('@playwright/test').Page): Promise<void> {
  const models = new ModelsPage(page)
  await new SettingsPage(page).open()
  await models.button('base', 'download').click()
  await expect(models.status('base')).toHaveText('Installed', { timeout: 30_000 })
}

test('with no key, a downloaded model transcribes a recording on this computer and nothing is sent', async ({ app }) => {
  await downloadBase(app.page)

  const record = new RecordPage(app.page)
  await record.open()
  const session = new SessionPage(app.page)
  await session.recordTranscribePercents()
  await record.record(5_000)
  await expect(app.page.getByTestId('stage-timeline')).toHaveAttribute('data-status', 'DONE', { timeout: 60_000 })
  // Transcribing on this computer shows how far it is, rising, never past 100%.
  const percents = (await session.transcribePercentsSeen()).map((text) => Number(/^(\d+)%$/.exec(text)?.[1]))
  expect(percents.length).toBeGreaterThan(0)
  expect(percents).toEqual([...percents].sort((a, b) => a - b))
  expect(Math.max(...percents)).toBeLessThanOrEqual(100)

  // Transcribed while recording: one stretch at this length.
  await expect(session.ledgerEntries).toHaveText([
    /^Nothing sent: on-device transcription on this computer, part 1 of the recording/,
    /^Audio deleted \(part 1 of the recording\) on this computer/,
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

test('an imported MP3 is decoded to 16 kHz WAV in the app and transcribed on this computer', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'speakloop-on-device-import-'))
  execFileSync('espeak-ng', ['-s', '150', '-w', join(dir, 'speech.wav'), 'Yesterday I go to the market and I buy some vegetables.'])
  execFileSync('lame', ['--quiet', join(dir, 'speech.wav'), join(dir, 'market.mp3')])
  await downloadBase(app.page)

  const record = new RecordPage(app.page)
  await record.open()
  await record.importFile(join(dir, 'market.mp3'))
  await expect(app.page.getByTestId('stage-timeline')).toHaveAttribute('data-status', 'DONE', { timeout: 60_000 })

  // whisper.cpp reads PCM only: what reached main was a WAV, decoded in the renderer, and it is gone.
  expect(app.sim.requests).toEqual([])
  const ledger = await app.invoke<{ sessions: { id: string }[] }>('sessions:list', {})
  const detail = await app.invoke<{ ledger: { provider: string; what: string }[]; transcript: { wordCount: number } | null }>('sessions:get', {
    id: ledger.sessions[0]!.id
  })
  expect(detail.ledger.filter((entry) => entry.what === 'nothing sent').map((entry) => entry.provider)).toEqual(['on-device transcription', 'on-device analysis'])
  expect(detail.transcript?.wordCount).toBeGreaterThan(0)
  expect(app.audioFiles()).toEqual([])
})
