import { PipelineError } from '../providers/types.ts'
import { claimDue, nextDueAt, pendingJobs, releaseRunning, retryLater, type JobKind, type JobRow } from './jobQueue.ts'
import { runAnalyze, runTranscribe } from './stages.ts'
import { runStretch } from './stretches.ts'
import { failAttempt, runPracticeAttempt, type PracticeStageContext } from '../practice/attempts.ts'

export interface RunnerOptions {
  /** How many jobs run at once. */
  concurrency: number
  /**
   * Per-kind time limit; the job's AbortSignal fires when it passes. A stage that reports a step
   * forward starts it again (on-device transcription of a long recording can take far longer).
   */
  timeoutMs: Record<JobKind, number>
  /** Exponential backoff for transient failures: base × 2^(attempt-1), capped, with full jitter above half. */
  backoff: { baseMs: number; capMs: number }
  random: () => number
  /** While idle, how often to look for jobs another process queued (`speakloop import` beside the app). */
  idlePollMs: number
}

export const DEFAULT_RUNNER_OPTIONS: RunnerOptions = {
  concurrency: 2,
  // A long recording is transcribed in several requests, each with its own 3-minute limit.
  timeoutMs: { transcribe: 20 * 60_000, analyze: 120_000, practice: 180_000, stretch: 10 * 60_000 },
  backoff: { baseMs: 2_000, capMs: 60_000 },
  random: Math.random,
  idlePollMs: 30_000
}

/** Options to override; a per-kind time limit left out keeps its default. */
export type RunnerOverrides = Partial<Omit<RunnerOptions, 'timeoutMs'>> & { timeoutMs?: Partial<RunnerOptions['timeoutMs']> }

type AbortReason = 'timeout' | 'cancel' | 'shutdown'

const STAGES: Record<JobKind, (ctx: PracticeStageContext, job: JobRow, signal: AbortSignal, advanced: () => void) => Promise<void>> = {
  transcribe: runTranscribe,
  analyze: runAnalyze,
  practice: runPracticeAttempt,
  stretch: runStretch
}

/** The delay before attempt `attempt + 1` of a transiently failing job. */
export function backoffDelay(attempt: number, backoff: RunnerOptions['backoff'], random: () => number): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/**
 * The durable job runner: claims due jobs from SQLite, runs their stage with a timeout,
 * and classifies failures (permanent → FAILED now; rate-limited → pause that stage's
 * provider; transient → backoff, then FAILED after the last attempt).
 */
export class JobRunner {
  readonly #ctx: PracticeStageContext
  readonly #options: RunnerOptions
  readonly #running = new Map<string, { job: JobRow; controller: AbortController; done: Promise<void> }>()
  readonly #pausedUntil = new Map<JobKind, number>()
  #idleWaiters: (() => void)[] = []
  #timer: NodeJS.Timeout | null = null
  #pumping: Promise<void> | null = null
  #pumpAgain = false
  #started = false
  #stopping = false

  constructor(ctx: PracticeStageContext, options: RunnerOverrides = {}) {
    this.#ctx = ctx
    this.#options = { ...DEFAULT_RUNNER_OPTIONS, ...options, timeoutMs: { ...DEFAULT_RUNNER_OPTIONS.timeoutMs, ...options.timeoutMs } }
  }

  /** Makes jobs interrupted by a crash runnable again; call once, before start. */
  recover(): Promise<number> {
    return releaseRunning(this.#ctx.sql, this.#ctx.now())
  }

  start(): void {
    this.#started = true
    this.wake()
  }

  /** Looks for due work now (after an enqueue, a retry, or a timer). */
  wake(): void {
    if (!this.#started || this.#stopping) return
    if (this.#pumping) {
      this.#pumpAgain = true
      return
    }
    this.#pumping = this.#pump().finally(() => {
      this.#pumping = null
      if (this.#pumpAgain) {
        this.#pumpAgain = false
        this.wake()
      }
    })
  }

  /** Number of jobs running now. */
  get activeCount(): number {
    return this.#running.size
  }

  /** Resolves when no job is running and none is queued (backoffs included). */
  waitForIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.#idleWaiters.push(resolve)
      this.wake()
      this.#checkIdle().catch(() => undefined)
    })
  }

  /** Aborts the running jobs of a session (a stretch may run beside its transcription); true if one was running. */
  abortSession(sessionId: string): boolean {
    let aborted = false
    for (const entry of this.#running.values()) {
      if (entry.job.sessionId === sessionId) {
        entry.controller.abort('cancel' satisfies AbortReason)
        aborted = true
      }
    }
    return aborted
  }

  /** Stops claiming, aborts jobs in flight (they stay resumable) and waits for them to settle. */
  async shutdown(): Promise<void> {
    this.#stopping = true
    if (this.#timer) clearTimeout(this.#timer)
    await this.#pumping
    for (const entry of this.#running.values()) entry.controller.abort('shutdown' satisfies AbortReason)
    await Promise.allSettled([...this.#running.values()].map((e) => e.done))
  }

  /** Claims and launches due jobs up to the concurrency limit, then sleeps until the next due time. */
  async #pump(): Promise<void> {
    try {
      const free = this.#options.concurrency - this.#running.size
      if (!this.#stopping && free > 0) {
        for (const job of await claimDue(this.#ctx.sql, this.#ctx.now(), this.#leaseMs(), this.#pausedKinds(), free)) this.#launch(job)
      }
      await this.#scheduleTimer()
      await this.#checkIdle()
    } catch (error) {
      if (this.#stopping) return
      // The database was busy: nothing was claimed, so try again shortly.
      console.error('[runner] could not claim jobs:', (error as Error).message)
      this.#timer = setTimeout(() => this.wake(), 1_000)
    }
  }

  #launch(job: JobRow): void {
    const controller = new AbortController()
    const expire = () => controller.abort('timeout' satisfies AbortReason)
    let timeout = setTimeout(expire, this.#options.timeoutMs[job.kind])
    const advanced = () => {
      clearTimeout(timeout)
      timeout = setTimeout(expire, this.#options.timeoutMs[job.kind])
    }
    const done = STAGES[job.kind](this.#ctx, job, controller.signal, advanced)
      .catch((error: unknown) => this.#onFailure(job, error, controller.signal))
      .catch((error: unknown) => {
        // Recording the failure itself failed (e.g. the database closed during shutdown):
        // the job stays `running` and start-up recovery makes it runnable again.
        console.error(`[runner] could not record failure of job ${job.id}:`, (error as Error).message)
      })
      .finally(() => {
        clearTimeout(timeout)
        this.#running.delete(job.id)
        this.wake()
      })
    this.#running.set(job.id, { job, controller, done })
  }

  async #onFailure(job: JobRow, error: unknown, signal: AbortSignal): Promise<void> {
    const reason = signal.aborted ? (signal.reason as AbortReason) : null
    const now = this.#ctx.now()
    if (reason === 'shutdown') {
      await this.#requeue(job, now, job.attempts - 1, null)
      return
    }
    if (reason === 'cancel') {
      await this.#fail(job, new PipelineError('permanent', 'Cancelled.', { hint: 'Retry to process this session again.' }), 'cancelled')
      return
    }
    const failure = reason === 'timeout' ? timeoutError(job.kind) : toPipelineError(error, job.kind)
    if (failure.kind === 'permanent') {
      await this.#fail(job, failure, 'failed')
    } else if (failure.kind === 'rate-limited') {
      const waitMs = failure.retryAfterMs ?? 20_000
      this.#pausedUntil.set(job.kind, now.getTime() + waitMs)
      await this.#requeue(job, new Date(now.getTime() + waitMs), job.attempts - 1, failure.message)
    } else if (job.attempts >= job.maxAttempts) {
      await this.#fail(job, failure, 'failed')
    } else {
      const delay = backoffDelay(job.attempts, this.#options.backoff, this.#options.random)
      await this.#requeue(job, new Date(now.getTime() + delay), job.attempts, failure.message)
    }
  }

  #requeue(job: JobRow, runAfter: Date, attempts: number, lastError: string | null): Promise<void> {
    return retryLater(this.#ctx.sql, job.id, runAfter, attempts, lastError, this.#ctx.now())
  }

  async #fail(job: JobRow, failure: PipelineError, status: 'failed' | 'cancelled'): Promise<void> {
    // A practice attempt fails on its own: its source session stays as it is.
    if (job.kind === 'practice') return failAttempt(this.#ctx, job, failure, status)
    const now = this.#ctx.now()
    // So does a stretch: the session's transcribe job takes over what a stretch job left.
    if (job.kind === 'stretch') {
      await this.#ctx.sql.write((q) =>
        q.run(`UPDATE "Job" SET "status" = ?, "leaseUntil" = NULL, "lastError" = ?, "updatedAt" = ? WHERE "id" = ?`, status, failure.message, now, job.id)
      )
      return
    }
    await this.#ctx.sql.write((q) => {
      q.run(`UPDATE "Job" SET "status" = ?, "leaseUntil" = NULL, "lastError" = ?, "updatedAt" = ? WHERE "id" = ?`, status, failure.message, now, job.id)
      q.run(
        `UPDATE "Session" SET "status" = 'FAILED', "errorMessage" = ?, "errorHint" = ?, "updatedAt" = ? WHERE "id" = ?`,
        failure.message, failure.hint ?? null, now, job.sessionId
      )
    })
    this.#ctx.sessionChanged(job.sessionId)
  }

  #pausedKinds(): JobKind[] {
    const now = this.#ctx.now().getTime()
    return [...this.#pausedUntil].filter(([, until]) => until > now).map(([kind]) => kind)
  }

  #leaseMs(): number {
    return Math.max(...Object.values(this.#options.timeoutMs)) + 30_000
  }

  /** Sleeps until the next queued job is due or a provider pause ends. */
  async #scheduleTimer(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    if (this.#stopping) return
    const now = this.#ctx.now().getTime()
    const due = await nextDueAt(this.#ctx.sql, this.#pausedKinds())
    const times = [...this.#pausedUntil.values()].filter((t) => t > now)
    if (due) times.push(due.getTime())
    if (times.length === 0) {
      // Unref'd: a command-line run that has nothing left to do may exit.
      this.#timer = setTimeout(() => this.wake(), this.#options.idlePollMs)
      this.#timer.unref()
      return
    }
    const delay = Math.min(Math.max(5, Math.min(...times) - now), 2 ** 31 - 1)
    this.#timer = setTimeout(() => this.wake(), delay)
  }

  async #checkIdle(): Promise<void> {
    if (this.#idleWaiters.length === 0 || this.#running.size > 0) return
    const pending = await pendingJobs(this.#ctx.sql)
    if (pending > 0 && !this.#stopping) return
    const waiters = this.#idleWaiters
    this.#idleWaiters = []
    for (const resolve of waiters) resolve()
  }
}

function timeoutError(kind: JobKind): PipelineError {
  const what = kind === 'analyze' ? 'Analysis' : 'Transcription'
  return new PipelineError('transient', `${what} timed out.`, { hint: 'Check your connection; Speakloop will retry.' })
}

/** Anything a stage threw, as a classified failure a learner can read. */
function toPipelineError(error: unknown, kind: JobKind): PipelineError {
  if (error instanceof PipelineError) return error
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (code === 'ENOSPC') {
    return new PipelineError('transient', 'Your disk is full.', { hint: 'Free some disk space, then Retry.', cause: error })
  }
  // Providers throw classified errors already; anything else is our own fault and may pass.
  const stage = kind === 'analyze' ? 'analysing this session' : kind === 'practice' ? 'checking this attempt' : 'transcribing this session'
  return new PipelineError('transient', `Something went wrong while ${stage}.`, {
    hint: 'Speakloop will try again; if it keeps failing, press Retry later.',
    cause: error
  })
}
