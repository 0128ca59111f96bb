import { readFileSync } from 'node:fs'
import { test, expect } from '../support/e2eFixtures.ts'
import { FAKE_MIC_WAV } from '../support/e2ePaths.ts'
import { AppShell } from './pages/AppShell.ts'
import { RecordPage } from './pages/RecordPage.ts'
import { SessionPage } from './pages/SessionPage.ts'
import { HistoryPage } from './pages/HistoryPage.ts'
import { createFinished } from './seed/sessions.ts'

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()

test('import an audio file, jump from a quote to the transcript, export it and delete it', async ({ app }) => {
  const record = new RecordPage(app.page)
  const session = new SessionPage(app.page)
  await record.open()

  await record.importFile(FAKE_MIC_WAV)
  await expect(session.timeline).toHaveAttribute('data-status', 'DONE', { timeout: 30_000 })

  // A quote click scrolls to the same words in the transcript and highlights them.
  const quote = session.quotes.first()
  const quoteText = (await quote.textContent()) ?? ''
  await quote.click()
  await expect(session.transcriptHighlight).toBeVisible()
  expect(normalise((await session.transcriptHighlight.textContent()) ?? '')).toBe(normalise(quoteText))

  // The ledger says what left the machine, and that the audio is gone.
  await expect(session.ledgerEntries.first()).toContainText(/audio sent to openai/i)
  await expect(session.ledgerAudio).toHaveText('Audio deleted')

  // The JSON export is the session as shown, and never carries a key.
  const id = await session.id()
  const download = await session.download('json')
  const exported = readFileSync(await download.path(), 'utf8')
  expect(JSON.parse(exported).session.id).toBe(id)
  expect(exported).not.toContain('sk-test-openai-4f2a')
  expect(exported).not.toContain('sk-ant-test-9c1d')

  await session.deleteConfirmed()
  await expect(new HistoryPage(app.page).empty).toBeVisible()
})

test('Ctrl+Shift+R starts recording from another screen and stops it again', async ({ app }) => {
  const shell = new AppShell(app.page)
  const record = new RecordPage(app.page)
  const session = new SessionPage(app.page)
  await shell.goTo('History')

  await shell.toggleRecordingShortcut()
  await expect(record.recorder).toHaveAttribute('data-phase', 'recording')
  // Past the three-second minimum, so stopping finishes the session instead of explaining.
  await expect(record.timer).toHaveText(/0:0[4-9]/)
  await shell.toggleRecordingShortcut()

  await expect(session.screen).toBeVisible()
  await expect(session.timeline).toHaveAttribute('data-status', 'DONE', { timeout: 30_000 })
})

test('the metrics compare a session with the learner’s own earlier sessions, from the second one on', async ({ app }) => {
  const session = new SessionPage(app.page)
  const first = await createFinished(app, { topic: 'My weekend', text: 'On Saturday I, um, visit my grandmother. We, um, cook lunch together and, um, talk about the old days.' })
  const second = await createFinished(app, { topic: 'My job', text: 'I work in a hospital as a nurse. Every day I help many patients and I like my colleagues very much.' })

  await session.open(first)
  for (const metric of ['pace', 'fillers', 'midClause', 'mattr'] as const) {
    await expect(session.usual(metric)).toHaveText('No baseline yet')
  }

  await session.open(second)
  const { points } = await app.invoke<{ points: { id: string; speakingRate: number; fillersPerMinute: number }[] }>('progress:trends', {})
  const earlier = points.find((p) => p.id === first)!
  await expect(session.usual('pace')).toHaveText(new RegExp(`^Your usual: ${Math.round(earlier.speakingRate)} wpm \\(last session\\)`))
  await expect(session.usual('fillers')).toContainText(`Your usual: ${earlier.fillersPerMinute.toFixed(1)}`)
  // The first session said "um" three times, the second never: fewer fillers than usual.
  await expect(session.usual('fillers')).toHaveAttribute('data-direction', 'down')
  await expect(session.usual('fillers')).toContainText('fewer than usual')
  // Both are under 100 words, too short for a MATTR anyone should compare.
  await expect(session.usual('mattr')).toContainText('No baseline yet')
})
