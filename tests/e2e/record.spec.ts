import { test, expect } from '../support/e2eFixtures.ts'
import { FAKE_MIC_TEXT } from '../support/e2ePaths.ts'
import { RecordPage } from './pages/RecordPage.ts'
import { SessionPage } from './pages/SessionPage.ts'
import { SettingsPage } from './pages/SettingsPage.ts'

/** Collects every status the session timeline shows, from the first render on. */
const STATUS_RECORDER = `
  window.__statuses = [];
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid="stage-timeline"]');
    const status = el && el.getAttribute('data-status');
    if (status && window.__statuses[window.__statuses.length - 1] !== status) window.__statuses.push(status);
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
`

test('record five seconds from the microphone and get coaching, with the audio deleted afterwards', async ({ app }) => {
  const { page } = app
  await page.addInitScript(STATUS_RECORDER)
  await page.reload()

  await page.getByRole('button', { name: /start recording/i }).click()
  await expect(page.getByTestId('record-timer')).toHaveText(/0:0[1-9]/)
  await page.waitForTimeout(5_000)
  await page.getByRole('button', { name: /stop/i }).click()

  await expect(page.getByTestId('stage-timeline')).toHaveAttribute('data-status', 'DONE', { timeout: 30_000 })
  const statuses = await page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses)
  expect(statuses.at(-1)).toBe('DONE')
  expect(statuses.length).toBeGreaterThan(1)

  // What the learner sees: insights with quotes from their own speech, and one focus goal.
  const cards = page.getByTestId('insight-card')
  await expect(cards.first()).toBeVisible()
  const quotes = await page.getByTestId('insight-quote').allTextContents()
  expect(quotes.length).toBeGreaterThan(0)
  const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim()
  for (const quote of quotes) expect(normalise(FAKE_MIC_TEXT)).toContain(normalise(quote))
  await expect(page.getByTestId('focus-next')).toContainText(/\w+/)

  // What reached the transcription provider is the microphone's recording: a few seconds of 16 kHz
  // PCM (recorded so it can be cut into stretches while recording; one stretch at this length).
  const uploads = app.sim.requests.filter((r) => r.kind === 'transcription')
  expect(uploads).toHaveLength(1)
  expect(uploads[0]!.fileType).toMatch(/wav/)
  const sessions = await app.invoke<{ sessions: { durationMs: number }[] }>('sessions:list', {})
  expect(sessions.sessions[0]!.durationMs).toBeGreaterThanOrEqual(4_500)
  expect(sessions.sessions[0]!.durationMs).toBeLessThan(15_000)
  expect(Math.abs((uploads[0]!.fileSize! - 44) / 32 - sessions.sessions[0]!.durationMs)).toBeLessThan(1_500)

  // And then it is gone from the disk.
  expect(app.audioFiles()).toEqual([])
})

test('a one-word session says it is too little to judge, sets no goal, and the goal before it stays', async ({ app }) => {
  const record = new RecordPage(app.page)
  const session = new SessionPage(app.page)
  await record.open()
  await record.record(4_500)
  await expect(session.timeline).toHaveAttribute('data-status', 'DONE', { timeout: 30_000 })
  const goal = (await session.focusNext.locator('.focus-goal').textContent()) ?? ''
  expect(goal).not.toBe('')

  app.sim.transcription.enqueue({ text: 'Hello.' })
  await record.open()
  await record.record(4_500)
  await expect(session.timeline).toHaveAttribute('data-status', 'DONE', { timeout: 30_000 })
  await expect(session.summary).toContainText('Only 1 word to go on: too little speech to judge')
  await expect(session.tooLittleSpeech).toContainText('Too little speech to judge: record at least a minute next time')
  await expect(session.focusNext).toHaveCount(0)
  await expect(session.previousFocus).toHaveCount(0)
  // Nothing was sent to Claude for one word.
  expect(app.sim.requests.filter((r) => r.kind === 'analysis')).toHaveLength(1)

  // The goal in force is still the first session's.
  await record.open()
  await expect(record.currentFocus).toContainText(goal)
})

test('stopping under three seconds explains instead of creating a session', async ({ app }) => {
  const record = new RecordPage(app.page)
  await record.open()
  await record.start.click()
  await expect(record.recorder).toHaveAttribute('data-phase', 'recording')
  await record.stop.click()

  await expect(record.tooShort).toContainText('shorter than 3 seconds')
  await expect(record.recorder).toHaveAttribute('data-phase', 'idle')
  expect((await app.invoke<{ total: number }>('sessions:list', {})).total).toBe(0)
})

test('a speaking prompt can be shuffled and becomes the session topic', async ({ app }) => {
  const record = new RecordPage(app.page)
  await record.open()
  await record.promptCategory.selectOption({ label: 'Travel' })
  const first = (await record.promptText.textContent()) ?? ''
  await record.promptShuffle.click()
  await expect(record.promptText).not.toHaveText(first)
  const chosen = (await record.promptText.textContent()) ?? ''

  await record.promptUse.click()
  await expect(record.topic).toHaveValue(chosen)
  await expect(record.promptUse).toBeDisabled()

  await record.record(4_500)
  const session = app.page.getByTestId('session-screen')
  await expect(session.getByRole('heading', { level: 1 })).toHaveText(chosen)
})

test.describe('with a one-minute limit', () => {
  test.use({ appOptions: { settings: { onboarded: true, maxRecordingMinutes: 1 }, keys: { openai: 'sk-test-openai-4f2a', anthropic: 'sk-ant-test-9c1d' } } })

  test('warns before the maximum length', async ({ app }) => {
    const record = new RecordPage(app.page)
    await record.open()
    await expect(record.state).toContainText('up to 1 min')
    await record.start.click()
    await expect(record.limitWarning).toBeVisible({ timeout: 40_000 })
    await expect(record.limitWarning).toContainText('seconds left')
    await expect(record.limitWarning).toContainText('stops by itself after 1 minute')
    await record.confirmDiscard()
    await expect(record.recorder).toHaveAttribute('data-phase', 'idle')
  })
})

test.describe('with transcription while recording turned off', () => {
  test('the recording goes to the provider after Stop, in one piece of WebM/Opus', async ({ app }) => {
    const settings = new SettingsPage(app.page)
    await settings.open()
    const toggle = app.page.getByRole('checkbox', { name: 'Transcribe while recording' })
    await expect(toggle).toBeChecked()
    await toggle.press('Space')
    await expect(toggle).not.toBeChecked()
    await expect.poll(async () => (await app.invoke<{ transcribeWhileRecording: boolean }>('settings:get', {})).transcribeWhileRecording).toBe(false)

    const record = new RecordPage(app.page)
    await record.open()
    await record.start.click()
    await expect(record.recorder).toHaveAttribute('data-phase', 'recording')
    await app.page.waitForTimeout(4_500)
    expect(app.sim.count('transcription')).toBe(0)
    await record.stop.click()
    await expect(app.page.getByTestId('stage-timeline')).toHaveAttribute('data-status', 'DONE', { timeout: 30_000 })
    const uploads = app.sim.requests.filter((r) => r.kind === 'transcription')
    expect(uploads.map((r) => r.fileType)).toEqual([expect.stringMatching(/webm/)])
    expect(uploads[0]!.fileSize).toBeGreaterThan(10_000)
  })
})

test.describe('with 3-second stretches', () => {
  test.skip(({ target }) => target === 'electron', 'the stretch length is a test option of the web bridge’s core')
  test.use({ appOptions: { settings: { onboarded: true }, keys: { openai: 'sk-test-openai-4f2a', anthropic: 'sk-ant-test-9c1d' }, stretchSeconds: 3 } })

  test('stretches are transcribed while the learner speaks, and only the last one after Stop', async ({ app }) => {
    const record = new RecordPage(app.page)
    await record.open()
    await record.start.click()
    await expect(record.recorder).toHaveAttribute('data-phase', 'recording')
    // Ten seconds of microphone: at least two stretches are cut and sent before Stop.
    await expect.poll(() => app.sim.count('transcription'), { timeout: 20_000 }).toBeGreaterThanOrEqual(2)
    await app.page.waitForTimeout(1_000)
    const during = app.sim.count('transcription')
    await record.stop.click()

    await expect(app.page.getByTestId('stage-timeline')).toHaveAttribute('data-status', 'DONE', { timeout: 30_000 })
    const uploads = app.sim.requests.filter((r) => r.kind === 'transcription')
    // The last stretch, and at most one cut just before Stop whose request had not started yet.
    expect(uploads.length - during).toBeLessThanOrEqual(2)
    expect(uploads.every((r) => /wav/.test(r.fileType ?? ''))).toBe(true)
    const [session] = (await app.invoke<{ sessions: { id: string }[] }>('sessions:list', {})).sessions
    const detail = await app.invoke<{ transcript: { words: { start: number; end: number }[] }; ledger: { what: string }[] }>('sessions:get', { id: session!.id })
    // One transcript stitched from every stretch: each stretch's first word (0.4 s into it, as the
    // simulator times it, which is where time steps back in the stitched words) is shifted by the
    // 16 kHz audio of the stretches before it. Two stretches may be sent at once, so the simulator's
    // order of arrival is not the stitching order: each step between first words must be the length
    // of one upload, each upload once, and the one left over is the last stretch.
    const starts = detail.transcript.words.map((w) => w.start)
    const firsts = starts.filter((start, i) => i === 0 || start < starts[i - 1]!)
    expect(firsts).toHaveLength(uploads.length)
    expect(firsts[0]).toBeCloseTo(0.4, 2)
    const lengths = uploads.map((upload) => (upload.fileSize! - 44) / 32_000)
    for (const [i, first] of firsts.slice(1).entries()) {
      const used = lengths.findIndex((length) => Math.abs(first - firsts[i]! - length) < 0.01)
      expect(used, `stretch ${i + 2} starts ${first} s in, after no upload's length`).toBeGreaterThanOrEqual(0)
      lengths.splice(used, 1)
    }
    expect(lengths).toHaveLength(1)
    expect(detail.ledger.filter((l) => l.what.startsWith('audio (part')).length).toBe(uploads.length)
    expect(app.audioFiles()).toEqual([])
  })
})
