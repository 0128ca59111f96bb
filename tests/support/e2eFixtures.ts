import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { test as base, expect, _electron, type Page } from '@playwright/test'
import { startSimulator, type Simulator } from './simulator.ts'
import { FAKE_MIC_TEXT, FAKE_MIC_WAV } from './e2ePaths.ts'

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
}

export interface AppOptions {
  /** Settings applied before the window opens (a returning learner by default). */
  settings: Record<string, unknown>
  /** Keys in the environment of the core. */
  keys: { openai?: string; anthropic?: string }
}

/** The Electron binary, or null where it was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD). */
export function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

export const test = base.extend<{ app: AppUnderTest; appOptions: AppOptions }, { target: Target }>({
  target: ['web', { option: true, scope: 'worker' }],
  appOptions: [{ settings: { onboarded: true }, keys: { openai: 'sk-test-openai-4f2a', anthropic: 'sk-ant-test-9c1d' } }, { option: true }],

  app: async ({ target, page, appOptions }, use, testInfo) => {
    const sim = await startSimulator()
    sim.setDefaultTranscript(FAKE_MIC_TEXT)
    const dataDir = mkdtempSync(join(tmpdir(), 'speakloop-e2e-data-'))
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SPEAKLOOP_DATA_DIR: dataDir,
      OPENAI_BASE_URL: sim.openaiBaseUrl,
      ANTHROPIC_BASE_URL: sim.anthropicBaseUrl,
      ...(appOptions.keys.openai ? { OPENAI_API_KEY: appOptions.keys.openai } : { OPENAI_API_KEY: '' }),
      ...(appOptions.keys.anthropic ? { ANTHROPIC_API_KEY: appOptions.keys.anthropic } : { ANTHROPIC_API_KEY: '' })
    }
    let window: Page
    let stop: () => Promise<void>
    if (target === 'electron') {
      const binary = electronBinary()
      test.skip(!binary, 'skipped: no Electron binary')
      const electronApp = await _electron.launch({
        args: [join(ROOT, 'out/main/index.js'), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${FAKE_MIC_WAV}`],
        env: env as Record<string, string>
      })
      window = await electronApp.firstWindow()
      stop = () => electronApp.close()
    } else {
      const bridge = await startBridgeProcess(dataDir, env)
      await page.request.post(`${bridge.url}/__bridge/invoke/settings:update`, { data: appOptions.settings })
      await page.goto(bridge.url)
      window = page
      stop = bridge.stop
    }
    if (target === 'electron') await window.evaluate((s) => window.speakloop['settings:update'](s as never), appOptions.settings)

    const app: AppUnderTest = {
      page: window,
      dataDir,
      sim,
      audioFiles: () => (existsSync(join(dataDir, 'audio')) ? readdirSync(join(dataDir, 'audio')) : []),
      async invoke(channel, payload = {}) {
        const result = await window.evaluate(([c, p]) => (window.speakloop as unknown as Record<string, (x: unknown) => Promise<unknown>>)[c as string]!(p), [channel, payload] as const)
        const r = result as { ok: boolean; value?: unknown; error?: { message: string } }
        if (!r.ok) throw new Error(r.error?.message)
        return r.value as never
      }
    }
    await use(app)
    await testInfo.attach('final screen', { body: await window.screenshot({ fullPage: true }), contentType: 'image/png' }).catch(() => undefined)
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
