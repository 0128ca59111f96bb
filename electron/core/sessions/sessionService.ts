import { randomUUID } from 'node:crypto'
import type { Db } from '../db/client.ts'
import type { AudioStore } from '../audio/audioStore.ts'
import type { JobRunner } from '../pipeline/jobRunner.ts'
import { enqueue, requeue } from '../pipeline/jobQueue.ts'
import { recomputeKeys } from '../pipeline/patternProfile.ts'
import { ACTIVE_STATUSES, type SessionDetail, type SessionStatus, type SessionSummary, type TrendPoint } from '../../shared/contract.ts'
import { parseJson, toDetail, toSummary } from './views.ts'
import type { SessionMetrics } from '../analysis/contract.ts'
import { findSessionIds, type SessionFilter } from './sessionQuery.ts'

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
  ledger: { orderBy: { at: 'asc' } }
} as const

export interface SessionServiceDeps {
  db: Db
  audio: AudioStore
  runner: JobRunner
  now: () => Date
  sessionChanged: (sessionId: string) => void
  sessionDeleted: (sessionId: string) => void
}

/** What the learner does with sessions: record or import, list, open, retry, cancel, re-analyse, delete. */
export class SessionService {
  readonly #d: SessionServiceDeps

  constructor(deps: SessionServiceDeps) {
    this.#d = deps
  }

  /** Creates a session and opens its audio file for streamed chunks. */
  async start(input: { mimeType: string; topic?: string; source?: 'recording' | 'import'; language: string }): Promise<string> {
    const id = randomUUID()
    await this.#d.db.$transaction((tx) =>
      tx.session.create({
        data: { id, status: 'CREATED', audioMime: input.mimeType, topic: input.topic ?? null, source: input.source ?? 'recording', language: input.language }
      })
    )
    this.#d.audio.open(id)
    this.#d.sessionChanged(id)
    return id
  }

  /** Appends a chunk of audio to an open recording. */
  async appendChunk(sessionId: string, seq: number, data: Uint8Array): Promise<number> {
    return this.#d.audio.append(sessionId, seq, data)
  }

  /** Closes the recording: the session becomes UPLOADED and its transcription job is queued in the same transaction. */
  async finish(sessionId: string, durationMs: number): Promise<SessionSummary> {
    const session = await this.#require(sessionId)
    if (session.status !== 'CREATED') throw new SessionError('conflict', 'This recording is already finished.')
    const { path, bytes } = await this.#d.audio.finish(sessionId, session.audioMime ?? 'audio/webm')
    const now = this.#d.now()
    await this.#d.db.$transaction(async (tx) => {
      await tx.session.update({
        where: { id: sessionId },
        data: { status: 'UPLOADED', audioPath: path, audioBytes: bytes, durationMs: durationMs || null }
      })
      await enqueue(tx, sessionId, 'transcribe', now)
    })
    this.#d.sessionChanged(sessionId)
    this.#d.runner.wake()
    return this.summary(sessionId)
  }

  /** Throws away an unfinished recording and its session. */
  async discard(sessionId: string): Promise<void> {
    const session = await this.#require(sessionId)
    if (session.status !== 'CREATED') throw new SessionError('conflict', 'Only a recording in progress can be discarded.')
    await this.#d.audio.discard(sessionId)
    await this.#d.db.$transaction((tx) => tx.session.delete({ where: { id: sessionId } }))
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

  async summary(sessionId: string): Promise<SessionSummary> {
    const row = await this.#d.db.session.findUnique({ where: { id: sessionId }, include: SUMMARY_INCLUDE })
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
    const hasTranscript = (await this.#d.db.transcript.count({ where: { sessionId } })) > 0
    if (!hasTranscript && !session.audioPath) {
      throw new SessionError('conflict', 'The audio of this session was deleted, so it cannot be transcribed again.')
    }
    const now = this.#d.now()
    await this.#d.db.$transaction(async (tx) => {
      const kind = hasTranscript ? 'analyze' : 'transcribe'
      await enqueue(tx, sessionId, kind, now)
      await requeue(tx, sessionId, kind, now)
      await tx.session.update({
        where: { id: sessionId },
        data: { status: hasTranscript ? 'ANALYZING' : 'UPLOADED', errorMessage: null, errorHint: null }
      })
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
      await this.#d.db.$transaction(async (tx) => {
        await tx.job.updateMany({ where: { sessionId, status: 'queued' }, data: { status: 'cancelled', lastError: 'Cancelled.' } })
        await tx.session.update({
          where: { id: sessionId },
          data: { status: 'FAILED', errorMessage: 'Cancelled.', errorHint: 'Retry to process this session again.' }
        })
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
    await this.#d.db.$transaction(async (tx) => {
      await enqueue(tx, sessionId, 'analyze', now)
      await requeue(tx, sessionId, 'analyze', now)
      await tx.session.update({ where: { id: sessionId }, data: { status: 'ANALYZING' } })
    })
    this.#d.sessionChanged(sessionId)
    this.#d.runner.wake()
    return this.summary(sessionId)
  }

  /** Deletes a session, its audio and its rows; the profile loses exactly its contribution. */
  async delete(sessionId: string): Promise<void> {
    const session = await this.#require(sessionId)
    this.#d.runner.abortSession(sessionId)
    await this.#d.audio.discard(sessionId)
    await this.#d.audio.remove(session.audioPath)
    await this.#d.db.$transaction(async (tx) => {
      const keys = await tx.insight.findMany({ where: { sessionId }, select: { patternKey: true } })
      await tx.session.delete({ where: { id: sessionId } })
      await recomputeKeys(tx, keys.map((k) => k.patternKey))
    })
    this.#d.sessionDeleted(sessionId)
  }

  /** Deletes every session, its audio and the profile: the learner's "delete everything". */
  async deleteAll(): Promise<void> {
    const ids = await this.#d.db.session.findMany({ select: { id: true, audioPath: true } })
    for (const { id } of ids) {
      this.#d.runner.abortSession(id)
      await this.#d.audio.discard(id)
    }
    await this.#d.db.$transaction(async (tx) => {
      await tx.session.deleteMany()
      await tx.patternStat.deleteMany()
    })
    await this.#d.audio.sweep(new Set())
    for (const { id } of ids) this.#d.sessionDeleted(id)
  }

  async #require(sessionId: string) {
    const session = await this.#d.db.session.findUnique({ where: { id: sessionId } })
    if (!session) throw new SessionError('not-found', 'That session no longer exists.')
    return session
  }
}
