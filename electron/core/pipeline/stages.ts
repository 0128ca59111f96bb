import { randomUUID } from 'node:crypto'
import { fromSqlDate, type Queries, type Sql } from '../db/sql.ts'
import type { AudioStore } from '../audio/audioStore.ts'
import { inspectRecording } from '../audio/inspect.ts'
import type { Settings, SettingsService } from '../settings/settings.ts'
import { InvalidAnalysisResponse, PipelineError, type TranscriptResult, type Transcriber } from '../providers/types.ts'
import type { Analyzer, AnalyzerInput, AnalyzerResult } from '../analysis/types.ts'
import type { FocusNext, SessionMetrics, TimedWord } from '../analysis/contract.ts'
import { computeMetrics, punctuateWords } from '../analysis/metrics.ts'
import { verifyAnalysis } from '../analysis/verify.ts'
import { judgePreviousFocus, overrideWithMetrics, preferPersistentFocus } from '../analysis/closedLoop.ts'
import { judgedWordCount, MIN_JUDGED_WORDS, TOO_LITTLE_SPEECH_MODEL, tooLittleSpeech } from '../analysis/tooLittleSpeech.ts'
import { completeJob, enqueue, type JobRow } from './jobQueue.ts'
import { crashPoint } from './crashPoints.ts'
import { hasStretches, transcribeStretches } from './stretches.ts'
import { addToProfile, recomputeKeys } from './patternProfile.ts'
import { planDrills, writeDrills } from '../practice/drills.ts'
import { citeDrills, drillEvidence } from '../practice/focusEvidence.ts'
import type { SentenceJudge } from '../practice/sentenceJudge.ts'

/**
 * Builds provider clients lazily from the current settings, so a missing key never breaks
 * start-up (and the SDKs load only when a session needs them).
 */
export interface ProviderFactory {
  transcriber(settings: Settings): Promise<Transcriber>
  analyzer(settings: Settings): Promise<Analyzer>
  /** Claude's judge of free-sentence drills; absent where no such drill can run. */
  sentenceJudge?(settings: Settings): Promise<SentenceJudge>
}

/** What a stage needs from the core. */
export interface StageContext {
  sql: Sql
  audio: AudioStore
  settings: SettingsService
  providers: ProviderFactory
  now: () => Date
  /** Tells listeners a session changed (after its transaction committed). */
  sessionChanged: (sessionId: string) => void
  /** Tells listeners how far a session's transcription is, 0–100, when its provider reports it. */
  sessionProgress?: (sessionId: string, percent: number) => void
}

/** How many insights a profile summary given to the analyzer lists. */
const PROFILE_TOP = 8

/**
 * Transcribes a session's audio. The transcript, the job's completion and the analysis job
 * commit together; the audio is deleted only after that commit. A re-run that finds the
 * transcript already committed skips the paid call. Each step forward the provider reports is
 * passed on and calls `advanced`, which keeps the job's time limit from running out while it moves.
 */
export async function runTranscribe(ctx: StageContext, job: JobRow, signal: AbortSignal, advanced: () => void = () => undefined): Promise<void> {
  const session = await ctx.sql.read((q) =>
    q.get<{ id: string; audioPath: string | null; audioMime: string | null; audioBytes: number | null; durationMs: number | null; transcribed: number }>(
      `SELECT "id", "audioPath", "audioMime", "audioBytes", "durationMs",
          EXISTS (SELECT 1 FROM "Transcript" t WHERE t."sessionId" = s."id") AS "transcribed"
        FROM "Session" s WHERE "id" = ?`,
      job.sessionId
    )
  )
  if (!session) throw new PipelineError('permanent', 'This session no longer exists.')
  if (!session.transcribed) {
    await setStatus(ctx, session.id, 'TRANSCRIBING')
    let reached = -1
    const progress = (percent: number) => {
      // Only a step forward counts: a provider repeating itself must not hold the job open.
      if (percent <= reached || signal.aborted) return
      reached = percent
      advanced()
      ctx.sessionProgress?.(session.id, percent)
    }
    const stretched = await ctx.sql.read((q) => hasStretches(q, session.id))
    const { result, provider } = stretched
      ? await transcribeStretches(ctx, session.id, signal, progress)
      : await transcribeWhole(ctx, session, signal, progress)
    signal.throwIfAborted()
    // Whisper's word timings carry no punctuation; clause boundaries (mid-clause pauses) need it.
    const words = punctuateWords(result.words, result.text)
    const now = ctx.now()
    await ctx.sql.write((q) => {
      q.run(
        `INSERT INTO "Transcript" ("id", "sessionId", "text", "words", "wordCount", "language", "durationMs", "createdAt")
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        randomUUID(), session.id, result.text, JSON.stringify(words), words.length, result.language, result.durationMs, now
      )
      // A stretched recording's ledger has a line per stretch already; its stretches' text goes now.
      if (stretched) q.run(`DELETE FROM "Stretch" WHERE "sessionId" = ?`, session.id)
      else if (provider === 'on-device') addLedgerEntry(q, session.id, 'on-device transcription', 'nothing sent', 0, now)
      else addLedgerEntry(q, session.id, provider!, 'audio', session.audioBytes ?? 0, now)
      q.run(
        `UPDATE "Session" SET "status" = 'ANALYZING', "durationMs" = ?, "updatedAt" = ? WHERE "id" = ?`,
        session.durationMs || result.durationMs, now, session.id
      )
      completeJob(q, job.id, now)
      enqueue(q, session.id, 'analyze', now)
    })
  } else {
    const now = ctx.now()
    await ctx.sql.write((q) => {
      completeJob(q, job.id, now)
      q.run(`UPDATE "Session" SET "status" = 'ANALYZING', "updatedAt" = ? WHERE "id" = ?`, now, session.id)
      enqueue(q, session.id, 'analyze', now)
    })
  }
  crashPoint('transcribe:after-commit')
  await deleteTranscribedAudio(ctx, session.id)
  crashPoint('transcribe:after-audio-delete')
  ctx.sessionChanged(session.id)
}

/** Transcribes a session recorded in one file. */
async function transcribeWhole(
  ctx: StageContext,
  session: { audioPath: string | null; audioMime: string | null },
  signal: AbortSignal,
  progress: (percent: number) => void
): Promise<{ result: TranscriptResult; provider: string }> {
  await inspectRecording(session.audioPath)
  const settings = await ctx.settings.get()
  const transcriber = await ctx.providers.transcriber(settings)
  crashPoint('transcribe:before-call')
  // A cancel that arrived while the client was being built must stop here: an SDK handed an
  // already-aborted signal sends the request anyway.
  signal.throwIfAborted()
  const result = await transcriber.transcribe({
    file: session.audioPath!,
    mimeType: session.audioMime ?? 'audio/webm',
    language: settings.language,
    signal,
    onProgress: progress
  })
  return { result, provider: transcriber.name }
}

/** Deletes the audio of a session whose transcript is committed, and records it in the ledger. */
export async function deleteTranscribedAudio(ctx: Pick<StageContext, 'sql' | 'audio' | 'now'>, sessionId: string): Promise<void> {
  const session = await ctx.sql.read((q) => q.get<{ audioPath: string | null }>(`SELECT "audioPath" FROM "Session" WHERE "id" = ?`, sessionId))
  if (!session?.audioPath) return
  await ctx.audio.remove(session.audioPath)
  const now = ctx.now()
  await ctx.sql.write((q) => {
    q.run(`UPDATE "Session" SET "audioPath" = NULL, "audioDeletedAt" = ?, "updatedAt" = ? WHERE "id" = ?`, now, now, sessionId)
    addLedgerEntry(q, sessionId, 'local', 'audio deleted', 0, now)
  })
}

/** One line of the privacy ledger: what left (or did not leave) the machine for a session. */
export function addLedgerEntry(q: Queries, sessionId: string, provider: string, what: string, bytes: number, at: Date): void {
  q.run(
    `INSERT INTO "LedgerEntry" ("id", "sessionId", "provider", "what", "bytes", "at") VALUES (?, ?, ?, ?, ?, ?)`,
    randomUUID(), sessionId, provider, what, bytes, at
  )
}

/**
 * Analyses a committed transcript: local metrics, the analyzer (with one repair retry for an
 * invalid body), local verification and the closed-loop verdict. Insights, the profile
 * contribution, the session's result and the job's completion commit in one transaction;
 * a re-analysis replaces the session's earlier insights and profile contribution.
 */
export async function runAnalyze(ctx: StageContext, job: JobRow, signal: AbortSignal): Promise<void> {
  const session = await ctx.sql.read((q) => {
    const row = q.get<{ id: string; status: string; createdAt: string; text: string | null; words: string | null }>(
      `SELECT s."id", s."status", s."createdAt", t."text", t."words"
        FROM "Session" s LEFT JOIN "Transcript" t ON t."sessionId" = s."id" WHERE s."id" = ?`,
      job.sessionId
    )
    const keys = q.all<{ patternKey: string }>(`SELECT "patternKey" FROM "Insight" WHERE "sessionId" = ?`, job.sessionId)
    return row && { ...row, createdAt: new Date(row.createdAt), earlierKeys: keys.map((k) => k.patternKey) }
  })
  if (!session) throw new PipelineError('permanent', 'This session no longer exists.')
  if (session.text === null || session.words === null) {
    throw new PipelineError('permanent', 'This session has no transcript to analyse.', { hint: 'Retry to transcribe it again.' })
  }
  // The transcription commit (or Retry, or Re-analyse) already set ANALYZING; a resumed job may not have.
  if (session.status !== 'ANALYZING') await setStatus(ctx, session.id, 'ANALYZING')
  const words = JSON.parse(session.words) as TimedWord[]
  const metrics = computeMetrics(words)
  const settings = await ctx.settings.get()
  const input = await analyzerInput(ctx, session.id, session.createdAt, session.text, words, metrics, settings)
  // Too few words for anyone to judge, Claude included: no analyzer is asked (nothing leaves the
  // machine, nothing is paid for), and the session says so, with no goal and no verdict.
  const judgedWords = judgedWordCount(session.text, words)
  const analyzer = judgedWords < MIN_JUDGED_WORDS ? null : await ctx.providers.analyzer(settings)
  crashPoint('analyze:before-call')
  signal.throwIfAborted()
  const result: AnalyzerResult = analyzer
    ? await analyzeWithRepair(analyzer, input, signal)
    : { analysis: tooLittleSpeech(judgedWords), model: TOO_LITTLE_SPEECH_MODEL, usage: null }
  signal.throwIfAborted()

  const { analysis } = verifyAnalysis(result.analysis, input.transcript)
  // An analysis without a goal is one too short to judge (here, or by the on-device checks' own
  // count): it gives no verdict either, so the goal in force stays for the next session to judge.
  const judgeable = analysis.focusNext !== null
  const local = judgeable ? judgePreviousFocus(input.previousFocus, metrics, input.previousMetrics, analysis.insights) : null
  const judged = judgeable ? overrideWithMetrics(analysis.previousFocus, local) : null
  const previousFocus = judged && { ...judged, evidence: citeDrills(judged.evidence, input.focusDrills) }
  const focusNext = analysis.focusNext && preferPersistentFocus(analysis.focusNext, analysis.insights, input.profile, metrics)
  const now = ctx.now()
  const drills = planDrills(session.id, analysis.insights, input.transcript, now)
  // Where the transcript went for analysis: nowhere when it ran on this computer or no analyzer was asked.
  const sentTo = analyzer && analyzer.name !== 'on-device' ? analyzer.name : null
  await ctx.sql.write((q) => {
    q.run(`DELETE FROM "Insight" WHERE "sessionId" = ?`, session.id)
    recomputeKeys(q, session.earlierKeys)
    analysis.insights.forEach((insight, rank) => {
      q.run(
        `INSERT INTO "Insight" ("id", "sessionId", "rank", "category", "patternKey", "pattern", "detail", "frequency", "severity", "examples", "suggestion")
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        randomUUID(), session.id, rank, insight.category, insight.patternKey, insight.pattern, insight.detail,
        insight.frequency, insight.severity, JSON.stringify(insight.examples), insight.suggestion
      )
    })
    addToProfile(q, analysis.insights, session.createdAt)
    writeDrills(q, drills)
    if (sentTo) addLedgerEntry(q, session.id, sentTo, 'transcript', Buffer.byteLength(input.transcript), now)
    else addLedgerEntry(q, session.id, 'on-device analysis', 'nothing sent', 0, now)
    q.run(
      `UPDATE "Session" SET "status" = 'DONE', "completedAt" = ?, "errorMessage" = NULL, "errorHint" = NULL, "summary" = ?,
          "strengths" = ?, "focusNext" = ?, "previousFocus" = ?, "metrics" = ?, "analysisModel" = ?, "inputTokens" = ?,
          "outputTokens" = ?, "cacheReadTokens" = ?, "cacheWriteTokens" = ?, "updatedAt" = ?
        WHERE "id" = ?`,
      now, analysis.summary, JSON.stringify(analysis.strengths), focusNext ? JSON.stringify(focusNext) : null,
      previousFocus ? JSON.stringify(previousFocus) : null, JSON.stringify(metrics), result.model,
      result.usage?.input ?? null, result.usage?.output ?? null, result.usage?.cacheRead ?? null, result.usage?.cacheWrite ?? null,
      now, session.id
    )
    completeJob(q, job.id, now)
  })
  crashPoint('analyze:after-commit')
  ctx.sessionChanged(session.id)
}

/** One repair retry for a body that did not match the contract, then a permanent failure. */
async function analyzeWithRepair(analyzer: Analyzer, input: AnalyzerInput, signal: AbortSignal): Promise<AnalyzerResult> {
  try {
    return await analyzer.analyze(input, signal)
  } catch (error) {
    if (!(error instanceof InvalidAnalysisResponse)) throw error
  }
  signal.throwIfAborted()
  try {
    return await analyzer.analyze(input, signal)
  } catch (error) {
    if (!(error instanceof InvalidAnalysisResponse)) throw error
    throw new PipelineError('permanent', 'The analysis came back invalid twice.', {
      hint: 'Your transcript is saved: try Re-analyse later, or switch to on-device analysis in Settings.',
      cause: error
    })
  }
}

/** The learner's context for the analyzer: settings, the previous focus and the profile. */
async function analyzerInput(
  ctx: StageContext,
  sessionId: string,
  createdAt: Date,
  transcript: string,
  words: TimedWord[],
  metrics: SessionMetrics,
  settings: Settings
): Promise<AnalyzerInput> {
  const { previous, previousFocus, profile, focusDrills } = await ctx.sql.read((q) => {
    // The goal in force is the latest one set: a session too short to judge sets none and leaves it
    // standing, so a one-word slip of the record button does not cost the learner their goal. The
    // metrics compared with are those of the session that set it.
    const previous = q.get<{ focusNext: string | null; metrics: string | null; createdAt: string }>(
      `SELECT "focusNext", "metrics", "createdAt" FROM "Session"
        WHERE "status" = 'DONE' AND "focusNext" IS NOT NULL AND "id" <> ? AND "createdAt" < ?
        ORDER BY "createdAt" DESC LIMIT 1`,
      sessionId, createdAt
    )
    const previousFocus = previous?.focusNext ? (JSON.parse(previous.focusNext) as FocusNext) : null
    return {
      previous,
      previousFocus,
      profile: q.all<{ patternKey: string; label: string; sessions: number; occurrences: number }>(
        `SELECT "patternKey", "label", "sessions", "occurrences" FROM "PatternStat" ORDER BY "sessions" DESC, "occurrences" DESC LIMIT ?`,
        PROFILE_TOP
      ),
      // The drills practised on that focus between the two sessions, for the verdict to cite.
      focusDrills: previousFocus && drillEvidence(q, previousFocus.patternKey, fromSqlDate(previous!.createdAt), createdAt)
    }
  })
  return {
    transcript,
    words,
    metrics,
    language: settings.language,
    firstLanguage: settings.firstLanguage,
    level: settings.level,
    previousFocus,
    previousMetrics: previous?.metrics ? JSON.parse(previous.metrics) : null,
    focusDrills,
    profile: profile.map((p) => ({ patternKey: p.patternKey, label: p.label, sessions: p.sessions, occurrences: p.occurrences }))
  }
}

async function setStatus(ctx: StageContext, sessionId: string, status: string): Promise<void> {
  const now = ctx.now()
  await ctx.sql.write((q) =>
    q.run(`UPDATE "Session" SET "status" = ?, "errorMessage" = NULL, "errorHint" = NULL, "updatedAt" = ? WHERE "id" = ?`, status, now, sessionId)
  )
  ctx.sessionChanged(sessionId)
}
