import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/core/app.ts'
import { memorySecretStore } from '../../../electron/core/settings/secrets.ts'
import { openDatabase } from '../../../electron/core/db/client.ts'
import { rebuildProfile } from '../../../electron/core/pipeline/patternProfile.ts'
import type { CrashPoint } from '../../../electron/core/pipeline/crashPoints.ts'
import { startSimulator, type Simulator } from '../../support/simulator.ts'
import { speechWav } from '../../support/audio.ts'
import { MIGRATIONS } from './harness.ts'
import { until } from '../../support/until.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const SPEECH = 'Two years ago I move to Berlin and I start to learn German. It was, um, very difficult for me.'

let sim: Simulator
let reference: { insights: unknown; focusNext: unknown }

function env(dataDir: string, crashAt?: CrashPoint): NodeJS.ProcessEnv {
  return {
    ...process.env,
    OPENAI_API_KEY: 'sk-test-openai',
    ANTHROPIC_API_KEY: 'sk-ant-test',
    OPENAI_BASE_URL: sim.openaiBaseUrl,
    ANTHROPIC_BASE_URL: sim.anthropicBaseUrl,
    SPEAKLOOP_CRASH_AT: crashAt ?? ''
  }
}

/** `speakloop run` in a child process; resolves with its exit code or the signal that killed it. */
function runChild(dataDir: string, crashAt?: CrashPoint, onStart?: (kill: () => void) => void): Promise<number | NodeJS.Signals> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/index.ts'), 'run', '--data-dir', dataDir], {
    env: env(dataDir, crashAt),
    stdio: ['ignore', 'ignore', 'inherit']
  })
  onStart?.(() => child.kill('SIGKILL'))
  return new Promise((done) => child.on('exit', (code, signal) => done(signal ?? code ?? -1)))
}

async function withCore<T>(dataDir: string, use: (core: Core) => Promise<T>): Promise<T> {
  const core = await createCore({ dataDir, migrationsDir: MIGRATIONS, secrets: memorySecretStore({}), env: {} })
  try {
    return await use(core)
  } finally {
    await core.shutdown()
  }
}

/** A data dir holding one queued session of SPEECH, as `speakloop import` leaves it. */
async function queuedSession(): Promise<{ dataDir: string; id: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'speakloop-crash-'))
  const id = await withCore(dataDir, async (core) => {
    const { sessionId } = await core.call('recording:start', { mimeType: 'audio/wav', source: 'import' })
    await core.call('recording:chunk', { sessionId, seq: 0, data: new Uint8Array(readFileSync(speechWav(SPEECH))) })
    await core.call('recording:finish', { sessionId, durationMs: 6000 })
    return sessionId
  })
  return { dataDir, id }
}

/** Everything a crash must not change: one DONE session, same insights, exact profile, no audio. */
async function expectRecovered(dataDir: string, id: string): Promise<void> {
  const { session, profile } = await withCore(dataDir, async (core) => ({
    session: await core.call('sessions:get', { id }),
    // The per-session trend is derived from insights, not stored: compare the stored counts.
    profile: (await core.call('profile:get', {})).patterns.map(({ trend: _trend, ...stored }) => stored)
  }))
  expect(session.status).toBe('DONE')
  expect({ insights: session.insights.map(({ id: _id, ...rest }) => rest), focusNext: session.focusNext }).toEqual(reference)
  expect(readdirSync(join(dataDir, 'audio'))).toEqual([])
  expect(session.ledger.filter((l) => l.what === 'audio')).toHaveLength(1)

  const db = await openDatabase(join(dataDir, 'speakloop.db'), MIGRATIONS)
  expect(await db.prisma.transcript.count()).toBe(1)
  expect(await db.prisma.job.count({ where: { status: { not: 'done' } } })).toBe(0)
  await rebuildProfile(db.sql)
  const rebuilt = await db.prisma.patternStat.findMany({ orderBy: [{ sessions: 'desc' }, { occurrences: 'desc' }, { patternKey: 'asc' }] })
  await db.close()
  expect(rebuilt.map((p) => ({ ...p, firstSeenAt: p.firstSeenAt.toISOString(), lastSeenAt: p.lastSeenAt.toISOString() }))).toEqual(profile)
}

beforeAll(async () => {
  sim = await startSimulator()
  sim.setDefaultTranscript(SPEECH)
  const { dataDir, id } = await queuedSession()
  expect(await runChild(dataDir)).toBe(0)
  reference = await withCore(dataDir, async (core) => {
    const session = await core.call('sessions:get', { id })
    return { insights: session.insights.map(({ id: _id, ...rest }) => rest), focusNext: session.focusNext }
  })
  expect((reference.insights as unknown[]).length).toBeGreaterThan(0)
}, 120_000)

afterAll(async () => {
  await sim.close()
})

describe('a crash at any point loses nothing and repeats no paid work', { timeout: 120_000 }, () => {
  const boundaries: { point: CrashPoint; transcriptions: number }[] = [
    { point: 'transcribe:before-call', transcriptions: 1 },
    { point: 'transcribe:after-commit', transcriptions: 1 },
    { point: 'transcribe:after-audio-delete', transcriptions: 1 },
    { point: 'analyze:before-call', transcriptions: 1 },
    { point: 'analyze:after-commit', transcriptions: 1 }
  ]
  for (const { point, transcriptions } of boundaries) {
    it(`SIGKILL at ${point}`, async () => {
      const { dataDir, id } = await queuedSession()
      const before = sim.count('transcription')
      expect(await runChild(dataDir, point)).toBe('SIGKILL')
      expect(await runChild(dataDir)).toBe(0)
      expect(sim.count('transcription') - before).toBe(transcriptions)
      await expectRecovered(dataDir, id)
    })
  }

  for (const kind of ['transcription', 'analysis'] as const) {
    it(`SIGKILL inside the ${kind} call`, async () => {
      const { dataDir, id } = await queuedSession()
      const before = sim.count('transcription')
      const seen = sim.count(kind)
      sim[kind].enqueue({ delayMs: 30_000 })
      const code = await runChild(dataDir, undefined, (kill) => {
        void until(() => sim.count(kind) > seen, `the ${kind} request`, 600).then(kill)
      })
      expect(code).toBe('SIGKILL')
      await sim.idle()
      expect(await runChild(dataDir)).toBe(0)
      // A transcription interrupted before its answer was never committed: it is paid for twice.
      expect(sim.count('transcription') - before).toBe(kind === 'transcription' ? 2 : 1)
      await expectRecovered(dataDir, id)
    })
  }
})

/**
 * A data dir holding a recording made in 2 s stretches that the app quit in the middle of, before
 * any stretch was transcribed: stretch files, their rows and queued jobs, and an unfinished part.
 */
async function interruptedStretchedRecording(): Promise<{ dataDir: string; id: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'speakloop-crash-'))
  const core = await createCore({ dataDir, migrationsDir: MIGRATIONS, secrets: memorySecretStore({}), env: {}, stretchSeconds: { 'on-device': 2, openai: 2 } })
  const wav = readFileSync(speechWav(SPEECH))
  const { sessionId } = await core.call('recording:start', { mimeType: 'audio/wav' })
  const chunks = [new Uint8Array(wav.subarray(0, 44))]
  for (let at = 44; at < wav.length; at += 44_100) chunks.push(new Uint8Array(wav.subarray(at, at + 44_100)))
  for (const [seq, data] of chunks.entries()) await core.call('recording:chunk', { sessionId, seq, data })
  await core.shutdown()
  return { dataDir, id: sessionId }
}

describe('a crash while a recording made in stretches is transcribed loses nothing and sends no stretch twice', { timeout: 120_000 }, () => {
  for (const point of ['stretch:before-call', 'stretch:after-commit'] as const) {
    it(`SIGKILL at ${point}`, async () => {
      const { dataDir, id } = await interruptedStretchedRecording()
      expect(readdirSync(join(dataDir, 'audio')).filter((name) => name.endsWith('.wav')).length).toBeGreaterThanOrEqual(2)
      const before = sim.count('transcription')
      expect(await runChild(dataDir, point)).toBe('SIGKILL')
      // The stretches whose text had committed when the process died: they must not go again.
      const db = new Database(join(dataDir, 'speakloop.db'), { readonly: true })
      const committed = (db.prepare(`SELECT "audioPath" FROM "Stretch" WHERE "text" IS NOT NULL AND "audioPath" IS NOT NULL`).all() as { audioPath: string }[]).map(
        (s) => createHash('sha256').update(readFileSync(s.audioPath)).digest('hex')
      )
      db.close()
      if (point === 'stretch:after-commit') expect(committed.length).toBeGreaterThanOrEqual(1)
      else expect(committed).toEqual([])
      expect(await runChild(dataDir)).toBe(0)

      const session = await withCore(dataDir, (core) => core.call('sessions:get', { id }))
      expect(session.status).toBe('DONE')
      expect(readdirSync(join(dataDir, 'audio'))).toEqual([])
      const sentParts = session.ledger.filter((l) => l.what.startsWith('audio (part')).map((l) => l.what)
      expect(new Set(sentParts).size).toBe(sentParts.length)
      // Every stretch went once, except at most one other stretch whose request was in flight when the
      // process died (the runner runs two jobs at once): like any call cut off, it is paid for twice.
      const sent = sim.requests.filter((r) => r.kind === 'transcription').slice(before).map((r) => r.fileSha256)
      expect(new Set(sent).size).toBe(sentParts.length)
      expect(sent.length - sentParts.length).toBeLessThanOrEqual(1)
      for (const hash of committed) expect(sent.filter((h) => h === hash)).toHaveLength(1)
      expect(session.transcript!.text).toBe(Array(sentParts.length).fill(SPEECH).join(' '))
    })
  }
})
