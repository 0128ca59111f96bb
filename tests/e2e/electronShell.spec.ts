import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { _electron, type ElectronApplication } from '@playwright/test'
import { electronBinary, expect, test } from '../support/e2eFixtures.ts'
import { electronTargetDecision } from '../support/electronTarget.ts'

/**
 * What only real Electron shows about the shell, in the Electron target (the Electron workflow runs
 * it on Linux, Windows and macOS): safeStorage's asynchronous API across a restart, a clean quit,
 * and a reply of several MB from a worker in a real utility process.
 */
const ROOT = resolve(import.meta.dirname, '../..')

test.skip(({ target }) => target !== 'electron', 'Electron shell checks run in the Electron target')

const dirs: string[] = []
test.afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}

/** Starts the built app on `dataDir`, with no key in the environment. */
async function launch(dataDir: string): Promise<ElectronApplication> {
  const binary = electronBinary()
  const decision = electronTargetDecision(binary, process.env)
  if ('fail' in decision) throw new Error(decision.fail)
  test.skip('skip' in decision, 'skip' in decision ? decision.skip : '')
  // Linux CI has no keyring: Chromium's basic store keeps safeStorage usable and the run deterministic.
  const args = [join(ROOT, 'out/main/index.js'), ...(process.platform === 'linux' ? ['--password-store=basic'] : [])]
  return _electron.launch({
    executablePath: binary!,
    args,
    env: { ...(process.env as Record<string, string>), SPEAKLOOP_DATA_DIR: dataDir, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' }
  })
}

/** Quits as the user would and returns the exit code. */
async function quit(app: ElectronApplication): Promise<number | null> {
  const child = app.process()
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  await app.close()
  return exited
}

test('a key saved in Settings is encrypted with safeStorage’s async API, never written in clear, and read back after a restart', async () => {
  const dataDir = tempDir('speakloop-e2e-secrets-')
  const key = 'sk-e2e-restart-key-7777'

  const first = await launch(dataDir)
  const page = await first.firstWindow()
  await page.waitForLoadState('domcontentloaded')
  const saved = await page.evaluate((k) => window.speakloop['settings:setKey']({ provider: 'openai', key: k }), key)
  expect(saved).toMatchObject({ ok: true, value: { openaiKey: { set: true, last4: '7777' } } })
  // The quit waits for the core to stop and the key to be written.
  expect(await quit(first)).toBe(0)
  expect(readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')).toMatch(/ core:shutdown outcome=done/)

  const stored = readFileSync(join(dataDir, 'secrets.json'), 'utf8')
  expect(stored).not.toContain(key)
  expect((JSON.parse(stored) as { secrets: { openai: string } }).secrets.openai).toMatch(/^[A-Za-z0-9+/]+=*$/)

  const second = await launch(dataDir)
  const again = await second.firstWindow()
  await again.waitForLoadState('domcontentloaded')
  const settings = await again.evaluate(() => window.speakloop['settings:get']({}))
  expect(settings).toMatchObject({ ok: true, value: { openaiKey: { set: true, last4: '7777' } } })
  expect(await quit(second)).toBe(0)
})

test('a worker in a real utility process delivers a reply of several MB whole, and stays until it is ended', async () => {
  // The same worker code the unit tests fork with Node (serveOneRequest), bundled as Electron's
  // utility process loads it; here it answers through process.parentPort.
  const app = await launch(tempDir('speakloop-e2e-data-'))
  await app.firstWindow()
  const entry = join(tempDir('speakloop-e2e-worker-'), 'largeReply.cjs')
  await build({ entryPoints: [join(ROOT, 'tests/unit/worker/fixtures/largeReply.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: entry, logLevel: 'silent' })

  const outcome = await app.evaluate(
    async ({ utilityProcess }, workerEntry) => {
      const child = utilityProcess.fork(workerEntry, [], { stdio: 'ignore', serviceName: 'Speakloop e2e worker' })
      return new Promise<{ type: string; bytes: number; intact: boolean; text: number; aliveAfterReply: boolean }>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`the worker exited (${code}) before its reply`)))
        child.once('message', (message: { type: string; payload: { bytes: Uint8Array; text: string } }) => {
          const { bytes, text } = message.payload
          let intact = true
          for (let i = 0; i < bytes.length; i += 4099) if (bytes[i] !== i % 251) intact = false
          // Still running after its reply: ending it is the supervisor's job.
          setTimeout(() => {
            const aliveAfterReply = child.pid !== undefined
            child.removeAllListeners('exit')
            child.kill()
            resolve({ type: message.type, bytes: bytes.length, intact, text: text.length, aliveAfterReply })
          }, 500)
        })
        child.postMessage({ type: 'request', payload: { megabytes: 8 } })
      })
    },
    entry
  )
  expect(outcome).toEqual({ type: 'result', bytes: 8 * 1024 * 1024, intact: true, text: 8 * 200_000 * 5, aliveAfterReply: true })
  expect(await quit(app)).toBe(0)
})
