import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findModel, type WhisperModel } from '../../../electron/core/localModels/catalog.ts'
import { nodeDownloadFs, type DownloadFs } from '../../../electron/core/localModels/downloader.ts'
import { ModelManager, UNPINNED_REASON, type ModelManagerOptions } from '../../../electron/core/localModels/modelManager.ts'
import type { ModelView } from '../../../electron/shared/contract.ts'
import { fakeModelFile, sha256, startModelServer, type ModelServer } from '../../support/modelServer.ts'

const GB = 1000 * 1000 * 1000
const TINY = fakeModelFile(256 * 1024)
const BASE = fakeModelFile(64 * 1024)

/** The real catalog's tiny and base, shrunk to small files with pinned checksums; small stays unpinned. */
const TEST_MODELS: WhisperModel[] = [
  { ...findModel('tiny')!, sizeBytes: TINY.length, sha256: sha256(TINY) },
  { ...findModel('base')!, sizeBytes: BASE.length, sha256: sha256(BASE) },
  { ...findModel('small')!, sizeBytes: BASE.length, sha256: null }
]

let dataDir: string
let server: ModelServer
let events: ModelView[]
const managers: ModelManager[] = []

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'speakloop-manager-'))
  server = await startModelServer({ 'ggml-tiny.bin': TINY, 'ggml-base.bin': BASE, 'ggml-small.bin': BASE })
  events = []
})

afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.shutdown()
  await server.close()
  await rm(dataDir, { recursive: true, force: true })
})

function manager(overrides: Partial<ModelManagerOptions> & { models?: WhisperModel[] } = {}): ModelManager {
  const { models = TEST_MODELS, ...options } = overrides
  const created = new ModelManager({
    dataDir,
    catalog: { models, baseUrl: server.baseUrl, ca: server.ca },
    onChange: (view) => events.push(view),
    totalMem: () => 16 * GB,
    progressIntervalMs: 0,
    ...options
  })
  managers.push(created)
  return created
}

const installedPath = (file: string) => join(dataDir, 'models', file)

/** Resolves with the first pushed view that satisfies `test`. */
function nextEvent(test: (view: ModelView) => boolean): Promise<ModelView> {
  const seen = events.length
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const found = events.slice(seen).find(test)
      if (found) {
        clearInterval(timer)
        resolve(found)
      }
    }, 2)
  })
}

describe('ModelManager', () => {
  it('lists each model with its facts and state, and refuses to offer one without a pinned checksum', async () => {
    const { models, machine } = await manager().list()
    expect(models.map((m) => m.id)).toEqual(['tiny', 'base', 'small'])
    expect(models[0]).toMatchObject({ id: 'tiny', sizeBytes: TINY.length, englishOnly: false, status: 'missing', bytes: 0, available: true, blockedReason: null, error: null })
    expect(models[0]!.speed).toMatch(/Fastest/)
    expect(models[2]).toMatchObject({ id: 'small', available: false, blockedReason: UNPINNED_REASON })
    expect(machine.freeDiskBytes).toBeGreaterThan(0)
    expect(machine.totalMemBytes).toBe(16 * GB)

    // This build's catalog: every model is pinned, so each is offered on a computer it fits.
    const real = await new ModelManager({ dataDir, totalMem: () => 16 * GB, fs: { ...nodeDownloadFs, statfs: async () => ({ bavail: 100 * GB, bsize: 1 }) } }).list()
    expect(real.models).toHaveLength(6)
    for (const model of real.models) expect(model).toMatchObject({ available: true, blockedReason: null, status: 'missing' })
  })

  it('downloads over HTTPS from the catalog URL, pushes progress up to the total, then reports the model installed', async () => {
    const models = manager()
    const started = await models.download('tiny')
    expect(started.status).toBe('downloading')
    await models.whenIdle()

    expect(server.requests.map((r) => r.path)).toEqual(['/models/ggml-tiny.bin'])
    const progress = events.filter((e) => e.status === 'downloading').map((e) => e.bytes)
    expect(progress.length).toBeGreaterThan(2)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    expect(progress.at(-1)).toBe(TINY.length)
    expect(events.at(-1)).toMatchObject({ id: 'tiny', status: 'installed', bytes: TINY.length, bytesPerSecond: null, error: null })
    expect(sha256(await readFile(installedPath('ggml-tiny.bin')))).toBe(sha256(TINY))
    expect((await models.view('tiny')).status).toBe('installed')
  })

  it('trusts only the catalog override\u2019s certificate: without it the loopback server is refused', async () => {
    const models = manager({ catalog: { models: TEST_MODELS, baseUrl: server.baseUrl } })
    await models.download('tiny')
    await models.whenIdle()
    expect(await models.view('tiny')).toMatchObject({ status: 'missing', error: expect.stringMatching(/Could not reach the download server/) })
  })

  it('pauses with the part kept, and resumes with a Range request from where it stopped', async () => {
    // Slow enough that the pause lands well before the last chunk, even on a loaded machine.
    server.chunkDelayMs = 25
    const models = manager()
    const halfway = nextEvent((e) => e.status === 'downloading' && e.bytes >= 64 * 1024)
    await models.download('tiny')
    await halfway
    const paused = await models.pause('tiny')
    expect(paused.status).toBe('paused')
    expect(paused.bytes).toBeGreaterThan(0)
    expect(paused.bytes).toBeLessThan(TINY.length)
    expect((await stat(`${installedPath('ggml-tiny.bin')}.part`)).size).toBe(paused.bytes)
    expect(events.at(-1)).toMatchObject({ status: 'paused', bytes: paused.bytes })

    server.chunkDelayMs = 0
    const resumed = await models.resume('tiny')
    expect(resumed).toMatchObject({ status: 'downloading', bytes: paused.bytes })
    await models.whenIdle()
    expect(server.requests.at(-1)!.range).toBe(`bytes=${paused.bytes}-`)
    expect(await models.view('tiny')).toMatchObject({ status: 'installed', bytes: TINY.length })
    expect(sha256(await readFile(installedPath('ggml-tiny.bin')))).toBe(sha256(TINY))
  })

  it('deletes a download whose checksum does not match and says why', async () => {
    const models = manager({ models: [{ ...TEST_MODELS[0]!, sha256: 'ab'.repeat(32) }] })
    await models.download('tiny')
    await models.whenIdle()
    expect(await models.view('tiny')).toMatchObject({ status: 'missing', bytes: 0, error: expect.stringMatching(/did not match its expected checksum/) })
    expect(existsSync(installedPath('ggml-tiny.bin'))).toBe(false)
    expect(existsSync(`${installedPath('ggml-tiny.bin')}.part`)).toBe(false)
  })

  it('refuses to start when the disk lacks room for the model plus headroom, before any request', async () => {
    const fullDisk: DownloadFs = { ...nodeDownloadFs, statfs: async () => ({ bavail: 25_000, bsize: 4096 }) }
    const models = manager({ fs: fullDisk })
    expect((await models.view('tiny')).blockedReason).toMatch(/^Needs 500 MB of free disk space; 102 MB is free\.$/)
    const refused = await models.download('tiny')
    expect(refused).toMatchObject({ status: 'missing', error: expect.stringMatching(/free disk space/) })
    expect(events.at(-1)).toEqual(refused)
    expect(server.requests).toEqual([])
  })

  it('refuses a model this computer has too little memory to run', async () => {
    const models = manager({ totalMem: () => 2 * GB })
    const refused = await models.download('tiny')
    expect(refused.error).toBe('Needs a computer with at least 2.3 GB of memory; this one has 2.0 GB.')
    expect(server.requests).toEqual([])
  })

  it('refuses a model without a pinned checksum, even though the server has the file', async () => {
    const models = manager()
    const refused = await models.download('small')
    expect(refused).toMatchObject({ status: 'missing', available: false, error: UNPINNED_REASON })
    expect(server.requests).toEqual([])
  })

  it('runs one download at a time and says which one is running', async () => {
    server.chunkDelayMs = 10
    const models = manager()
    const started = nextEvent((e) => e.id === 'tiny' && e.status === 'downloading' && e.bytes > 0)
    await Promise.all([models.download('tiny'), models.download('tiny')])
    // Bytes have arrived, so the request reached the server before the cancel below.
    await started
    const second = await models.download('base')
    expect(second.error).toBe('The "tiny" model is downloading. Wait for it, or pause it, first.')
    await models.cancel('tiny')
    expect(server.requests.filter((r) => r.path === '/models/ggml-tiny.bin')).toHaveLength(1)
  })

  it('cancel stops a download and deletes what it fetched', async () => {
    server.chunkDelayMs = 10
    const models = manager()
    const started = nextEvent((e) => e.status === 'downloading' && e.bytes > 0)
    await models.download('tiny')
    await started
    const cancelled = await models.cancel('tiny')
    expect(cancelled).toMatchObject({ status: 'missing', bytes: 0, error: null })
    expect(existsSync(`${installedPath('ggml-tiny.bin')}.part`)).toBe(false)
  })

  it('deletes an installed model and pushes the change', async () => {
    const models = manager()
    await models.download('tiny')
    await models.whenIdle()
    const deleted = await models.delete('tiny')
    expect(deleted).toMatchObject({ status: 'missing', bytes: 0 })
    expect(events.at(-1)).toEqual(deleted)
    expect(existsSync(installedPath('ggml-tiny.bin'))).toBe(false)
  })

  it('verify catches an installed file changed on disk, and a new download repairs it', async () => {
    const models = manager()
    await models.download('tiny')
    await models.whenIdle()
    expect(await models.verify('tiny')).toMatchObject({ ok: true, model: { status: 'installed' } })

    // Same size and magic: only the full checksum can tell.
    const tampered = Buffer.from(TINY)
    tampered[1000] = tampered[1000]! ^ 0xff
    await writeFile(installedPath('ggml-tiny.bin'), tampered)
    expect((await models.view('tiny')).status).toBe('installed')
    const check = await models.verify('tiny')
    expect(check).toMatchObject({ ok: false, model: { status: 'corrupt', error: expect.stringMatching(/does not match its pinned checksum/) } })

    await models.download('tiny')
    await models.whenIdle()
    expect(await models.verify('tiny')).toMatchObject({ ok: true, model: { status: 'installed', error: null } })
  })

  it('shows a damaged installed file as corrupt, and an unfinished one as paused after a restart', async () => {
    const models = manager()
    await models.download('tiny')
    await models.whenIdle()
    await writeFile(installedPath('ggml-tiny.bin'), TINY.subarray(0, 1000))
    await writeFile(`${installedPath('ggml-base.bin')}.part`, BASE.subarray(0, 1000))
    const restarted = manager()
    const { models: views } = await restarted.list()
    expect(views[0]).toMatchObject({ id: 'tiny', status: 'corrupt' })
    expect(views[1]).toMatchObject({ id: 'base', status: 'paused', bytes: 1000 })
  })
})
