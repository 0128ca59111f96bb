import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { test, expect } from '../support/e2eFixtures.ts'
import { FAKE_MIC_TEXT, FAKE_MIC_WAV } from '../support/e2ePaths.ts'
import { OnboardingPage } from './pages/OnboardingPage.ts'
import { SettingsPage } from './pages/SettingsPage.ts'

// The fixture's keys (its default appOptions): the export must never contain them.
const OPENAI_KEY = 'sk-test-openai-4f2a'
const ANTHROPIC_KEY = 'sk-ant-test-9c1d'

/** A session streamed through the same channels the recorder uses; resolves with its id. */
async function streamSession(page: Page, topic: string): Promise<string> {
  const wav = readFileSync(FAKE_MIC_WAV).toString('base64')
  return page.evaluate(
    async ([b64, t]) => {
      const api = window.speakloop
      const start = await api['recording:start']({ mimeType: 'audio/wav', source: 'import', topic: t })
      if (!start.ok) throw new Error(start.error.message)
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      await api['recording:chunk']({ sessionId: start.value.sessionId, seq: 0, data: bytes })
      await api['recording:finish']({ sessionId: start.value.sessionId, durationMs: 9000 })
      return start.value.sessionId
    },
    [wav, topic] as const
  )
}

async function statusOf(app: { invoke<T>(channel: string, payload?: unknown): Promise<T> }, id: string): Promise<string> {
  return (await app.invoke<{ status: string }>('sessions:get', { id })).status
}

test('test connection says each stored key works, and explains why a wrong key is rejected', async ({ app }) => {
  const settings = new SettingsPage(app.page)
  await settings.open()

  await settings.testConnection('openai')
  await expect(settings.testResult('openai')).toHaveAttribute('data-ok', 'true')
  await expect(settings.testResult('openai')).toContainText('the key works')
  await settings.testConnection('anthropic')
  await expect(settings.testResult('anthropic')).toHaveAttribute('data-ok', 'true')

  // A new key forgets the old key's verdict before it is tested.
  await settings.setKey('openai', 'sk-wrong')
  await expect(settings.keyStatus('openai')).toContainText('rong')
  await expect(settings.testResult('openai')).not.toHaveAttribute('data-ok')
  await settings.testConnection('openai')
  await expect(settings.testResult('openai')).toHaveAttribute('data-ok', 'false')
  await expect(settings.testResult('openai')).toContainText('Your OpenAI API key was rejected.')
  await expect(settings.testResult('anthropic')).toHaveAttribute('data-ok', 'true')

  // The check only lists models: no audio and no text went to either provider.
  expect(app.sim.requests.map((r) => r.kind)).toEqual(['models', 'models', 'models'])

  await settings.removeKey('anthropic')
  await expect(settings.testButton('anthropic')).toBeDisabled()
  await expect(settings.testResult('anthropic')).toBeEmpty()
})

test('export everything downloads one JSON file with the sessions and no key', async ({ app }) => {
  const settings = new SettingsPage(app.page)
  await settings.open()
  const id = await streamSession(app.page, 'My weekend')
  await expect.poll(() => statusOf(app, id), { timeout: 30_000 }).toBe('DONE')

  const download = await settings.exportEverything()
  expect(download.suggestedFilename()).toMatch(/^speakloop-export-\d{4}-\d{2}-\d{2}\.json$/)
  const text = readFileSync((await download.path())!, 'utf8')
  expect(text).not.toContain(OPENAI_KEY)
  expect(text).not.toContain(ANTHROPIC_KEY)
  const exported = JSON.parse(text) as {
    sessions: { id: string; topic: string | null; transcript: { text: string } | null }[]
    settings: Record<string, unknown>
    profile: unknown[]
  }
  expect(exported.sessions.map((s) => s.id)).toEqual([id])
  expect(exported.sessions[0]).toMatchObject({ topic: 'My weekend', transcript: { text: expect.stringContaining(FAKE_MIC_TEXT.split(' ')[0]!) } })
  expect(exported.settings).toMatchObject({ onboarded: true, openaiKey: { set: true, last4: '4f2a' } })
  expect(exported.profile.length).toBeGreaterThan(0)
})

test('delete everything asks for DELETE, can be cancelled, then deletes sessions, audio and settings', async ({ app }) => {
  const settings = new SettingsPage(app.page)
  await settings.open()
  // A failed transcription keeps its audio for retry: there is audio on disk to delete.
  app.sim.transcription.enqueue({ status: 400 })
  const id = await streamSession(app.page, 'Kept audio')
  await expect.poll(() => statusOf(app, id), { timeout: 30_000 }).toBe('FAILED')
  expect(app.audioFiles()).not.toEqual([])

  // Cancel: nothing is deleted.
  await settings.openDeleteAll()
  await expect(settings.deleteAllInput).toBeFocused()
  await expect(settings.deleteAllConfirm).toBeDisabled()
  await settings.deleteAllInput.fill('delete')
  await expect(settings.deleteAllConfirm).toBeDisabled()
  await settings.deleteAllCancel.click()
  await expect(settings.deleteAllDialog).toBeHidden()
  await expect(settings.deleteAllButton).toBeFocused()

  // Escape cancels too, and the typed word does not survive into the next attempt.
  await settings.openDeleteAll()
  await expect(settings.deleteAllInput).toHaveValue('')
  await settings.deleteAllInput.fill('DELETE')
  await expect(settings.deleteAllConfirm).toBeEnabled()
  await app.page.keyboard.press('Escape')
  await expect(settings.deleteAllDialog).toBeHidden()
  await expect(settings.deleteAllButton).toBeFocused()
  expect((await app.invoke<{ total: number }>('sessions:list')).total).toBe(1)
  expect(app.audioFiles()).not.toEqual([])

  await settings.openDeleteAll()
  await settings.deleteAllInput.fill('DELETE')
  await settings.deleteAllConfirm.click()

  // The app starts afresh: settings were reset, so first-run onboarding appears.
  await expect(new OnboardingPage(app.page).root).toBeVisible()
  expect((await app.invoke<{ total: number }>('sessions:list')).total).toBe(0)
  expect(app.audioFiles()).toEqual([])
  expect(await app.invoke('settings:get')).toMatchObject({ onboarded: false, openaiKey: { set: false }, anthropicKey: { set: false } })
  expect(await app.invoke<{ patterns: unknown[] }>('profile:get')).toEqual({ patterns: [] })
})
