import { randomBytes } from 'node:crypto'
import { test, expect } from '../support/e2eFixtures.ts'
import { RecordPage } from './pages/RecordPage.ts'
import { SessionPage } from './pages/SessionPage.ts'
import { longOggVorbis } from './seed/longOgg.ts'

const UPLOAD_LIMIT = 25 * 1024 * 1024

/** Collects every text the import progress label shows, however briefly. */
const PROGRESS_RECORDER = `
  window.__importLabels = [];
  new MutationObserver(() => {
    const text = document.querySelector('[data-testid="import-progress-label"]')?.textContent;
    if (text && window.__importLabels[window.__importLabels.length - 1] !== text) window.__importLabels.push(text);
  }).observe(document, { subtree: true, childList: true, characterData: true });
`

test('an OGG over the 25 MB upload limit is decoded to 16 kHz WAV, sent in pieces, and its audio deleted', async ({ app }) => {
  test.setTimeout(240_000)
  const ogg = await longOggVorbis()
  expect(ogg.bytes, 'the fixture is over the upload limit').toBeGreaterThan(UPLOAD_LIMIT)
  expect(ogg.seconds * 16_000 * 2, 'even as 16 kHz mono WAV the fixture is over the limit').toBeGreaterThan(UPLOAD_LIMIT * 1.1)

  await app.page.addInitScript(PROGRESS_RECORDER)
  await app.page.reload()
  const record = new RecordPage(app.page)
  const session = new SessionPage(app.page)
  await record.open()
  await record.importFile(ogg.path)

  await expect(session.timeline).toHaveAttribute('data-status', 'DONE', { timeout: 180_000 })

  // The learner saw the decoding, then the upload.
  const labels = await app.page.evaluate(() => (window as unknown as { __importLabels: string[] }).__importLabels)
  const preparing = labels.findIndex((l) => l.startsWith('Preparing audio…'))
  const uploading = labels.findIndex((l, i) => i > preparing && /^Importing .+\.ogg… \d+%$/.test(l))
  expect(preparing, labels.join(' | ')).toBeGreaterThanOrEqual(0)
  expect(uploading, labels.join(' | ')).toBeGreaterThan(preparing)

  // Main received one 16 kHz mono WAV of the whole recording and sent it to the provider in pieces under the cap.
  const uploads = app.sim.requests.filter((r) => r.kind === 'transcription')
  expect(uploads.length).toBeGreaterThanOrEqual(2)
  for (const upload of uploads) {
    expect(upload.fileType).toBe('audio/wav')
    expect(upload.fileSize).toBeLessThanOrEqual(UPLOAD_LIMIT)
  }
  const total = uploads.reduce((sum, u) => sum + (u.fileSize ?? 0), 0)
  expect(total).toBeGreaterThan(ogg.seconds * 16_000 * 2 * 0.99)
  expect(total).toBeLessThan(ogg.seconds * 16_000 * 2 * 1.01 + uploads.length * 44)
  const detail = await app.invoke<{ durationMs: number }>('sessions:get', { id: await session.id() })
  expect(Math.abs(detail.durationMs - ogg.seconds * 1000)).toBeLessThan(2_000)

  expect(app.audioFiles()).toEqual([])
})

test('a large compressed file that cannot be decoded is refused with the reason, and nothing is created or sent', async ({ app }) => {
  // 25 MB of noise named .mp3: over the conversion threshold, and not audio any decoder accepts.
  const bytes = new Uint8Array(UPLOAD_LIMIT)
  for (let i = 0; i < bytes.length; i += 4096) bytes.set(randomBytes(4096), i)
  const record = new RecordPage(app.page)
  await record.open()
  await record.importInput.setInputFiles({ name: 'interview.mp3', mimeType: 'audio/mpeg', buffer: Buffer.from(bytes) })

  await expect(record.error).toContainText('This file could not be decoded: ', { timeout: 60_000 })
  await expect(record.recorder).toHaveAttribute('data-phase', 'idle')
  expect((await app.invoke<{ total: number }>('sessions:list', {})).total).toBe(0)
  expect(app.sim.count('transcription')).toBe(0)
  expect(app.audioFiles()).toEqual([])
})
