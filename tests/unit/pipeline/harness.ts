import { readFileSync, readdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core, type CoreOptions } from '../../../electron/core/app.ts'
import { memorySecretStore } from '../../../electron/core/settings/secrets.ts'
import { startSimulator, type Simulator } from '../../support/simulator.ts'
import type { SessionDetail } from '../../../electron/shared/contract.ts'

export const MIGRATIONS = join(import.meta.dirname, '../../../prisma/migrations')

export interface Harness {
  core: Core
  sim: Simulator
  dataDir: string
  env: NodeJS.ProcessEnv
  /** Streams a file into a new session exactly as the app does, and returns its id. */
  importFile(path: string, mimeType?: 'audio/wav' | 'audio/webm'): Promise<string>
  /** Imports, waits for the runner to go idle, and returns the session. */
  process(path: string, mimeType?: 'audio/wav' | 'audio/webm'): Promise<SessionDetail>
  audioFiles(): string[]
  /** Opens a second core on the same data dir (after a restart). */
  reopen(overrides?: Partial<CoreOptions>): Promise<Core>
  close(): Promise<void>
}

/** A real core on a fresh data dir, with the real SDKs pointed at a fresh provider simulator. */
export async function createHarness(overrides: Partial<CoreOptions> & { keys?: { openai?: string | null; anthropic?: string | null } } = {}): Promise<Harness> {
  const sim = await startSimulator()
  const dataDir = mkdtempSync(join(tmpdir(), 'speakloop-core-'))
  const env: NodeJS.ProcessEnv = {
    OPENAI_BASE_URL: sim.openaiBaseUrl,
    ANTHROPIC_BASE_URL: sim.anthropicBaseUrl,
    ...(overrides.keys?.openai !== null ? { OPENAI_API_KEY: overrides.keys?.openai ?? 'sk-test-openai-0001' } : {}),
    ...(overrides.keys?.anthropic !== null ? { ANTHROPIC_API_KEY: overrides.keys?.anthropic ?? 'sk-ant-test-0002' } : {})
  }
  const options = (extra: Partial<CoreOptions> = {}): CoreOptions => ({
    dataDir,
    migrationsDir: MIGRATIONS,
    secrets: memorySecretStore(env),
    env,
    runner: { backoff: { baseMs: 5, capMs: 20 }, ...overrides.runner },
    ...overrides,
    ...extra
  })
  let core = await createCore(options())
  await core.start()

  const harness: Harness = {
    get core() {
      return core
    },
    sim,
    dataDir,
    env,
    async importFile(path, mimeType = 'audio/wav') {
      const { sessionId } = await core.call('recording:start', { mimeType, source: 'import' })
      const bytes = readFileSync(path)
      for (let seq = 0, offset = 0; offset < bytes.length || seq === 0; seq++, offset += 64 * 1024) {
        await core.call('recording:chunk', { sessionId, seq, data: new Uint8Array(bytes.subarray(offset, offset + 64 * 1024)) })
        if (bytes.length === 0) break
      }
      await core.call('recording:finish', { sessionId, durationMs: 5_000 })
      return sessionId
    },
    async process(path, mimeType) {
      const id = await harness.importFile(path, mimeType)
      await core.waitForIdle()
      return core.call('sessions:get', { id })
    },
    audioFiles: () => readdirSync(join(dataDir, 'audio')),
    async reopen(extra = {}) {
      await core.shutdown().catch(() => undefined)
      core = await createCore(options(extra))
      await core.start()
      return core
    },
    async close() {
      await core.shutdown().catch(() => undefined)
      await sim.close()
    }
  }
  return harness
}
