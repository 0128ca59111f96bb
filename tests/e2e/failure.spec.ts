import { test, expect } from '../support/e2eFixtures.ts'
import { SessionPage } from './pages/SessionPage.ts'
import { createSession } from './seed/sessions.ts'

test('a rejected key fails transcription with the reason, a hint and Retry, and Retry then finishes', async ({ app }) => {
  const session = new SessionPage(app.page)
  const id = await createSession(app, { topic: 'Key trouble', transcription: { status: 401 } })
  await session.open(id)

  await expect(session.timeline).toHaveAttribute('data-status', 'FAILED', { timeout: 30_000 })
  expect(await session.stageState('uploaded')).toBe('complete')
  expect(await session.stageState('transcribing')).toBe('failed')
  await expect(session.error.getByRole('heading')).toHaveText('Transcription failed')
  await expect(session.errorMessage).not.toBeEmpty()
  await expect(session.errorHint).not.toBeEmpty()
  await expect(session.retryExplanation).toContainText('sends it for transcription again')
  // Nothing about the key itself reaches the screen.
  await expect(session.error).not.toContainText('sk-test-openai-4f2a')

  // The simulator answers normally now.
  await session.retry.click()
  await expect(session.timeline).toHaveAttribute('data-status', 'DONE', { timeout: 30_000 })
  await expect(session.error).toHaveCount(0)
  await expect(session.analysisInfo).toHaveAttribute('data-on-device', 'false')
  await expect(session.analysisInfo).toContainText(/input \/ \d[\d,]* output tokens · (about|less than) \$0\.\d+/)
})

test('a failed analysis keeps the transcript and says Retry only re-analyses', async ({ app }) => {
  const session = new SessionPage(app.page)
  app.sim.analysis.enqueue({ status: 401 })
  const id = await createSession(app, { text: 'I work in a bank and, um, I help people with their money every day.' })
  await session.open(id)

  await expect(session.timeline).toHaveAttribute('data-status', 'FAILED', { timeout: 30_000 })
  expect(await session.stageState('transcribing')).toBe('complete')
  expect(await session.stageState('analysing')).toBe('failed')
  await expect(session.error.getByRole('heading')).toHaveText('Analysis failed')
  await expect(session.retryExplanation).toContainText('transcript is saved')
  await expect(session.transcript).toContainText('I work in a bank')

  await session.retry.click()
  await expect(session.timeline).toHaveAttribute('data-status', 'DONE', { timeout: 30_000 })
})

test('a session can be cancelled while it is processing, and then offers Retry', async ({ app }) => {
  const session = new SessionPage(app.page)
  // Long enough to press Cancel while the provider is still "working".
  const id = await createSession(app, { transcription: { delayMs: 10_000 } })
  await session.open(id)

  await expect(session.timeline).toHaveAttribute('data-status', 'TRANSCRIBING', { timeout: 30_000 })
  await session.cancel.click()
  await expect(session.timeline).toHaveAttribute('data-status', 'FAILED')
  await expect(session.error.getByRole('heading')).toHaveText('Processing was cancelled')
  await expect(session.errorMessage).toHaveText('Cancelled.')
  await expect(session.cancel).toHaveCount(0)
  await expect(session.retry).toBeEnabled()
  expect((await app.invoke<{ status: string }>('sessions:get', { id })).status).toBe('FAILED')
})

test('an on-device analysis says it ran on this device', async ({ app }) => {
  const session = new SessionPage(app.page)
  await app.invoke('settings:update', { analysisProvider: 'on-device' })
  const id = await createSession(app, { text: 'Yesterday I go to the market and I buy some apples for my mother.' })
  await session.open(id)
  await expect(session.timeline).toHaveAttribute('data-status', 'DONE', { timeout: 60_000 })
  await expect(session.analysisInfo).toHaveAttribute('data-on-device', 'true')
  await expect(session.analysisInfo).toContainText('Analysed on this device')
})
