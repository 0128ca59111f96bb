import { randomUUID } from 'node:crypto'
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fromSqlDate, type Queries, type Sql } from '../db/sql.ts'
import { discardBackups } from '../db/migrator.ts'
import type { AudioStore } from '../audio/audioStore.ts'
import { recomputeKeys } from '../pipeline/patternProfile.ts'
import type { DeletionView, EraseProgress } from '../../shared/contract.ts'

/**
 * Deletion that leaves nothing of the learner's on the disk. Every connection runs with
 * `secure_delete` (deleted rows and freed pages are zeroed, see db/sql.ts) and the full-text
 * index with FTS5's 'secure-delete' (a deleted transcript's tokens leave every index segment);
 * what remains is the write-ahead log, whose older page images are emptied by a checkpoint
 * after each deletion. A record of the deletion (what and when, never the deleted text) is
 * kept in DeletionRecord, since the session's own ledger goes with it.
 */

/** Deletes one session's rows, adjusts the profile and records the deletion, in the caller's transaction. */
export function deleteSessionRows(q: Queries, sessionId: string, at: Date, audioFile: boolean): void {
  const session = q.get<{ createdAt: string; words: number | null; insights: number; ledger: number }>(
    `SELECT s."createdAt",
        (SELECT t."wordCount" FROM "Transcript" t WHERE t."sessionId" = s."id") AS "words",
        (SELECT count(*) FROM "Insight" i WHERE i."sessionId" = s."id") AS "insights",
        (SELECT count(*) FROM "LedgerEntry" l WHERE l."sessionId" = s."id") AS "ledger"
      FROM "Session" s WHERE s."id" = ?`,
    sessionId
  )
  if (!session) return
  const recompute = takeOutOfProfile(q, sessionId, session.createdAt)
  q.run(`DELETE FROM "Session" WHERE "id" = ?`, sessionId)
  recomputeKeys(q, recompute)
  const parts = [
    session.words === null ? null : `transcript (${session.words} words)`,
    `${session.insights} insights`,
    `${session.ledger} ledger entries`,
    audioFile ? 'audio file' : null
  ].filter((part) => part !== null)
  recordDeletion(q, { at, scope: 'session', sessionId, sessionCreatedAt: session.createdAt, sessions: 1, what: parts.join(', ') })
}

/**
 * Subtracts the session's occurrences and its one session from each of its patterns' profile
 * rows. Recomputing a row from the remaining insights reads every insight of that pattern
 * (hundreds of milliseconds on 10,000 sessions), so it is left to the rows this session bounds:
 * first or last seen, or their last session. Returns those keys, to recompute once it is gone.
 */
function takeOutOfProfile(q: Queries, sessionId: string, createdAt: string): string[] {
  const recompute: string[] = []
  const contributions = q.all<{ patternKey: string; occurrences: number; sessions: number | null; firstSeenAt: string | null; lastSeenAt: string | null }>(
    `SELECT i."patternKey", sum(i."frequency") AS "occurrences", p."sessions", p."firstSeenAt", p."lastSeenAt"
      FROM "Insight" i LEFT JOIN "PatternStat" p ON p."patternKey" = i."patternKey"
      WHERE i."sessionId" = ? GROUP BY i."patternKey"`,
    sessionId
  )
  for (const c of contributions) {
    if (c.sessions === null) continue
    if (c.sessions <= 1 || c.firstSeenAt === createdAt || c.lastSeenAt === createdAt) recompute.push(c.patternKey)
    else q.run(`UPDATE "PatternStat" SET "occurrences" = "occurrences" - ?, "sessions" = "sessions" - 1 WHERE "patternKey" = ?`, c.occurrences, c.patternKey)
  }
  return recompute
}

/**
 * Empties the write-ahead log after a deletion. When another process's reader keeps it from
 * being emptied, it tries again in the background a few times, half a second apart; the next
 * deletion or start-up checkpoints again in any case.
 */
export async function checkpointAfterDelete(sql: Sql, retries = 6, delayMs = 500): Promise<void> {
  if (!(await sql.checkpoint()).busy || retries <= 0) return
  const timer = setTimeout(() => void checkpointAfterDelete(sql, retries - 1, delayMs).catch(() => undefined), delayMs)
  timer.unref()
}

/** Every deletion on record, newest first, for the export. */
export function listDeletions(sql: Sql): Promise<DeletionView[]> {
  return sql.read((q) =>
    q
      .all<{ at: string; scope: 'session' | 'everything'; sessionId: string | null; sessionCreatedAt: string | null; sessions: number; what: string }>(
        `SELECT "at", "scope", "sessionId", "sessionCreatedAt", "sessions", "what" FROM "DeletionRecord" ORDER BY "at" DESC, "id" DESC`
      )
      .map((row) => ({ ...row, at: fromSqlDate(row.at).toISOString(), sessionCreatedAt: fromSqlDate(row.sessionCreatedAt)?.toISOString() ?? null }))
  )
}

export interface EraseDeps {
  sql: Sql
  audio: AudioStore
  dataDir: string
  dbFile: string
  now: () => Date
  /** Stops the session's job if one is running. */
  abortSession: (sessionId: string) => void
  sessionDeleted: (sessionId: string) => void
  progress: (progress: EraseProgress) => void
}

/** Sessions per transaction: each batch is short enough that a progress step shows often, even on a slow disk. */
const BATCH = 250
/** Tables "delete everything" keeps: the migrations applied, and the record of this deletion. */
const KEPT_TABLES = new Set(['_speakloop_migrations', 'DeletionRecord'])

/**
 * "Delete everything": every row of every table (settings included, the applied migrations
 * excepted), every audio file and partial recording, the logs, migration backups and any
 * export the app wrote into the data folder; then VACUUM rewrites the file with its live pages
 * only and the WAL is emptied. Downloaded speech models stay (they hold nothing of the learner's).
 * Reports progress by phase; the caller resets settings and keys.
 */
export async function eraseEverything(deps: EraseDeps): Promise<{ sessions: number }> {
  const { sql, audio } = deps
  // No job may be claimed for a session about to go: the queue goes first. The full-text index
  // is emptied in one step: deleting its rows one by one with 'secure-delete' rewrites index
  // pages for every token (minutes for 10,000 sessions), and the VACUUM below rewrites the
  // whole file anyway. 'rebuild' from the emptied content leaves no segment behind.
  const total = await sql.write((q) => {
    q.run(`DELETE FROM "Job"`)
    q.run(`INSERT INTO "TranscriptSearch" ("TranscriptSearch", "rank") VALUES ('secure-delete', 0)`)
    q.run(`DELETE FROM "TranscriptSearch"`)
    q.run(`INSERT INTO "TranscriptSearch" ("TranscriptSearch") VALUES ('rebuild')`)
    q.run(`DELETE FROM "TranscriptSearchRow"`)
    q.run(`INSERT INTO "TranscriptSearch" ("TranscriptSearch", "rank") VALUES ('secure-delete', 1)`)
    return q.get<{ n: number }>(`SELECT count(*) AS n FROM "Session"`)!.n
  })
  deps.progress({ phase: 'sessions', done: 0, total })
  let done = 0
  for (;;) {
    const ids = await sql.read((q) => q.all<{ id: string }>(`SELECT "id" FROM "Session" LIMIT ?`, BATCH).map((row) => row.id))
    if (ids.length === 0) break
    // A job still running for one of them stops before its rows go, as for a single delete.
    for (const id of ids) {
      deps.abortSession(id)
      await audio.discard(id)
    }
    await sql.write((q) => {
      for (const id of ids) q.run(`DELETE FROM "Session" WHERE "id" = ?`, id)
    })
    for (const id of ids) deps.sessionDeleted(id)
    done += ids.length
    deps.progress({ phase: 'sessions', done, total })
  }

  deps.progress({ phase: 'files', done, total })
  await sql.write((q) => {
    const tables = q.all<{ name: string; type: string }>(`SELECT "name", "type" FROM pragma_table_list WHERE "schema" = 'main' AND "type" IN ('table', 'virtual')`)
    for (const { name } of tables) if (!KEPT_TABLES.has(name) && !name.startsWith('sqlite_')) q.run(`DELETE FROM "${name.replaceAll('"', '""')}"`)
    q.run(`DELETE FROM "DeletionRecord"`)
    recordDeletion(q, { at: deps.now(), scope: 'everything', sessionId: null, sessionCreatedAt: null, sessions: total, what: everythingWhat(total) })
  })
  await audio.sweep(new Set())
  removeFiles(join(deps.dataDir, 'logs'), () => true)
  // The app's encrypted keys (electron/main/secretStore.ts) go here too, so the command line,
  // which cannot reach the OS key store, leaves none behind either.
  removeFiles(deps.dataDir, (name) => /^speakloop-export-.*\.json$/.test(name) || name === 'secrets.json')
  discardBackups(deps.dbFile)

  deps.progress({ phase: 'compact', done, total })
  await sql.vacuum()
  deps.progress({ phase: 'done', done, total })
  return { sessions: total }
}

function everythingWhat(sessions: number): string {
  return `everything: ${sessions} sessions with their transcripts, analyses, ledgers and audio; the pattern profile; settings and API keys; logs and migration backups`
}

function recordDeletion(
  q: Queries,
  record: { at: Date; scope: 'session' | 'everything'; sessionId: string | null; sessionCreatedAt: string | null; sessions: number; what: string }
): void {
  q.run(
    `INSERT INTO "DeletionRecord" ("id", "at", "scope", "sessionId", "sessionCreatedAt", "sessions", "what") VALUES (?, ?, ?, ?, ?, ?, ?)`,
    randomUUID(), record.at, record.scope, record.sessionId, record.sessionCreatedAt, record.sessions, record.what
  )
}

/** Deletes the files of `dir` (not its subfolders) whose names pass `match`; a missing folder is fine. */
function removeFiles(dir: string, match: (name: string) => boolean): void {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return
  }
  for (const entry of entries) if (entry.isFile() && match(entry.name)) rmSync(join(dir, entry.name), { force: true })
}
