import Database from 'better-sqlite3'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../pipeline/harness.ts'
import { speechWav } from '../../support/audio.ts'
import { WRONG_KEY } from '../../support/simulator.ts'
import { createLogger } from '../../../electron/main/logger.ts'
import type { EraseProgress } from '../../../electron/shared/contract.ts'
import { filesHolding } from './diskScan.ts'
import { MIGRATIONS } from '../pipeline/harness.ts'
import { openDatabase } from '../../../electron/core/db/client.ts'
import { rebuildProfile } from '../../../electron/core/pipeline/patternProfile.ts'

// Words no dictionary, log line or model file holds: each can only come from the learner's session.
const SECRET = 'Zanzibarquux'
const KEEPER = 'Pelicanvorth'
const spoken = (word: string) => `Um, yesterday I go to the ${word} market, like, and I see my ${word} friends. Um, I buy a ${word} hat there.`

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

/** Imports `word`'s speech with `word` in its topic, processes it through the simulator and returns its id. */
async function sessionSaying(harness: Harness, word: string): Promise<string> {
  harness.sim.setDefaultTranscript(spoken(word))
  const { sessionId } = await harness.core.call('recording:start', { mimeType: 'audio/wav', source: 'import', topic: `My ${word} trip` })
  await harness.core.call('recording:chunk', { sessionId, seq: 0, data: new Uint8Array(readFileSync(speechWav(spoken(word)))) })
  await harness.core.call('recording:finish', { sessionId, durationMs: 5_000 })
  await harness.core.waitForIdle()
  return sessionId
}

describe('privacy: deleting one session leaves no copy of its text on the disk', () => {
  it('after a delete no file of the data folder holds the session words, and the other session stays searchable', async () => {
    h = await createHarness()
    const secret = await sessionSaying(h, SECRET)
    const keeper = await sessionSaying(h, KEEPER)
    const detail = await h.core.call('sessions:get', { id: secret })
    expect(detail.status).toBe('DONE')
    expect(detail.insights.some((i) => i.examples.some((e) => e.quote.includes(SECRET)))).toBe(true)
    // A re-analysis replaces the insights (the old rows' pages must not keep the quotes either),
    // and this one puts the word in the summary, strengths, an insight's detail and the focus goal.
    h.sim.analysis.enqueue({
      analysis: {
        summary: `You told the ${SECRET} story clearly.`,
        strengths: [`Vivid ${SECRET} details.`],
        insights: [
          {
            category: 'grammar',
            patternKey: 'grammar.past-tense',
            pattern: 'Present tense for past events',
            detail: `You said "I go" about your ${SECRET} trip, which is over.`,
            frequency: 1,
            severity: 'high',
            examples: [{ quote: `I go to the ${SECRET} market`, correction: `I went to the ${SECRET} market` }],
            suggestion: `Retell the ${SECRET} trip in the past tense.`
          }
        ],
        focusNext: { patternKey: 'grammar.past-tense', goal: `Tell the ${SECRET} story again with every finished event in the past tense.` },
        previousFocus: null
      }
    })
    await h.core.call('sessions:reanalyze', { id: secret })
    await h.core.waitForIdle()
    expect((await h.core.call('sessions:get', { id: secret })).summary).toContain(SECRET)
    expect(filesHolding(h.dataDir, SECRET).length).toBeGreaterThan(0)

    await h.core.call('sessions:delete', { id: secret })

    expect(filesHolding(h.dataDir, SECRET)).toEqual([])
    expect(filesHolding(h.dataDir, KEEPER)).toContain('speakloop.db')
    expect((await h.core.call('sessions:list', { query: KEEPER })).sessions.map((s) => s.id)).toEqual([keeper])
    expect((await h.core.call('sessions:list', { query: SECRET })).total).toBe(0)
  })

  it('a reader in another connection holding the WAL delays its emptying, never the delete, and it is emptied once the reader ends', async () => {
    h = await createHarness()
    const secret = await sessionSaying(h, SECRET)
    // As the CLI listing sessions would: a read transaction keeps its snapshot of the WAL.
    const reader = new Database(join(h.dataDir, 'speakloop.db'), { readonly: true })
    reader.prepare('BEGIN').run()
    reader.prepare('SELECT count(*) FROM "Session"').get()
    const started = performance.now()
    await h.core.call('sessions:delete', { id: secret })
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(filesHolding(h.dataDir, SECRET)).toContain('speakloop.db-wal')

    reader.prepare('COMMIT').run()
    reader.close()
    await expect.poll(() => filesHolding(h!.dataDir, SECRET), { timeout: 5_000, interval: 100 }).toEqual([])
  })

  it('records the deletion (what and when, without the text) and exports the record', async () => {
    h = await createHarness()
    const secret = await sessionSaying(h, SECRET)
    const { createdAt } = await h.core.call('sessions:get', { id: secret })
    await h.core.call('sessions:delete', { id: secret })

    const { json } = await h.core.call('data:export', {})
    expect(json).not.toContain(SECRET)
    const { deletions, sessions } = JSON.parse(json)
    expect(sessions).toEqual([])
    expect(deletions).toEqual([
      {
        at: expect.any(String),
        scope: 'session',
        sessionId: secret,
        sessionCreatedAt: createdAt,
        sessions: 1,
        what: expect.stringMatching(/^transcript \(\d+ words\), \d+ insights, \d+ ledger entries$/)
      }
    ])
  })
})

describe('privacy: a migration backup does not outlive the update', () => {
  it('a session processed before an update, then deleted after it, leaves no copy in a backup or anywhere else', async () => {
    // Data written through the real pipeline, then an update whose migration (a no-op here) makes a backup.
    h = await createHarness()
    const secret = await sessionSaying(h, SECRET)
    expect((await h.core.call('sessions:get', { id: secret })).status).toBe('DONE')
    const updated = join(mkdtempSync(join(tmpdir(), 'speakloop-update-')), 'migrations')
    cpSync(MIGRATIONS, updated, { recursive: true })
    mkdirSync(join(updated, '29990101000000_update'))
    writeFileSync(join(updated, '29990101000000_update', 'migration.sql'), 'CREATE TABLE "UpdateMarker" ("id" TEXT);\nDROP TABLE "UpdateMarker";\n')

    await h.reopen({ migrationsDir: updated })
    expect(readdirSync(h.dataDir).filter((name) => name.includes('backup'))).toEqual([])
    await h.core.call('sessions:delete', { id: secret })
    expect(filesHolding(h.dataDir, SECRET)).toEqual([])
  })
})

describe('the session ledger records deletions', () => {
  it('audio a failed session kept is deleted after the retention, and its ledger says so and when', async () => {
    const start = Date.now()
    let now = start
    // A rejected key fails at once (no retry waits on the frozen clock), and the audio is kept for a retry.
    h = await createHarness({ now: () => new Date(now), keys: { openai: WRONG_KEY } })
    const id = await h.importFile(speechWav(spoken(SECRET)))
    await h.core.waitForIdle()
    expect(h.audioFiles()).toHaveLength(1)

    now = start + 8 * 24 * 60 * 60 * 1000
    await h.reopen({ now: () => new Date(now) })
    expect(h.audioFiles()).toEqual([])
    const { ledger } = await h.core.call('sessions:get', { id })
    expect(ledger.at(-1)).toMatchObject({ provider: 'local', what: 'audio deleted after 7 days', bytes: 0, at: new Date(now).toISOString() })
  })
})

describe('deleting adjusts the profile exactly', () => {
  /** The profile rebuilt from the remaining insights through a separate connection. */
  async function rebuilt(harness: Harness) {
    await harness.core.shutdown()
    const db = await openDatabase(join(harness.dataDir, 'speakloop.db'), MIGRATIONS)
    await rebuildProfile(db.sql)
    await db.close()
    await harness.reopen()
    return (await harness.core.call('profile:get', {})).patterns
  }

  it('a session in the middle, then the newest, then the oldest: each time the profile equals its rebuild', async () => {
    h = await createHarness()
    const ids: string[] = []
    for (const word of ['Alpha', 'Bravo', 'Charlie', 'Delta']) ids.push(await sessionSaying(h, `${word}quux`))
    for (const id of [ids[1]!, ids[3]!, ids[0]!]) {
      await h.core.call('sessions:delete', { id })
      const incremental = (await h.core.call('profile:get', {})).patterns
      expect(incremental.length).toBeGreaterThan(0)
      expect(await rebuilt(h)).toEqual(incremental)
    }
  })
})

describe('privacy: delete everything leaves no byte of learner text or audio in the data folder', () => {
  it('deletes the database rows (then VACUUM), audio, partial recordings, logs, backups and exports, with progress, and keeps models', async () => {
    h = await createHarness()
    await sessionSaying(h, SECRET)
    await sessionSaying(h, KEEPER)
    await h.core.call('settings:update', { level: 'C1', onboarded: true })
    // A session that failed keeps its audio for a retry; a recording in progress has a partial file.
    h.sim.setDefaultTranscription({ status: 500 })
    const failed = await h.importFile(speechWav(spoken(SECRET)))
    await h.core.waitForIdle()
    expect((await h.core.call('sessions:get', { id: failed })).status).toBe('FAILED')
    h.sim.setDefaultTranscription(null)
    const { sessionId: recording } = await h.core.call('recording:start', { mimeType: 'audio/wav', source: 'recording' })
    await h.core.call('recording:chunk', { sessionId: recording, seq: 0, data: new Uint8Array(Buffer.from(`RIFF partial ${SECRET}`)) })
    expect(h.audioFiles().map((name) => extname(name)).sort()).toEqual(['.part', '.wav'])
    // What an older Speakloop left (a migration backup), an export saved into the folder, a log.
    const { json } = await h.core.call('data:export', {})
    writeFileSync(join(h.dataDir, 'speakloop-export-2026-12-01.json'), json)
    const copy = new Database(join(h.dataDir, 'speakloop.db'), { readonly: true })
    copy.prepare('VACUUM INTO ?').run(join(h.dataDir, 'speakloop.db.backup-2026-11-30T10-00-00-000Z'))
    copy.close()
    createLogger({ dir: join(h.dataDir, 'logs') }).info('session:updated', { id: failed, status: 'FAILED' })
    mkdirSync(join(h.dataDir, 'models'), { recursive: true })
    writeFileSync(join(h.dataDir, 'models', 'ggml-base.bin'), 'model bytes')
    expect(filesHolding(h.dataDir, SECRET).length).toBeGreaterThan(2)

    const steps: EraseProgress[] = []
    h.core.subscribe((event, payload) => {
      if (event === 'data:deleteProgress') steps.push(payload as EraseProgress)
    })
    expect(await h.core.call('data:deleteAll', { confirm: 'DELETE' })).toEqual({ ok: true, sessions: 4 })

    expect(filesHolding(h.dataDir, SECRET)).toEqual([])
    expect(filesHolding(h.dataDir, KEEPER)).toEqual([])
    expect(h.audioFiles()).toEqual([])
    expect(readdirSync(join(h.dataDir, 'logs'))).toEqual([])
    expect(readdirSync(h.dataDir).filter((name) => name.includes('backup') || name.includes('export'))).toEqual([])
    expect(readdirSync(join(h.dataDir, 'models'))).toEqual(['ggml-base.bin'])
    expect(steps.map((s) => s.phase)).toEqual(['sessions', 'sessions', 'files', 'compact', 'done'])
    expect(steps.at(-1)).toEqual({ phase: 'done', done: 4, total: 4 })
    expect(await h.core.call('settings:get', {})).toMatchObject({ level: 'B1', onboarded: false, openaiKey: { set: false }, anthropicKey: { set: false } })
    const { deletions } = JSON.parse((await h.core.call('data:export', {})).json)
    expect(deletions).toEqual([expect.objectContaining({ scope: 'everything', sessions: 4, sessionId: null })])
  })

  it('the app works normally afterwards: a new session goes to DONE and is found by its words', async () => {
    h = await createHarness()
    await sessionSaying(h, SECRET)
    await h.core.call('data:deleteAll', { confirm: 'DELETE' })
    // The keys went with everything else; the learner adds them again.
    await h.core.call('settings:setKey', { provider: 'openai', key: 'sk-test-openai-0001' })
    await h.core.call('settings:setKey', { provider: 'anthropic', key: 'sk-ant-test-0002' })

    const id = await sessionSaying(h, KEEPER)
    const session = await h.core.call('sessions:get', { id })
    expect(session.status).toBe('DONE')
    expect(session.insights.length).toBeGreaterThan(0)
    expect((await h.core.call('sessions:list', { query: KEEPER })).sessions.map((s) => s.id)).toEqual([id])
    expect((await h.core.call('profile:get', {})).patterns.length).toBeGreaterThan(0)
    expect(filesHolding(h.dataDir, SECRET)).toEqual([])
  })
})
