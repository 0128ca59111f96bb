import type { Queries, Sql } from '../db/sql.ts'
import type { AudioStore } from '../audio/audioStore.ts'
import { inspectRecording } from '../audio/inspect.ts'
import { punctuateWords } from '../analysis/metrics.ts'
import { PipelineError } from '../providers/types.ts'
import { completeJob, type JobRow } from '../pipeline/jobQueue.ts'
import { crashPoint } from '../pipeline/crashPoints.ts'
import { addLedgerEntry, type StageContext } from '../pipeline/stages.ts'
import { judgeAttempt, type DrillForms, type Judgement } from './judge.ts'
import { readDrill, type DrillRow } from './drills.ts'
import { verifiedJudgement } from './sentenceJudge.ts'
import { review, type StoredCard } from './scheduler.ts'
import type { AttemptStatus, AttemptView, JudgementView } from '../../shared/practice.ts'

/** The job kind that processes an attempt; its job row's id is the attempt's id. */
export const PRACTICE_JOB = 'practice'

/** The attempt's columns, as `attemptView` needs them. */
export interface AttemptRow {
  id: string
  drillId: string
  sessionId: string
  status: AttemptStatus
  createdAt: string
  judgedAt: string | null
  audioPath: string | null
  audioMime: string | null
  audioBytes: number | null
  heard: string | null
  judgement: string | null
  errorMessage: string | null
  errorHint: string | null
  drillDue: string
}

export const ATTEMPT_COLUMNS = `a."id", a."drillId", a."sessionId", a."status", a."createdAt", a."judgedAt", a."audioPath", a."audioMime",
  a."audioBytes", a."heard", a."judgement", a."errorMessage", a."errorHint", d."due" AS "drillDue"`

/** One attempt with its drill's due date, or undefined. */
export function readAttempt(q: Queries, id: string): AttemptRow | undefined {
  return q.get<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM "DrillAttempt" a JOIN "Drill" d ON d."id" = a."drillId" WHERE a."id" = ?`, id)
}

/** An attempt as the renderer and the CLI see it. */
export function attemptView(row: AttemptRow): AttemptView {
  return {
    id: row.id,
    drillId: row.drillId,
    status: row.status,
    createdAt: new Date(row.createdAt).toISOString(),
    judgedAt: row.judgedAt ? new Date(row.judgedAt).toISOString() : null,
    heard: row.heard,
    judgement: row.judgement ? (JSON.parse(row.judgement) as JudgementView) : null,
    errorMessage: row.errorMessage,
    errorHint: row.errorHint,
    nextDue: row.status === 'JUDGED' ? new Date(row.drillDue).toISOString() : null
  }
}

/** Queues an attempt's job inside the caller's transaction (a retry resets its attempts). */
export function enqueueAttempt(q: Queries, attemptId: string, sessionId: string, now: Date): void {
  const key = `${attemptId}:${PRACTICE_JOB}`
  q.run(
    `INSERT INTO "Job" ("id", "kind", "sessionId", "idempotencyKey", "status", "attempts", "maxAttempts", "runAfter", "createdAt", "updatedAt")
      VALUES (?, ?, ?, ?, 'queued', 0, 3, ?, ?, ?)
      ON CONFLICT ("idempotencyKey") DO UPDATE SET "status" = 'queued', "attempts" = 0, "runAfter" = excluded."runAfter",
        "leaseUntil" = NULL, "lastError" = NULL, "updatedAt" = excluded."updatedAt"`,
    attemptId, PRACTICE_JOB, sessionId, key, now, now, now
  )
}

/** What the attempt stage needs beyond a pipeline stage's context. */
export type PracticeStageContext = StageContext & { attemptChanged?: (attemptId: string) => void }

/**
 * Transcribes one attempt with the session pipeline's transcription provider and judges it. For a
 * drill made from the learner's sentence, the judgement, the drill's new schedule, the ledger line
 * and the job's completion commit together; the audio is deleted after that commit. A free
 * sentence is judged by Claude after its transcript is committed (and its audio deleted), so a
 * retry of a failed judgement never pays for the transcription twice.
 */
export async function runPracticeAttempt(ctx: PracticeStageContext, job: JobRow, signal: AbortSignal): Promise<void> {
  const found = await ctx.sql.read((q) => {
    const attempt = readAttempt(q, job.id)
    return attempt && { attempt, drill: readDrill(q, attempt.drillId) }
  })
  if (!found?.drill) throw new PipelineError('permanent', 'This practice attempt no longer exists.')
  const { attempt, drill } = found
  if (attempt.status === 'JUDGED') {
    await ctx.sql.write((q) => completeJob(q, job.id, ctx.now()))
  } else {
    const settings = await ctx.settings.get()
    let heard = attempt.heard
    if (heard === null) {
      await inspectRecording(attempt.audioPath)
      const transcriber = await ctx.providers.transcriber(settings)
      crashPoint('practice:before-call')
      signal.throwIfAborted()
      const result = await transcriber.transcribe({ file: attempt.audioPath!, mimeType: attempt.audioMime ?? 'audio/webm', language: settings.language, signal })
      signal.throwIfAborted()
      heard = result.text
      const now = ctx.now()
      await ctx.sql.write((q) => {
        if (transcriber.name === 'on-device') addLedgerEntry(q, attempt.sessionId, 'on-device transcription', 'nothing sent (practice attempt)', 0, now)
        else addLedgerEntry(q, attempt.sessionId, transcriber.name, 'practice attempt audio', attempt.audioBytes ?? 0, now)
        if (drill.kind === 'free') {
          q.run(`UPDATE "DrillAttempt" SET "heard" = ? WHERE "id" = ?`, result.text, attempt.id)
          return
        }
        const forms: DrillForms = { expected: JSON.parse(drill.expected), avoid: JSON.parse(drill.avoid) }
        commitJudgement(q, job, attempt.id, drill, judgeAttempt(forms, result.text, punctuateWords(result.words, result.text)), result.text, now)
      })
    }
    if (drill.kind === 'free') {
      await deleteAttemptAudio(ctx, attempt.id)
      if (!ctx.providers.sentenceJudge) throw new PipelineError('permanent', 'Sentences of your own cannot be judged here.')
      const judge = await ctx.providers.sentenceJudge(settings)
      signal.throwIfAborted()
      const raw = await judge.judge({ task: drill.target, patternKey: drill.patternKey, pattern: drill.pattern, transcript: heard }, signal)
      signal.throwIfAborted()
      const now = ctx.now()
      await ctx.sql.write((q) => {
        addLedgerEntry(q, attempt.sessionId, judge.name, 'practice attempt transcript', Buffer.byteLength(heard), now)
        commitJudgement(q, job, attempt.id, drill, verifiedJudgement(raw, heard, drill.pattern), heard, now)
      })
    }
  }
  crashPoint('practice:after-commit')
  await deleteAttemptAudio(ctx, attempt.id)
  ctx.attemptChanged?.(attempt.id)
}

/** The verdict, the drill's next review and the job's completion, in the caller's transaction. */
function commitJudgement(q: Queries, job: JobRow, attemptId: string, drill: DrillRow, judgement: Judgement, heard: string, now: Date): void {
  const card = review(JSON.parse(drill.card) as StoredCard, judgement.passed, now)
  q.run(`UPDATE "Drill" SET "card" = ?, "due" = ? WHERE "id" = ?`, JSON.stringify(card), new Date(card.due), drill.id)
  q.run(
    `UPDATE "DrillAttempt" SET "status" = 'JUDGED', "judgedAt" = ?, "heard" = ?, "passed" = ?, "judgement" = ?,
        "errorMessage" = NULL, "errorHint" = NULL WHERE "id" = ?`,
    now, heard, judgement.passed ? 1 : 0, JSON.stringify(judgement), attemptId
  )
  completeJob(q, job.id, now)
}

/** Marks an attempt FAILED with a readable message (the job runner's last word on a failed practice job). */
export async function failAttempt(ctx: PracticeStageContext, job: JobRow, failure: PipelineError, status: 'failed' | 'cancelled'): Promise<void> {
  const now = ctx.now()
  await ctx.sql.write((q) => {
    q.run(`UPDATE "Job" SET "status" = ?, "leaseUntil" = NULL, "lastError" = ?, "updatedAt" = ? WHERE "id" = ?`, status, failure.message, now, job.id)
    q.run(
      `UPDATE "DrillAttempt" SET "status" = 'FAILED', "errorMessage" = ?, "errorHint" = ? WHERE "id" = ?`,
      failure.message, failure.hint ?? 'Press Retry to try again.', job.id
    )
  })
  ctx.attemptChanged?.(job.id)
}

/** Deletes a transcribed attempt's audio and records it in the source session's ledger. */
export async function deleteAttemptAudio(ctx: Pick<StageContext, 'sql' | 'audio' | 'now'>, attemptId: string): Promise<void> {
  const row = await ctx.sql.read((q) => q.get<{ audioPath: string | null; sessionId: string }>(`SELECT "audioPath", "sessionId" FROM "DrillAttempt" WHERE "id" = ?`, attemptId))
  if (!row?.audioPath) return
  await ctx.audio.remove(row.audioPath)
  const now = ctx.now()
  await ctx.sql.write((q) => {
    q.run(`UPDATE "DrillAttempt" SET "audioPath" = NULL, "audioDeletedAt" = ? WHERE "id" = ?`, now, attemptId)
    addLedgerEntry(q, row.sessionId, 'local', 'practice attempt audio deleted', 0, now)
  })
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The audio promise for attempts, at start-up and hourly: audio of a judged attempt goes (a crash
 * between the commit and the delete), and a failed attempt keeps its audio for a retry for at most
 * `retentionDays`.
 */
export async function sweepAttemptAudio(sql: Sql, audio: AudioStore, now: () => Date, retentionDays: number): Promise<void> {
  const cutoff = new Date(now().getTime() - retentionDays * DAY_MS)
  const stale = await sql.read((q) =>
    q.all<{ id: string }>(
      `SELECT "id" FROM "DrillAttempt" WHERE "audioPath" IS NOT NULL AND ("status" = 'JUDGED' OR ("status" = 'FAILED' AND "createdAt" < ?))`,
      cutoff
    )
  )
  for (const { id } of stale) await deleteAttemptAudio({ sql, audio, now }, id)
}

/** At start-up: an attempt still RECORDING was cut off by a crash; a 3-30 s try is dropped, not kept. */
export async function dropUnfinishedAttempts(sql: Sql, audio: AudioStore): Promise<void> {
  const unfinished = await sql.read((q) => q.all<{ id: string }>(`SELECT "id" FROM "DrillAttempt" WHERE "status" = 'RECORDING'`))
  for (const { id } of unfinished) {
    await audio.discard(id)
    await sql.write((q) => q.run(`DELETE FROM "DrillAttempt" WHERE "id" = ? AND "status" = 'RECORDING'`, id))
  }
}
