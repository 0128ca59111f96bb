import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron, expect, test } from '@playwright/test'
import { FAKE_MIC_TEXT, FAKE_MIC_WAV } from '../support/e2ePaths.ts'
import { startSimulator } from '../support/simulator.ts'
import { OnboardingPage } from './pages/OnboardingPage.ts'
import { RecordPage } from './pages/RecordPage.ts'

/**
 * The smoke test of the packaged app itself, run by the Electron workflow after `npm run package`
 * (scripts/packagedApp.mjs sets SPEAKLOOP_PACKAGED_APP to the executable). Everywhere else it
 * reports itself skipped.
 */
const executable = process.env.SPEAKLOOP_PACKAGED_APP
test.skip(!executable, 'skipped: no packaged app (SPEAKLOOP_PACKAGED_APP is set by the Electron workflow after npm run package)')

test('the packaged app starts for a new user, records five seconds against the simulator to DONE, and quits cleanly leaving no audio', async () => {
  expect(existsSync(executable!), `${executable} exists`).toBe(true)
  const sim = await startSimulator()
  sim.setDefaultTranscript(FAKE_MIC_TEXT)
  const dataDir = mkdtempSync(join(tmpdir(), 'speakloop-packaged-'))
  try {
    const app = await _electron.launch({
      executablePath: executable!,
      args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${FAKE_MIC_WAV}`],
      env: {
        ...(process.env as Record<string, string>),
        SPEAKLOOP_DATA_DIR: dataDir,
        SPEAKLOOP_DISABLE_UPDATES: '1',
        OPENAI_BASE_URL: sim.openaiBaseUrl,
        ANTHROPIC_BASE_URL: sim.anthropicBaseUrl,
        OPENAI_API_KEY: 'sk-test-openai-4f2a',
        ANTHROPIC_API_KEY: 'sk-ant-test-9c1d'
      }
    })
    const page = await app.firstWindow()
    const processHandle = app.process()

    // A packaged build: developer tools cannot be opened.
    const devTools = await app.evaluate(async ({ app: electronApp, BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents
      contents.openDevTools({ mode: 'detach' })
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      return { packaged: electronApp.isPackaged, opened: contents.isDevToolsOpened() }
    })
    expect(devTools).toEqual({ packaged: true, opened: false })

    // First run: the welcome flow, accepting every default, ends on Record.
    const onboarding = new OnboardingPage(page)
    const record = new RecordPage(page)
    await expect(onboarding.root).toBeVisible({ timeout: 30_000 })
    for (let step = 0; step < 8 && (await onboarding.root.isVisible()); step++) await onboarding.next.click()
    await expect(record.heading).toBeVisible()

    await record.record(5_000)
    await expect(page.getByTestId('stage-timeline')).toHaveAttribute('data-status', 'DONE', { timeout: 60_000 })
    expect(sim.requests.some((request) => request.kind === 'transcription')).toBe(true)

    // Quit as the user would; the core stops before the process ends, and nothing is left behind.
    const exited = new Promise<number | null>((resolve) => processHandle.once('exit', (code) => resolve(code)))
    await app.close()
    expect(await exited).toBe(0)
    expect(readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')).toMatch(/ core:shutdown outcome=done/)
    expect(existsSync(join(dataDir, 'audio')) ? readdirSync(join(dataDir, 'audio')) : []).toEqual([])
  } finally {
    await sim.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
