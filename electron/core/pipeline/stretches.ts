import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Queries } from '../db/sql.ts'
import type { StretchFile } from '../audio/stretches.ts'
import { inspectRecording } from '../audio/inspect.ts'
import type { TimedWord } from '../analysis/contract.ts'
import { NO_SPEECH_MESSAGE, noSpeechError, PipelineError, type TranscriptResult } from '../providers/types.ts'
import { completeJob, type JobRow } from './jobQueue.ts'
import { crashPoint } from './crashPoints.ts'
import { addLedgerEntry, type StageContext } from './stages.ts'
import { stitch } from '../providers/segmentedTranscriber.ts'

/**
 * Transcribing while the learner speaks: a live recording is cut into stretches (audio/stretches.ts),
 * each stretch is a row and a "stretch" job (the job's id is the stretch's id), and once the
 * recording is finished the session's transcribe job transcribes what is left and stitches the
 * stretches into one transcript. A stretch's text lives in its row only until then.
 */
export const STRETCH_JOB = 'stretch'

/**
 * How long a stretch is, by transcription provider: about 30 s on the device (whisper.cpp's own
 * window, so nothing is lost to the cut), a few minutes for the cloud (fewer requests).
 */
export const STRETCH_SECONDS = { 'on-device': 30, openai: 180 } as const

/** How often the transcribe job looks again at a stretch another job is transcribing. */
const RUNNING_POLL_MS = 100

interface StretchRow {
  id: string
  seq: number
  offsetSeconds: number
  seconds: number
  audioPath: string | null
  audioBytes: number
  text: string | null
  words: string | null
  language: string | null
}

/**
 * Records a stretch as it is cut (once: a stretch seen again after a crash keeps its row). Its
 * offset is where the stretches before it end. While the learner is still recording, its job is
 * queued; the last stretch is left to the session's transcribe job.
 */
export function registerStretch(q: Queries, sessionId: string, file: StretchFile, now: Date, options: { queue: boolean }): void {
  if (q.get(`SELECT 1 FROM "Stretch" WHERE "sessionId" = ? AND "seq" = ?`, sessionId, file.seq)) return
  const { end } = q.get<{ end: number }>(
    `SELECT COALESCE(MAX("offsetSeconds" + "seconds"), 0) AS "end" FROM "Stretch" WHERE "sessionId" = ? AND "seq" < ?`,
    sessionId, file.seq
  )!
  const id = randomUUID()
  q.run(
    `INSERT INTO "Stretch" ("id", "sessionId", "seq", "offsetSeconds", "seconds", "audioPath", "audioBytes", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    id, sessionId, file.seq, end, file.seconds, file.path, file.bytes, now
  )
  if (!options.queue) return
  q.run(
    `INSERT INTO "Job" ("id", "kind", "sessionId", "idempotencyKey", "status", "attempts", "maxAttempts", "runAfter", "createdAt", "updatedAt")
      VALUES (?, ?, ?, ?, 'queued', 0, 3, ?, ?, ?)`,
    id, STRETCH_JOB, sessionId, `${sessionId}:${STRETCH_JOB}:${file.seq}`, now, now, now
  )
}

/** Whether a session was recorded in stretches. */
export function hasStretches(q: Queries, sessionId: string): boolean {
  return q.get(`SELECT 1 FROM "Stretch" WHERE "sessionId" = ? LIMIT 1`, sessionId) !== undefined
}

/** The stretch job: transcribes one stretch while the recording goes on. */
export async function runStretch(ctx: StageContext, job: JobRow, signal: AbortSignal, advanced: () => void): Promise<void> {
  const stretch = await ctx.sql.read((q) => q.get<StretchRow>(`SELECT * FROM "Stretch" WHERE "id" = ?`, job.id))
  if (stretch && stretch.text === null) await transcribeStretch(ctx, job.sessionId, stretch, signal, () => advanced(), job.id)
  else await ctx.sql.write((q) => completeJob(q, job.id, ctx.now()))
}

/**
 * The session's transcribe stage for a recording made in stretches: takes over the stretches
 * whose jobs have not started and transcribes them, as many at once as the transcriber's `lanes`
 * allow (a stretch job still running holds one lane until it ends), then any whose job failed
 * meanwhile, and returns the stitched transcript, times counted from the recording's start.
 */
export async function transcribeStretches(
  ctx: StageContext,
  sessionId: string,
  signal: AbortSignal,
  progress: (percent: number) => void
): Promise<{ result: TranscriptResult; provider: string | null }> {
  const lanes = (await ctx.providers.transcriber(await ctx.settings.get())).lanes ?? 1
  const total = await ctx.sql.read((q) => q.get<{ n: number }>(`SELECT count(*) AS "n" FROM "Stretch" WHERE "sessionId" = ?`, sessionId)!.n)
  await takeOverQueuedStretches(ctx, sessionId)
  const running = await runningStretchJobs(ctx, sessionId)
  const pending = await ctx.sql.read((q) =>
    q.all<StretchRow>(
      `SELECT * FROM "Stretch" s WHERE "sessionId" = ? AND "text" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "Job" j WHERE j."id" = s."id" AND j."status" = 'running') ORDER BY "seq"`,
      sessionId
    )
  )
  const first = await transcribeInLanes(ctx, sessionId, pending, { lanes, running, total, signal, progress })
  // A stretch job that failed meanwhile went back to the queue: its stretch is taken over too.
  await takeOverQueuedStretches(ctx, sessionId)
  const left = await ctx.sql.read((q) => q.all<StretchRow>(`SELECT * FROM "Stretch" WHERE "sessionId" = ? AND "text" IS NULL ORDER BY "seq"`, sessionId))
  const provider = (await transcribeInLanes(ctx, sessionId, left, { lanes, running: 0, total, signal, progress })) ?? first
  const stretches = await ctx.sql.read((q) => q.all<StretchRow>(`SELECT * FROM "Stretch" WHERE "sessionId" = ? ORDER BY "seq"`, sessionId))
  const heard = stretches.filter((s) => s.text)
  if (heard.length === 0) throw noSpeechError()
  const result = stitch(
    heard.map((s) => ({
      offset: s.offsetSeconds,
      result: { text: s.text!, words: JSON.parse(s.words ?? '[]') as TimedWord[], segments: [], language: s.language ?? '', durationMs: Math.round(s.seconds * 1000), model: '' }
    }))
  )
  const last = stretches[stretches.length - 1]!
  return { result: { ...result, durationMs: Math.round((last.offsetSeconds + last.seconds) * 1000) }, provider }
}

interface LaneOptions {
  /** How many stretches may be transcribed at once, the stretch jobs still running included. */
  lanes: number
  /** Stretch jobs of the session transcribing now: each holds a lane until it ends. */
  running: number
  /** The session's stretches, for progress. */
  total: number
  signal: AbortSignal
  progress: (percent: number) => void
}

/**
 * Transcribes `stretches` in lanes: the free ones start at once, and each running stretch job
 * frees one when it ends; returns once those jobs have ended too. The first failure stops the
 * other lanes, so none is left running when the stage ends. Returns the provider's name, or null
 * when there was nothing to transcribe.
 */
async function transcribeInLanes(ctx: StageContext, sessionId: string, stretches: StretchRow[], options: LaneOptions): Promise<string | null> {
  const { lanes, running, total, signal, progress } = options
  // Progress counts as done every stretch neither in the list nor in a running job.
  const percents = new Map(stretches.map((s) => [s.id, 0]))
  const report = (id: string, percent: number) => {
    percents.set(id, percent)
    const done = total - stretches.length - running + [...percents.values()].reduce((sum, p) => sum + p / 100, 0)
    progress(Math.floor((done / total) * 100))
  }
  const stop = new AbortController()
  const laneSignal = AbortSignal.any([signal, stop.signal])
  let provider: string | null = null
  let failure = null as { error: unknown } | null
  let next = 0
  const lane = async () => {
    try {
      for (let stretch = stretches[next++]; stretch && !failure; stretch = stretches[next++]) {
        const id = stretch.id
        provider = await transcribeStretch(ctx, sessionId, stretch, laneSignal, (percent) => report(id, percent))
        report(id, 100)
      }
    } catch (error) {
      failure ??= { error }
      stop.abort()
    }
  }
  const open = Array.from({ length: Math.max(0, lanes - running) }, lane)
  for (let busy = running; busy > 0; ) {
    await sleep(RUNNING_POLL_MS, undefined, { signal })
    const now = await runningStretchJobs(ctx, sessionId)
    for (; busy > now; busy--) open.push(lane())
  }
  await Promise.all(open)
  if (failure) throw failure.error
  return provider
}

function runningStretchJobs(ctx: StageContext, sessionId: string): Promise<number> {
  return ctx.sql.read(
    (q) => q.get<{ n: number }>(`SELECT count(*) AS "n" FROM "Job" WHERE "sessionId" = ? AND "kind" = ? AND "status" = 'running'`, sessionId, STRETCH_JOB)!.n
  )
}

/** Cancels the stretch jobs that have not started: the session's transcribe stage does their work now. */
function takeOverQueuedStretches(ctx: StageContext, sessionId: string): Promise<void> {
  return ctx.sql.write((q) => {
    q.run(
      `UPDATE "Job" SET "status" = 'cancelled', "lastError" = 'Taken over by the transcription of the whole session.', "updatedAt" = ?
        WHERE "sessionId" = ? AND "kind" = ? AND "status" = 'queued'`,
      ctx.now(), sessionId, STRETCH_JOB
    )
  })
}

/**
 * Transcribes one stretch and commits its text with its ledger line (and its job, if it has one),
 * then deletes its audio. Silence is an empty stretch, not a failure: the learner paused. A row
 * gone meanwhile (the recording was discarded) commits nothing. Returns the provider's name.
 */
async function transcribeStretch(
  ctx: StageContext,
  sessionId: string,
  stretch: StretchRow,
  signal: AbortSignal,
  onProgress: (percent: number) => void,
  jobId?: string
): Promise<string> {
  const settings = await ctx.settings.get()
  const transcriber = await ctx.providers.transcriber(settings)
  let heard: { text: string; words: TimedWord[]; language: string }
  // A stretch found silent here is never sent, so the ledger has nothing to say about it.
  let sent = false
  try {
    await inspectRecording(stretch.audioPath)
    crashPoint('stretch:before-call')
    signal.throwIfAborted()
    sent = true
    const result = await transcriber.transcribe({ file: stretch.audioPath!, mimeType: 'audio/wav', language: settings.language, signal, onProgress })
    heard = { text: result.text.trim(), words: result.words, language: result.language }
  } catch (error) {
    if (!(error instanceof PipelineError && error.message === NO_SPEECH_MESSAGE)) throw error
    heard = { text: '', words: [], language: settings.language }
  }
  signal.throwIfAborted()
  const now = ctx.now()
  const part = `part ${stretch.seq + 1} of the recording`
  await ctx.sql.write((q) => {
    const { changes } = q.run(
      `UPDATE "Stretch" SET "text" = ?, "words" = ?, "language" = ?, "transcribedAt" = ? WHERE "id" = ? AND "text" IS NULL`,
      heard.text, JSON.stringify(heard.words), heard.language, now, stretch.id
    )
    if (changes > 0 && transcriber.name === 'on-device') addLedgerEntry(q, sessionId, 'on-device transcription', `nothing sent (${part})`, 0, now)
    else if (changes > 0 && sent) addLedgerEntry(q, sessionId, transcriber.name, `audio (${part})`, stretch.audioBytes, now)
    if (jobId) completeJob(q, jobId, now)
  })
  crashPoint('stretch:after-commit')
  await deleteStretchAudio(ctx, sessionId, stretch)
  return transcriber.name
}

/** Deletes a transcribed stretch's audio and records it in the ledger. */
async function deleteStretchAudio(ctx: Pick<StageContext, 'sql' | 'audio' | 'now'>, sessionId: string, stretch: Pick<StretchRow, 'id' | 'seq' | 'audioPath'>): Promise<void> {
  if (!stretch.audioPath) return
  await ctx.audio.remove(stretch.audioPath)
  const now = ctx.now()
  await ctx.sql.write((q) => {
    const { changes } = q.run(`UPDATE "Stretch" SET "audioPath" = NULL WHERE "id" = ? AND "audioPath" IS NOT NULL`, stretch.id)
    if (changes > 0) addLedgerEntry(q, sessionId, 'local', `audio deleted (part ${stretch.seq + 1} of the recording)`, 0, now)
  })
}

/** Start-up repair: a stretch whose text committed but whose audio a crash kept loses its audio now. */
export async function deleteTranscribedStretchAudio(ctx: Pick<StageContext, 'sql' | 'audio' | 'now'>): Promise<void> {
  const stretches = await ctx.sql.read((q) =>
    q.all<{ id: string; sessionId: string; seq: number; audioPath: string }>(
      `SELECT "id", "sessionId", "seq", "audioPath" FROM "Stretch" WHERE "text" IS NOT NULL AND "audioPath" IS NOT NULL`
    )
  )
  for (const stretch of stretches) await deleteStretchAudio(ctx, stretch.sessionId, stretch)
}
