import { join } from 'node:path'
import { test, expect } from '../support/e2eFixtures.ts'
import { seedManySessions } from '../support/manySessions.ts'
import { filesHolding } from '../unit/sessions/diskScan.ts'
import { OnboardingPage } from './pages/OnboardingPage.ts'
import { SettingsPage } from './pages/SettingsPage.ts'

const MIGRATIONS = join(import.meta.dirname, '../../prisma/migrations')
const WORD = 'Zanzibarquux'

test('delete everything on a long history shows its progress, finishes, and leaves no word of it in the data folder', async ({ app }) => {
  test.setTimeout(120_000)
  // Written straight into the running app's database, from another process as the CLI would.
  seedManySessions(join(app.dataDir, 'speakloop.db'), MIGRATIONS, 3_000, { word: WORD })
  expect((await app.invoke<{ total: number }>('sessions:list', { query: WORD })).total).toBe(3_000)
  expect(filesHolding(app.dataDir, WORD)).not.toEqual([])

  const settings = new SettingsPage(app.page)
  await settings.open()
  await settings.openDeleteAll()
  await settings.deleteAllInput.fill('DELETE')
  await settings.deleteAllConfirm.click()

  await expect(settings.deleteAllProgress).toContainText(/Deleting sessions: [\d,]+ of 3,000/)
  await expect(settings.deleteAllProgress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /\d+/)
  await expect(new OnboardingPage(app.page).root).toBeVisible({ timeout: 60_000 })
  expect((await app.invoke<{ total: number }>('sessions:list')).total).toBe(0)
  expect(filesHolding(app.dataDir, WORD)).toEqual([])
})
