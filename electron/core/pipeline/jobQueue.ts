import type { Queries, Sql } from '../db/sql.ts'

/**
 * The stages of the pipeline, in order, a practice attempt (its job id is the attempt's id) and a
 * stretch of a recording transcribed while it goes on (its job id is the stretch's id).
 */
export type JobKind = 'transcribe' | 'analyze' | 'practice' | 'stretch'
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled'

/** The stages a session has one job each of. */
export type PipelineStage = 'transcribe' | 'analyze'

export interface JobRow {
  id: string
  kind: JobKind
  sessionId: string
  attempts: number
  maxAttempts: number
}

/** One job per (session, stage): enqueueing twice gives the same row. */
export function idempotencyKey(sessionId: string, kind: PipelineStage): string {
  return `${sessionId}:${kind}`
}

/** Enqueues a stage inside the caller's transaction; a second enqueue is a no-op. */
export function enqueue(q: Queries, sessionId: string, kind: PipelineStage, now: Date, maxAttempts = 3): void {
  const key = idempotencyKey(sessionId, kind)
  q.run(
    `INSERT INTO "Job" ("id", "kind", "sessionId", "idempotencyKey", "status", "attempts", "maxAttempts", "runAfter", "createdAt", "updatedAt")
      VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?)
      ON CONFLICT ("idempotencyKey") DO NOTHING`,
    key, kind, sessionId, key, maxAttempts, now, now, now
  )
}

/** Puts a stage in the queue with fresh attempts, creating it if needed (retry, re-analyse). */
export function requeue(q: Queries, sessionId: string, kind: PipelineStage, now: Date): void {
  enqueue(q, sessionId, kind, now)
  q.run(
    `UPDATE "Job" SET "status" = 'queued', "attempts" = 0, "runAfter" = ?, "leaseUntil" = NULL, "lastError" = NULL, "updatedAt" = ?
      WHERE "idempotencyKey" = ?`,
    now, now, idempotencyKey(sessionId, kind)
  )
}

/** Marks a job done in the caller's transaction (the one that commits the stage's result). */
export function completeJob(q: Queries, jobId: string, now: Date): void {
  q.run(`UPDATE "Job" SET "status" = 'done', "leaseUntil" = NULL, "lastError" = NULL, "updatedAt" = ? WHERE "id" = ?`, now, jobId)
}

/**
 * Claims up to `limit` due jobs, oldest first, in one atomic UPDATE … RETURNING: marks them
 * running, counts the attempt and sets the lease. `excludeKinds` skips stages whose provider
 * is paused. One statement for every free slot, so a runner with nothing to do learns it from
 * one empty claim.
 */
export function claimDue(sql: Sql, now: Date, leaseMs: number, excludeKinds: JobKind[], limit: number): Promise<JobRow[]> {
  const lease = new Date(now.getTime() + leaseMs)
  return sql.write((q) =>
    q.all<JobRow>(
      `UPDATE "Job" SET "status" = 'running', "attempts" = "attempts" + 1, "leaseUntil" = ?, "updatedAt" = ?
        WHERE "id" IN (
          SELECT "id" FROM "Job"
          WHERE "status" = 'queued' AND "runAfter" <= ?
            AND "kind" NOT IN (SELECT value FROM json_each(?))
          ORDER BY "runAfter", "createdAt", "id" LIMIT ?)
        RETURNING "id", "kind", "sessionId", "attempts", "maxAttempts"`,
      lease, now, now, JSON.stringify(excludeKinds), limit
    )
  )
}

/** The earliest time a queued job becomes due, for the runner's timer. */
export async function nextDueAt(sql: Sql, excludeKinds: JobKind[]): Promise<Date | null> {
  const row = await sql.read((q) =>
    q.get<{ runAfter: string }>(
      `SELECT "runAfter" FROM "Job" WHERE "status" = 'queued' AND "kind" NOT IN (SELECT value FROM json_each(?))
        ORDER BY "runAfter" LIMIT 1`,
      JSON.stringify(excludeKinds)
    )
  )
  return row ? new Date(row.runAfter) : null
}

/** How many jobs are queued or running. */
export function pendingJobs(sql: Sql): Promise<number> {
  return sql.read((q) => q.get<{ n: number }>(`SELECT count(*) AS "n" FROM "Job" WHERE "status" IN ('queued', 'running')`)!.n)
}

/**
 * At start-up (one runner per data dir) every running job is runnable again. The interrupted
 * attempt still counts, so a job that kills the process every time ends FAILED, not in a loop.
 */
export function releaseRunning(sql: Sql, now: Date): Promise<number> {
  return sql.write(
    (q) => q.run(`UPDATE "Job" SET "status" = 'queued', "leaseUntil" = NULL, "runAfter" = ?, "updatedAt" = ? WHERE "status" = 'running'`, now, now).changes
  )
}

/** Puts a job that failed transiently (or was interrupted) back in the queue. */
export function retryLater(sql: Sql, jobId: string, runAfter: Date, attempts: number, lastError: string | null, now: Date): Promise<void> {
  return sql.write((q) => {
    q.run(
      `UPDATE "Job" SET "status" = 'queued', "runAfter" = ?, "attempts" = ?, "leaseUntil" = NULL, "lastError" = ?, "updatedAt" = ? WHERE "id" = ?`,
      runAfter, Math.max(0, attempts), lastError, now, jobId
    )
  })
}
