import { randomUUID } from 'node:crypto'
import type { Db } from '../db/client.ts'
import { fromSqlDate, type Queries, type Sql } from '../db/sql.ts'
import type { AudioStore } from '../audio/audioStore.ts'
import type { JobRunner } from '../pipeline/jobRunner.ts'
import { enqueue, requeue } from '../pipeline/jobQueue.ts'
import { ACTIVE_STATUSES, type SessionDetail, type SessionStatus, type SessionSummary, type TrendPoint } from '../../shared/contract.ts'
import { parseJson, toDetail, toSummary, type SessionRow } from './views.ts'
import type { SessionMetrics } from '../analysis/contract.ts'
import { findSessionIds, type SessionFilter } from './sessionQuery.ts'
import { checkpointAfterDelete, deleteSessionRows } from './deletion.ts'
import type { StretchFile } from '../audio/stretches.ts'
import { registerStretch } from '../pipeline/stretches.ts'

/** A request the learner cannot make in the session's current state; `code` maps to the IPC error. */
export class SessionError extends Error {
  readonly code: 'not-found' | 'conflict'
  constructor(code: 'not-found' | 'conflict', message: string) {
    super(message)
    this.name = 'SessionError'
    this.code = code
  }
}

const FAILED_JOBS = { where: { status: { in: ['failed', 'cancelled'] } }, select: { kind: true } }
const SUMMARY_INCLUDE = { _count: { select: { insights: true } }, transcript: { select: { wordCount: true } }, jobs: FAILED_JOBS } as const
const DETAIL_INCLUDE = {
  jobs: FAILED_JOBS,
  transcript: { select: { text: true, words: true, wordCount: true } },
  insights: { orderBy: { rank: 'asc' } },
  ledger: { orderBy: { at: 'asc' } },
  stretches: { select: { audioPath: true } }
} as const

export interface SessionServiceDeps {
  db: Db
  sql: Sql
  audio: AudioStore
  runner: JobRunner
  now: () => Date
  sessionChanged: (sessionId: string) => void
  sessionDeleted: (sessionId: string) => void
}

/** What the learner does with sessions: record or import, list, open, retry, cancel, re-analyse, delete. */
export class SessionService {
  readonly #d: SessionServiceDeps
  /** Recordings whose Stop is being handled: their last stretch gets no job of its own. */
  readonly #finishing = new Set<string>()

  constructor(deps: SessionServiceDeps) {
    this.#d = deps
  }

  /**
   * Creates a session and opens its audio file for streamed chunks. With `stretchSeconds`, a live
   * 16-bit WAV is cut into stretches of about that length, each transcribed while the learner
   * goes on speaking (pipeline/stretches.ts).
   */
  async start(input: { mimeType: string; topic?: string; source?: 'recording' | 'import'; language: string; stretchSeconds?: number }): Promise<string> {
    const id = randomUUID()
    const createdAt = new Date()
    await this.#d.sql.write((q) =>
      q.run(
        `INSERT INTO "Session" ("id", "status", "createdAt", "updatedAt", "language", "topic", "source", "audioMime")
          VALUES (?, 'CREATED', ?, ?, ?, ?, ?, ?)`,
        id, createdAt, createdAt, input.language, input.topic ?? null, input.source ?? 'recording', input.mimeType
      )
    )
    const stretched = input.stretchSeconds !== undefined && input.mimeType === 'audio/wav' && input.source !== 'import'
    this.#d.audio.open(id, stretched ? { seconds: input.stretchSeconds!, onStretch: (file) => this.#registerStretch(id, file) } : undefined)
    this.#d.sessionChanged(id)
    return id
  }

  /** Records a stretch just cut: queued for transcription while recording, left to the transcribe job once finished. */
  async #registerStretch(sessionId: string, file: StretchFile): Promise<void> {
    const recording = !this.#finishing.has(sessionId)
    await this.#d.sql.write((q) => registerStretch(q, sessionId, file, this.#d.now(), { queue: recording }))
    if (recording) this.#d.runner.wake()
  }

  /** Appends a chunk of audio to an open recording. */
  async appendChunk(sessionId: string, seq: number, data: Uint8Array): Promise<number> {
    return this.#d.audio.append(sessionId, seq, data)
  }

  /** Closes the recording: the session becomes UPLOADED and its transcription job is queued in the same transaction. */
  async finish(sessionId: string, durationMs: number): Promise<SessionSummary> {
    const session = await this.#require(sessionId)
    if (session.status !== 'CREATED') throw new SessionError('conflict', 'This recording is already finished.')
    this.#finishing.add(sessionId)
    const { path, bytes } = await this.#d.audio.finish(sessionId, session.audioMime ?? 'audio/webm').finally(() => this.#finishing.delete(sessionId))
    const now = this.#d.now()
    await this.#d.sql.write((q) => {
      q.run(
        `UPDATE "Session" SET "status" = 'UPLOADED', "audioPath" = ?, "audioBytes" = ?, "durationMs" = ?, "updatedAt" = ? WHERE "id" = ?`,
        path, bytes, durationMs || null, now, sessionId
      )
      enqueue(q, sessionId, 'transcribe', now)
    })
    this.#d.sessionChanged(sessionId)
    this.#d.runner.wake()
    return this.summary(sessionId)
  }

  /** Throws away an unfinished recording and its session, with any stretch already transcribed. */
  async discard(sessionId: string): Promise<void> {
    const session = await this.#require(sessionId)
    if (session.status !== 'CREATED') throw new SessionError('conflict', 'Only a recording in progress can be discarded.')
    this.#d.runner.abortSession(sessionId)
    await this.#d.audio.discard(sessionId)
    await this.#d.sql.write((q) => q.run(`DELETE FROM "Session" WHERE "id" = ?`, sessionId))
    this.#d.sessionDeleted(sessionId)
  }

  /** Sessions newest first, filtered by status, date, pattern and words in the transcript or topic. */
  async list(filter: SessionFilter): Promise<{ sessions: SessionSummary[]; total: number }> {
    const { ids, total } = await findSessionIds(this.#d.db, filter)
    const rows = await this.#d.db.session.findMany({ where: { id: { in: ids } }, include: SUMMARY_INCLUDE })
    const byId = new Map(rows.map((row) => [row.id, row]))
    const sessions = ids.flatMap((id) => {
      const row = byId.get(id)
      return row ? [toSummary(row)] : []
    })
    return { sessions, total }
  }

  /** One session as the list shows it: one statement, since every status change pushes it. */
  async summary(sessionId: string): Promise<SessionSummary> {
    const row = await this.#d.sql.read((q) => summaryRow(q, sessionId))
    if (!row) throw new SessionError('not-found', 'That session no longer exists.')
    return toSummary(row)
  }

  async detail(sessionId: string): Promise<SessionDetail> {
    const row = await this.#d.db.session.findUnique({ where: { id: sessionId }, include: DETAIL_INCLUDE })
    if (!row) throw new SessionError('not-found', 'That session no longer exists.')
    return toDetail(row)
  }

  /** The measurable figures of the latest DONE sessions, oldest first, for the Progress screen. */
  async trends(limit = 200): Promise<TrendPoint[]> {
    const rows = await this.#d.db.session.findMany({
      where: { status: 'DONE', metrics: { not: null } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: { id: true, createdAt: true, durationMs: true, metrics: true, focusNext: true, previousFocus: true }
    })
    return rows.reverse().map((row) => {
      const metrics = parseJson<SessionMetrics | null>(row.metrics, null)
      return {
        id: row.id,
        createdAt: row.createdAt.toISOString(),
        durationMs: row.durationMs,
        speakingRate: metrics?.speakingRate ?? 0,
        fillersPerMinute: metrics?.fillers.perMinute ?? 0,
        midClausePausesPerMinute: metrics?.pauses.midClausePerMinute ?? 0,
        mattr: metrics?.lexicalDiversity.mattr ?? 0,
        mattrLowConfidence: metrics?.lexicalDiversity.lowConfidence ?? true,
        focusNext: parseJson(row.focusNext, null),
        previousFocus: parseJson(row.previousFocus, null)
      }
    })
  }

  /** Resumes a FAILED session from its first unfinished stage. */
  async retry(sessionId: string): Promise<SessionSummary> {
    const session = await this.#require(sessionId)
    if (session.status !== 'FAILED') throw new SessionError('conflict', 'Only a failed session can be retried.')
    if (!session.transcribed && !session.audioPath && !session.stretched) {
      throw new SessionError('conflict', 'The audio of this session was deleted, so it cannot be transcribed again.')
    }
    const now = this.#d.now()
    await this.#d.sql.write((q) => {
      requeue(q, sessionId, session.transcribed ? 'analyze' : 'transcribe', now)
      q.run(
        `UPDATE "Session" SET "status" = ?, "errorMessage" = NULL, "errorHint" = NULL, "updatedAt" = ? WHERE "id" = ?`,
        session.transcribed ? 'ANALYZING' : 'UPLOADED', now, sessionId
      )
    })
    this.#d.sessionChanged(sessionId)
    this.#d.runner.wake()
    return this.summary(sessionId)
  }

  /** Cancels a queued or running session: it ends FAILED ("Cancelled") and can be retried. */
  async cancel(sessionId: string): Promise<SessionSummary> {
    const session = await this.#require(sessionId)
    if (!ACTIVE_STATUSES.includes(session.status as SessionStatus) || session.status === 'CREATED') {
      throw new SessionError('conflict', 'Only a session that is processing can be cancelled.')
    }
    if (!this.#d.runner.abortSession(sessionId)) {
      const now = this.#d.now()
      await this.#d.sql.write((q) => {
        q.run(`UPDATE "Job" SET "status" = 'cancelled', "lastError" = 'Cancelled.', "updatedAt" = ? WHERE "sessionId" = ? AND "status" = 'queued'`, now, sessionId)
        q.run(
          `UPDATE "Session" SET "status" = 'FAILED', "errorMessage" = 'Cancelled.', "errorHint" = 'Retry to process this session again.', "updatedAt" = ?
            WHERE "id" = ?`,
          now, sessionId
        )
      })
      this.#d.sessionChanged(sessionId)
    }
    return this.summary(sessionId)
  }

  /** Analyses a DONE session again from its stored transcript, replacing its insights. */
  async reanalyze(sessionId: string): Promise<SessionSummary> {
    const session = await this.#require(sessionId)
    if (session.status !== 'DONE') throw new SessionError('conflict', 'Only a finished session can be re-analysed.')
    const now = this.#d.now()
    await this.#d.sql.write((q) => {
      requeue(q, sessionId, 'analyze', now)
      q.run(`UPDATE "Session" SET "status" = 'ANALYZING', "updatedAt" = ? WHERE "id" = ?`, now, sessionId)
    })
    this.#d.sessionChanged(sessionId)
    this.#d.runner.wake()
    return this.summary(sessionId)
  }

  /**
   * Deletes a session, its audio and its rows; the profile loses exactly its contribution and
   * the deletion is recorded (what and when). Nothing of its text stays on the disk: see
   * deletion.ts for how, and the checkpoint below for the write-ahead log.
   */
  async delete(sessionId: string): Promise<void> {
    const session = await this.#require(sessionId)
    this.#d.runner.abortSession(sessionId)
    await this.#d.audio.discard(sessionId)
    await this.#d.audio.remove(session.audioPath)
    await this.#d.sql.write((q) => deleteSessionRows(q, sessionId, this.#d.now(), session.audioPath !== null))
    await checkpointAfterDelete(this.#d.sql)
    this.#d.sessionDeleted(sessionId)
  }

  async #require(sessionId: string) {
    const session = await this.#d.sql.read((q) =>
      q.get<{ status: string; audioMime: string | null; audioPath: string | null; transcribed: number; stretched: number }>(
        `SELECT "status", "audioMime", "audioPath", EXISTS (SELECT 1 FROM "Transcript" t WHERE t."sessionId" = s."id") AS "transcribed",
            EXISTS (SELECT 1 FROM "Stretch" r WHERE r."sessionId" = s."id") AS "stretched"
          FROM "Session" s WHERE "id" = ?`,
        sessionId
      )
    )
    if (!session) throw new SessionError('not-found', 'That session no longer exists.')
    return session
  }
}

/** The columns and counts `toSummary` needs, in one statement. */
function summaryRow(q: Queries, sessionId: string) {
  const row = q.get<
    Omit<SessionRow, 'createdAt' | 'updatedAt' | 'completedAt' | '_count' | 'transcript' | 'jobs'> & {
      // DATETIME columns come back as text.
      createdAt: string
      updatedAt: string
      completedAt: string | null
      insightCount: number
      wordCount: number | null
      /** JSON array of the kinds of the session's failed or cancelled jobs. */
      failedKinds: string
    }
  >(
    `SELECT s."id", s."status", s."createdAt", s."updatedAt", s."completedAt", s."durationMs", s."language", s."topic",
        s."errorMessage", s."errorHint", s."focusNext",
        (SELECT count(*) FROM "Insight" i WHERE i."sessionId" = s."id") AS "insightCount",
        (SELECT t."wordCount" FROM "Transcript" t WHERE t."sessionId" = s."id") AS "wordCount",
        (SELECT json_group_array(j."kind") FROM "Job" j WHERE j."sessionId" = s."id" AND j."status" IN ('failed', 'cancelled')) AS "failedKinds"
      FROM "Session" s WHERE s."id" = ?`,
    sessionId
  )
  if (!row) return null
  return {
    ...row,
    createdAt: fromSqlDate(row.createdAt),
    updatedAt: fromSqlDate(row.updatedAt),
    completedAt: fromSqlDate(row.completedAt),
    _count: { insights: row.insightCount },
    transcript: row.wordCount === null ? null : { wordCount: row.wordCount },
    jobs: (JSON.parse(row.failedKinds) as string[]).map((kind) => ({ kind }))
  }
}
