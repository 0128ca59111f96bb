import { spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { test as base, expect, _electron, type Browser, type Page } from '@playwright/test'
import { startSimulator, type Simulator } from './simulator.ts'
import { FAKE_MIC_TEXT, FAKE_MIC_WAV } from './e2ePaths.ts'
import { electronTargetDecision } from './electronTarget.ts'

const ROOT = resolve(import.meta.dirname, '../..')

export type Target = 'web' | 'electron'

/** The app under test: its window, its data folder, and the provider simulator behind it. */
export interface AppUnderTest {
  page: Page
  dataDir: string
  sim: Simulator
  /** Files left in the data folder's audio directory. */
  audioFiles(): string[]
  /** Calls a contract channel from inside the app's window (as the renderer would). */
  invoke<T = unknown>(channel: string, payload?: unknown): Promise<T>
  /**
   * What the fake microphone says from its next capture on (a 48 kHz WAV): Chromium reads the
   * file again each time a capture starts. Only with `ownMicrophone`; the shared one stays as it is.
   */
  setMicrophone(wav: string): void
}

export interface AppOptions {
  /** Settings applied before the window opens (a returning learner by default). */
  settings: Record<string, unknown>
  /** Keys in the environment of the core. */
  keys: { openai?: string; anthropic?: string }
  /** A microphone file of this test's own (a browser of its own on the web target), for `setMicrophone`. */
  ownMicrophone?: boolean
  /** Seconds per stretch when transcribing while recording (web target only: the bridge's core takes it). */
  stretchSeconds?: number
}

/**
 * The Electron binary, or null where it was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD).
 * Read from electron's own path file: requiring `electron` would try to download it.
 */
export function electronBinary(): string | null {
  const dir = join(ROOT, 'node_modules/electron')
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

export const test = base.extend<{ app: AppUnderTest; appOptions: AppOptions }, { target: Target; webBrowser: Browser | null }>({
  target: ['web', { option: true, scope: 'worker' }],
  // Launched only for the web target, so the Electron target never needs a browser build.
  webBrowser: [
    async ({ target, playwright, launchOptions }, use) => {
      const browser = target === 'web' ? await playwright.chromium.launch(launchOptions) : null
      await use(browser)
      await browser?.close()
    },
    { scope: 'worker' }
  ],
  appOptions: [{ settings: { onboarded: true }, keys: { openai: 'sk-test-openai-4f2a', anthropic: 'sk-ant-test-9c1d' } }, { option: true }],

  app: async ({ target, webBrowser, viewport, appOptions, playwright, launchOptions }, use, testInfo) => {
    const binary = target === 'electron' ? electronBinary() : null
    if (target === 'electron') {
      const decision = electronTargetDecision(binary, process.env)
      if ('fail' in decision) throw new Error(decision.fail)
      test.skip('skip' in decision, 'skip' in decision ? decision.skip : '')
    }
    const sim = await startSimulator()
    sim.setDefaultTranscript(FAKE_MIC_TEXT)
    const dataDir = mkdtempSync(join(tmpdir(), 'speakloop-e2e-data-'))
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SPEAKLOOP_DATA_DIR: dataDir,
      OPENAI_BASE_URL: sim.openaiBaseUrl,
      ANTHROPIC_BASE_URL: sim.anthropicBaseUrl,
      ...(appOptions.keys.openai ? { OPENAI_API_KEY: appOptions.keys.openai } : { OPENAI_API_KEY: '' }),
      ...(appOptions.keys.anthropic ? { ANTHROPIC_API_KEY: appOptions.keys.anthropic } : { ANTHROPIC_API_KEY: '' }),
      ...(appOptions.stretchSeconds ? { SPEAKLOOP_TEST_STRETCH_SECONDS: String(appOptions.stretchSeconds) } : {})
    }
    const micFile = appOptions.ownMicrophone ? join(mkdtempSync(join(tmpdir(), 'speakloop-e2e-mic-')), 'mic.wav') : FAKE_MIC_WAV
    if (appOptions.ownMicrophone) copyFileSync(FAKE_MIC_WAV, micFile)
    const micArg = `--use-file-for-fake-audio-capture=${micFile}`
    let win: Page
    let stop: () => Promise<void>
    if (target === 'electron') {
      const electronApp = await _electron.launch({
        executablePath: binary!,
        args: [join(ROOT, 'out/main/index.js'), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', micArg],
        env: env as Record<string, string>
      })
      win = await electronApp.firstWindow()
      stop = () => electronApp.close()
    } else {
      const bridge = await startBridgeProcess(dataDir, env)
      const ownBrowser = appOptions.ownMicrophone
        ? await playwright.chromium.launch({ ...launchOptions, args: (launchOptions.args ?? []).map((a) => (a.startsWith('--use-file-for-fake-audio-capture=') ? micArg : a)) })
        : null
      const context = await (ownBrowser ?? webBrowser!).newContext({ viewport })
      win = await context.newPage()
      await win.request.post(`${bridge.url}/__bridge/invoke/settings:update`, { data: appOptions.settings })
      await win.goto(bridge.url)
      stop = async () => {
        await context.close()
        await ownBrowser?.close()
        await bridge.stop()
      }
    }
    if (target === 'electron') await win.evaluate((s) => window.speakloop['settings:update'](s as never), appOptions.settings)

    const app: AppUnderTest = {
      page: win,
      dataDir,
      sim,
      audioFiles: () => (existsSync(join(dataDir, 'audio')) ? readdirSync(join(dataDir, 'audio')) : []),
      async invoke(channel, payload = {}) {
        const result = await win.evaluate(([c, p]) => (window.speakloop as unknown as Record<string, (x: unknown) => Promise<unknown>>)[c as string]!(p), [channel, payload] as const)
        const r = result as { ok: boolean; value?: unknown; error?: { message: string } }
        if (!r.ok) throw new Error(r.error?.message)
        return r.value as never
      },
      setMicrophone(wav) {
        if (!appOptions.ownMicrophone) throw new Error('setMicrophone needs appOptions.ownMicrophone')
        copyFileSync(wav, micFile)
      }
    }
    await use(app)
    await testInfo.attach('final screen', { body: await win.screenshot({ fullPage: true }), contentType: 'image/png' }).catch(() => undefined)
    await stop()
    await sim.close()
  }
})

/** Runs the loopback bridge (real core, real DB) in its own Node process and waits for its URL. */
async function startBridgeProcess(dataDir: string, env: NodeJS.ProcessEnv): Promise<{ url: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/support/bridgeServer.ts'), '--data-dir', dataDir], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const url = await new Promise<string>((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', (line) => resolveUrl((JSON.parse(line) as { url: string }).url))
    child.once('exit', (code) => reject(new Error(`The bridge exited with ${code} before it was ready.`)))
  })
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
      })
  }
}

export { expect }
