/**
 * Issue 3: Speakloop's own cost per session (database, files, scheduling) through the real core,
 * SQLite file, job runner and stages, with providers that answer instantly.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createCore, type Core } from '../electron/core/app.ts'
import { openDatabase } from '../electron/core/db/client.ts'
import { memorySecretStore } from '../electron/core/settings/secrets.ts'
import type { ProviderFactory } from '../electron/core/pipeline/stages.ts'
import type { TranscriptResult } from '../electron/core/providers/types.ts'
import { toTranscriptResult } from '../electron/core/providers/openaiTranscriber.ts'
import type { Analysis } from '../electron/core/analysis/contract.ts'
import { DEFAULT_TRANSCRIPT, fakeTranscript } from '../tests/support/simulator/transcript.ts'
import { pcmWav } from '../tests/support/audio.ts'
import { median, ratio, round, summarize } from './stats.ts'
import { difference, installSqlProbe, type SqlCounts, type SqlProbe } from './sqlProbe.ts'

export const PIPELINE_TARGET_MS = 5

interface Sizes {
  /** Sessions processed one at a time. */
  sequential: number
  /** How many sessions make "the first" and "the last" of the sequential run. */
  edge: number
  /** Queue lengths compared for throughput. */
  queued: { small: number; large: number }
  /** Sessions run with the SQL probe, to see where the time goes. */
  profiled: number
  warmup: number
}

const FULL: Sizes = { sequential: 1000, edge: 100, queued: { small: 100, large: 1000 }, profiled: 200, warmup: 30 }
const QUICK: Sizes = { sequential: 100, edge: 20, queued: { small: 20, large: 100 }, profiled: 30, warmup: 10 }

const ROOT = resolve(import.meta.dirname, '..')
const CONCURRENCY = 2
/** A quarter second of a 440 Hz tone: small, and loud enough to pass the silence check. */
const WAV = toneWav(0.25)

/** Runs the pipeline benchmark and returns its JSON section. */
export async function benchPipeline(quick: boolean): Promise<Record<string, unknown>> {
  const sizes = quick ? QUICK : FULL
  // The first sessions of a process pay for JIT and Prisma's first queries; keep that out of every figure.
  const warm = await openWorkspace()
  try {
    await runSequential(warm, sizes.warmup)
  } finally {
    await warm.close()
  }

  const sequential = await withWorkspace((ws) => runSequential(ws, sizes.sequential))
  const small = await drainQueue(sizes.queued.small)
  const large = await drainQueue(sizes.queued.large)
  const profile = await profileSessions(sizes.profiled)

  const perSession = sequential.map((s) => s.untilIdleMs)
  const firstMedian = median(perSession.slice(0, sizes.edge))
  const lastMedian = median(perSession.slice(-sizes.edge))
  return {
    setup: {
      providers: `in-process, instant: a fixed transcript (${TRANSCRIPT.words.length} timed words) and a fixed valid analysis`,
      audio: `${WAV.length}-byte WAV in one chunk`,
      database: 'real SQLite file in a temp dir, one fresh data dir per phase',
      runnerConcurrency: CONCURRENCY,
      sizes
    },
    target: {
      medianOverheadMs: PIPELINE_TARGET_MS,
      measuredMedianMs: round(median(perSession)),
      met: median(perSession) < PIPELINE_TARGET_MS,
      note: 'overhead = sequential wall time per session, recording:start → DONE and the runner idle again'
    },
    sequential: {
      sessions: sequential.length,
      perSessionMs: summarize(perSession),
      // recording:start + one chunk; then recording:finish → the DONE event.
      importMs: summarize(sequential.map((s) => s.importMs)),
      finishToDoneMs: summarize(sequential.map((s) => s.finishToDoneMs)),
      flatness: {
        firstMedianMs: round(firstMedian),
        lastMedianMs: round(lastMedian),
        lastOverFirst: ratio(lastMedian, firstMedian),
        target: '≈ 1 (no growth as the database fills)'
      }
    },
    throughput: {
      small,
      large,
      flatness: {
        msPerSessionLargeOverSmall: ratio(large.msPerSession, small.msPerSession),
        importLargeOverSmall: ratio(large.importMs.median, small.importMs.median),
        target: '≈ 1 (no growth with queue length)'
      }
    },
    whereTheTimeGoes: profile
  }
}

// ---------------------------------------------------------------------------------------------

// The production mapper turns the simulator's verbose_json into the transcript the stages get.
const TRANSCRIPT: TranscriptResult = toTranscriptResult(fakeTranscript(DEFAULT_TRANSCRIPT), 'en', 'bench-instant')

/** Quotes are verbatim spans of DEFAULT_TRANSCRIPT, so verification keeps every insight. */
const ANALYSIS: Analysis = {
  summary: 'You kept going and told a clear story. Main pattern to work on: the past tense.',
  strengths: ['You kept going without long stops'],
  insights: [
    {
      category: 'grammar',
      patternKey: 'grammar.past-tense',
      pattern: 'Present form for past events',
      detail: 'Finished events in the past used the present form.',
      frequency: 3,
      severity: 'high',
      examples: [
        { quote: 'Yesterday I go to the market', correction: 'Yesterday I went to the market' },
        { quote: 'after that we go home', correction: 'after that we went home' }
      ],
      suggestion: 'When you say "yesterday", check the verb.'
    },
    {
      category: 'grammar',
      patternKey: 'grammar.auxiliaries',
      pattern: 'Extra "be" before a verb',
      detail: '"I am agree" adds a verb that is not needed.',
      frequency: 1,
      severity: 'medium',
      examples: [{ quote: 'I am agree that the prices is very high', correction: 'I agree that the prices are very high' }],
      suggestion: 'Say "I agree", without "am".'
    },
    {
      category: 'vocabulary',
      patternKey: 'vocabulary.filler-words',
      pattern: 'Fillers',
      detail: '"Um" and "like" fill the pauses.',
      frequency: 3,
      severity: 'low',
      examples: [{ quote: 'Um, we buy some vegetables and, like', correction: 'We bought some vegetables and' }],
      suggestion: 'Pause silently instead of saying "um".'
    }
  ],
  focusNext: { patternKey: 'grammar.past-tense', goal: 'Use the past tense for every finished event in a 3-minute story' },
  previousFocus: null
}
const INSIGHTS_PER_SESSION = ANALYSIS.insights.length

interface Marks {
  transcribeAt: number
  analyzeAt: number
  sqlAtTranscribe: SqlCounts | null
  sqlAtAnalyze: SqlCounts | null
}

/** Providers that answer at once; they note when the pipeline reached them (for the breakdown). */
function instantProviders(marks: Marks, probe: () => SqlProbe | null): ProviderFactory {
  return {
    transcriber: async () => ({
      name: 'bench-transcriber',
      async transcribe() {
        marks.transcribeAt = performance.now()
        marks.sqlAtTranscribe = probe()?.snapshot() ?? null
        return TRANSCRIPT
      }
    }),
    analyzer: async () => ({
      name: 'bench-analyzer',
      async analyze() {
        marks.analyzeAt = performance.now()
        marks.sqlAtAnalyze = probe()?.snapshot() ?? null
        return { analysis: ANALYSIS, model: 'bench-instant', usage: null }
      }
    })
  }
}

interface Workspace {
  core: Core
  marks: Marks
  /** Resolves with the time the session's DONE event went out; rejects if it FAILED. */
  expectDone(sessionId: string): Promise<number>
  close(): Promise<void>
}

/** A real core on a fresh temp data dir with instant providers; `start` false leaves the runner stopped. */
async function openWorkspace(options: { start?: boolean; probe?: () => SqlProbe | null } = {}): Promise<Workspace> {
  const dataDir = mkdtempSync(join(tmpdir(), 'speakloop-bench-'))
  const marks: Marks = { transcribeAt: 0, analyzeAt: 0, sqlAtTranscribe: null, sqlAtAnalyze: null }
  try {
    const core = await createCore({
      dataDir,
      migrationsDir: join(ROOT, 'prisma/migrations'),
      secrets: memorySecretStore({}),
      env: {},
      providers: instantProviders(marks, options.probe ?? (() => null)),
      runner: { concurrency: CONCURRENCY }
    })
    if (options.start !== false) await core.start()
    const waiting = new Map<string, { resolve: (at: number) => void; reject: (error: Error) => void }>()
    const unsubscribe = core.subscribe((event, payload) => {
      if (event !== 'session:updated') return
      const summary = payload as { id: string; status: string; errorMessage?: string | null }
      const waiter = waiting.get(summary.id)
      if (!waiter || (summary.status !== 'DONE' && summary.status !== 'FAILED')) return
      waiting.delete(summary.id)
      if (summary.status === 'DONE') waiter.resolve(performance.now())
      else waiter.reject(new Error(`Session ${summary.id} failed: ${summary.errorMessage ?? ''}`))
    })
    return {
      core,
      marks,
      expectDone: (sessionId) => new Promise((resolve, reject) => waiting.set(sessionId, { resolve, reject })),
      async close() {
        unsubscribe()
        await core.shutdown()
        rmSync(dataDir, { recursive: true, force: true })
      }
    }
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
}

async function withWorkspace<T>(run: (ws: Workspace) => Promise<T>, options?: Parameters<typeof openWorkspace>[0]): Promise<T> {
  const ws = await openWorkspace(options)
  try {
    return await run(ws)
  } finally {
    await ws.close()
  }
}

/** Creates a session the way the renderer does: start, one chunk; returns its id. */
async function startSession(core: Core): Promise<string> {
  const { sessionId } = await core.call('recording:start', { mimeType: 'audio/wav', source: 'import' })
  await core.call('recording:chunk', { sessionId, seq: 0, data: WAV })
  return sessionId
}

interface SessionTiming {
  importMs: number
  finishToDoneMs: number
  untilIdleMs: number
  /** Set when the SQL probe runs. */
  breakdown?: Breakdown
}

interface Breakdown {
  segmentsMs: Record<Segment, number>
  sql: Record<Segment, SqlCounts>
}

const SEGMENTS = ['import', 'finish', 'toTranscriber', 'toAnalyzer', 'toDone', 'toIdle'] as const
type Segment = (typeof SEGMENTS)[number]

/** Imports and processes `count` sessions one at a time, each to DONE and an idle runner. */
async function runSequential(ws: Workspace, count: number, probe?: SqlProbe): Promise<SessionTiming[]> {
  const timings: SessionTiming[] = []
  for (let i = 0; i < count; i++) {
    const sql0 = probe?.snapshot()
    const t0 = performance.now()
    const sessionId = await startSession(ws.core)
    const done = ws.expectDone(sessionId)
    const t1 = performance.now()
    const sql1 = probe?.snapshot()
    await ws.core.call('recording:finish', { sessionId, durationMs: 250 })
    const t2 = performance.now()
    const sql2 = probe?.snapshot()
    const doneAt = await done
    const sql3 = probe?.snapshot()
    await ws.core.waitForIdle()
    const t3 = performance.now()
    const timing: SessionTiming = { importMs: t1 - t0, finishToDoneMs: doneAt - t1, untilIdleMs: t3 - t0 }
    if (probe && sql0 && sql1 && sql2 && sql3 && ws.marks.sqlAtTranscribe && ws.marks.sqlAtAnalyze) {
      const { transcribeAt, analyzeAt, sqlAtTranscribe, sqlAtAnalyze } = ws.marks
      const end = probe.snapshot()
      timing.breakdown = {
        segmentsMs: {
          import: t1 - t0,
          finish: t2 - t1,
          toTranscriber: transcribeAt - t2,
          toAnalyzer: analyzeAt - transcribeAt,
          toDone: doneAt - analyzeAt,
          toIdle: t3 - doneAt
        },
        sql: {
          import: difference(sql1, sql0),
          finish: difference(sql2, sql1),
          toTranscriber: difference(sqlAtTranscribe, sql2),
          toAnalyzer: difference(sqlAtAnalyze, sqlAtTranscribe),
          toDone: difference(sql3, sqlAtAnalyze),
          toIdle: difference(end, sql3)
        }
      }
    }
    timings.push(timing)
  }
  const last = await ws.core.call('sessions:list', { limit: 1 })
  const detail = await ws.core.call('sessions:get', { id: last.sessions[0]!.id })
  if (detail.insights.length !== INSIGHTS_PER_SESSION) throw new Error(`Expected ${INSIGHTS_PER_SESSION} insights, got ${detail.insights.length}.`)
  return timings
}

/** Enqueues `count` sessions with the runner stopped, then starts it and times the drain. */
async function drainQueue(count: number) {
  return withWorkspace(
    async (ws) => {
      const importMs: number[] = []
      const done: Promise<number>[] = []
      for (let i = 0; i < count; i++) {
        const t0 = performance.now()
        const sessionId = await startSession(ws.core)
        done.push(ws.expectDone(sessionId))
        await ws.core.call('recording:finish', { sessionId, durationMs: 250 })
        importMs.push(performance.now() - t0)
      }
      const t0 = performance.now()
      await ws.core.start()
      const startMs = performance.now() - t0
      await Promise.all(done)
      await ws.core.waitForIdle()
      const drainMs = performance.now() - t0
      const { total } = await ws.core.call('sessions:list', { status: 'DONE', limit: 1 })
      if (total !== count) throw new Error(`Expected ${count} DONE sessions, got ${total}.`)
      return {
        queued: count,
        importMs: summarize(importMs),
        startMs: round(startMs),
        drainMs: round(drainMs),
        sessionsPerSecond: round((count / drainMs) * 1000, 1),
        msPerSession: round(drainMs / count)
      }
    },
    { start: false }
  )
}

/** Sessions run with every SQL statement counted and timed, split at the points the pipeline reaches. */
async function profileSessions(count: number) {
  const probe = installSqlProbe()
  try {
    return await withWorkspace(
      async (ws) => {
        const timings = await runSequential(ws, count, probe)
        const breakdowns = timings.flatMap((t) => (t.breakdown ? [t.breakdown] : []))
        const n = breakdowns.length
        const segments = Object.fromEntries(
          SEGMENTS.map((segment) => {
            const sql = breakdowns.map((b) => b.sql[segment])
            return [
              segment,
              {
                medianMs: round(median(breakdowns.map((b) => b.segmentsMs[segment]))),
                statements: round(median(sql.map((s) => s.statements)), 1),
                sqliteMs: round(median(sql.map((s) => s.prepareMs + s.executeMs)))
              }
            ]
          })
        )
        const totals = breakdowns.map((b) => SEGMENTS.reduce((sum, s) => sum + b.segmentsMs[s], 0))
        const whole = breakdowns.flatMap((b) => SEGMENTS.map((s) => b.sql[s]))
        const sum = (pick: (c: SqlCounts) => number) => whole.reduce((total, c) => total + pick(c), 0) / n
        const perSession = (key: 'byVerb' | 'bySql') => {
          const out: Record<string, number> = {}
          for (const c of whole) for (const [k, v] of Object.entries(c[key])) out[k] = (out[k] ?? 0) + v / n
          return Object.fromEntries(Object.entries(out).sort((x, y) => y[1] - x[1]).map(([k, v]) => [k, round(v, 1)]))
        }
        return {
          note:
            'a separate run with every better-sqlite3 prepare/run/all wrapped and timed (the probe adds a little time); ' +
            'segments end where the pipeline reaches the transcriber, the analyzer, the DONE event and an idle runner',
          sessions: n,
          perSessionMs: round(median(totals)),
          statementsPerSession: round(sum((c) => c.statements), 1),
          sqliteMsPerSession: round(sum((c) => c.prepareMs + c.executeMs)),
          sqlitePrepareMsPerSession: round(sum((c) => c.prepareMs)),
          outsideSqliteMsPerSession: round(median(totals) - sum((c) => c.prepareMs + c.executeMs)),
          segments,
          statementsPerSessionByVerb: perSession('byVerb'),
          mostFrequentStatements: Object.fromEntries(Object.entries(perSession('bySql')).slice(0, 12)),
          oneQuery: await oneQueryCost(ws, probe)
        }
      },
      { probe: () => probe }
    )
  } finally {
    probe.uninstall()
  }
}

/**
 * Why the pipeline's hot path skips Prisma: one session row read through Prisma and through the
 * pipeline's `Sql` (the same statement prepared once), on a second connection to the same file.
 */
async function oneQueryCost(ws: Workspace, probe: SqlProbe) {
  const runs = 300
  const { sessions } = await ws.core.call('sessions:list', { limit: 1 })
  const id = sessions[0]!.id
  const other = await openDatabase(join(ws.core.dataDir, 'speakloop.db'), join(ROOT, 'prisma/migrations'))
  try {
    const time = async (read: () => Promise<unknown>) => {
      const before = probe.snapshot()
      const times: number[] = []
      for (let i = 0; i < runs; i++) {
        const start = performance.now()
        await read()
        times.push(performance.now() - start)
      }
      const sqlite = difference(probe.snapshot(), before)
      return { medianMs: round(median(times)), ofWhichSqliteMs: round((sqlite.prepareMs + sqlite.executeMs) / runs) }
    }
    return {
      what: `one Session row by id, median of ${runs}: Prisma findUnique vs the same SELECT through Sql (prepared once)`,
      prisma: await time(() => other.prisma.session.findUnique({ where: { id } })),
      sql: await time(() => other.sql.read((q) => q.get('SELECT * FROM "Session" WHERE "id" = ?', id)))
    }
  } finally {
    await other.close()
  }
}

function toneWav(seconds: number): Uint8Array<ArrayBuffer> {
  const rate = 16_000
  const samples = new Int16Array(Math.round(seconds * rate))
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8_000)
  return Uint8Array.from(pcmWav(samples, rate))
}
