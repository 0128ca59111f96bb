import type { Db, Tx } from '../db/client.ts'

/** The stages of the pipeline, in order. */
export type JobKind = 'transcribe' | 'analyze'
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled'

export interface JobRow {
  id: string
  kind: JobKind
  sessionId: string
  attempts: number
  maxAttempts: number
}

/** One job per (session, stage): enqueueing twice gives the same row. */
export function idempotencyKey(sessionId: string, kind: JobKind): string {
  return `${sessionId}:${kind}`
}

/** Enqueues a stage inside the caller's transaction; a second enqueue is a no-op. */
export async function enqueue(tx: Tx, sessionId: string, kind: JobKind, now: Date, maxAttempts = 3): Promise<void> {
  const key = idempotencyKey(sessionId, kind)
  await tx.$executeRaw`INSERT INTO "Job" ("id", "kind", "sessionId", "idempotencyKey", "status", "attempts", "maxAttempts", "runAfter", "createdAt", "updatedAt")
    VALUES (${key}, ${kind}, ${sessionId}, ${key}, 'queued', 0, ${maxAttempts}, ${now}, ${now}, ${now})
    ON CONFLICT ("idempotencyKey") DO NOTHING`
}

/** Puts an existing stage back in the queue with fresh attempts (retry, re-analyse). */
export async function requeue(tx: Tx, sessionId: string, kind: JobKind, now: Date): Promise<void> {
  await tx.job.updateMany({
    where: { idempotencyKey: idempotencyKey(sessionId, kind) },
    data: { status: 'queued', attempts: 0, runAfter: now, leaseUntil: null, lastError: null }
  })
}

/**
 * Claims the next due job in one atomic UPDATE … RETURNING: marks it running, counts the
 * attempt and sets its lease. `excludeKinds` skips stages whose provider is paused.
 */
export async function claimNext(db: Db, now: Date, leaseMs: number, excludeKinds: JobKind[]): Promise<JobRow | null> {
  const lease = new Date(now.getTime() + leaseMs)
  const excluded = JSON.stringify(excludeKinds)
  const rows = await db.$transaction((tx) =>
    tx.$queryRaw<JobRow[]>`UPDATE "Job" SET "status" = 'running', "attempts" = "attempts" + 1,
        "leaseUntil" = ${lease}, "updatedAt" = ${now}
      WHERE "id" = (
        SELECT "id" FROM "Job"
        WHERE "status" = 'queued' AND "runAfter" <= ${now}
          AND "kind" NOT IN (SELECT value FROM json_each(${excluded}))
        ORDER BY "runAfter", "createdAt", "id" LIMIT 1)
      RETURNING "id", "kind", "sessionId", "attempts", "maxAttempts"`
  )
  const row = rows[0]
  return row ? { ...row, attempts: Number(row.attempts), maxAttempts: Number(row.maxAttempts) } : null
}

/** The earliest time a queued job becomes due, for the runner's timer. */
export async function nextDueAt(db: Db, excludeKinds: JobKind[]): Promise<Date | null> {
  const job = await db.job.findFirst({
    where: { status: 'queued', kind: { notIn: excludeKinds } },
    orderBy: { runAfter: 'asc' },
    select: { runAfter: true }
  })
  return job?.runAfter ?? null
}

/**
 * At start-up (one runner per data dir) every running job is runnable again. The interrupted
 * attempt still counts, so a job that kills the process every time ends FAILED, not in a loop.
 */
export async function releaseRunning(db: Db, now: Date): Promise<number> {
  const { count } = await db.$transaction((tx) =>
    tx.job.updateMany({ where: { status: 'running' }, data: { status: 'queued', leaseUntil: null, runAfter: now } })
  )
  return count
}
