import { randomUUID } from 'node:crypto'
import type { Db } from '../db/client.ts'
import type { AudioStore } from '../audio/audioStore.ts'
import { inspectRecording } from '../audio/inspect.ts'
import type { Settings, SettingsService } from '../settings/settings.ts'
import { InvalidAnalysisResponse, PipelineError, type Transcriber } from '../providers/types.ts'
import type { Analyzer, AnalyzerInput, AnalyzerResult } from '../analysis/types.ts'
import type { SessionMetrics, TimedWord } from '../analysis/contract.ts'
import { computeMetrics, punctuateWords } from '../analysis/metrics.ts'
import { verifyAnalysis } from '../analysis/verify.ts'
import { judgePreviousFocus, overrideWithMetrics, preferPersistentFocus } from '../analysis/closedLoop.ts'
import { enqueue, type JobRow } from './jobQueue.ts'
import { crashPoint } from './crashPoints.ts'
import { addToProfile, recomputeKeys } from './patternProfile.ts'

/**
 * Builds provider clients lazily from the current settings, so a missing key never breaks
 * start-up (and the SDKs load only when a session needs them).
 */
export interface ProviderFactory {
  transcriber(settings: Settings): Promise<Transcriber>
  analyzer(settings: Settings): Promise<Analyzer>
}

/** What a stage needs from the core. */
export interface StageContext {
  db: Db
  audio: AudioStore
  settings: SettingsService
  providers: ProviderFactory
  now: () => Date
  /** Tells listeners a session changed (after its transaction committed). */
  sessionChanged: (sessionId: string) => void
}

/** How many insights a profile summary given to the analyzer lists. */
const PROFILE_TOP = 8

/**
 * Transcribes a session's audio. The transcript, the job's completion and the analysis job
 * commit together; the audio is deleted only after that commit. A re-run that finds the
 * transcript already committed skips the paid call.
 */
export async function runTranscribe(ctx: StageContext, job: JobRow, signal: AbortSignal): Promise<void> {
  const session = await ctx.db.session.findUniqueOrThrow({ where: { id: job.sessionId }, include: { transcript: { select: { id: true } } } })
  if (!session.transcript) {
    await setStatus(ctx, session.id, 'TRANSCRIBING')
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
      signal
    })
    signal.throwIfAborted()
    // Whisper's word timings carry no punctuation; clause boundaries (mid-clause pauses) need it.
    const words = punctuateWords(result.words, result.text)
    const now = ctx.now()
    await ctx.db.$transaction(async (tx) => {
      await tx.transcript.create({
        data: {
          id: randomUUID(),
          sessionId: session.id,
          text: result.text,
          words: JSON.stringify(words),
          wordCount: words.length,
          language: result.language,
          durationMs: result.durationMs
        }
      })
      await tx.ledgerEntry.create({
        data: { id: randomUUID(), sessionId: session.id, provider: transcriber.name, what: 'audio', bytes: session.audioBytes ?? 0, at: now }
      })
      await tx.session.update({ where: { id: session.id }, data: { status: 'ANALYZING', durationMs: session.durationMs || result.durationMs } })
      await tx.job.update({ where: { id: job.id }, data: { status: 'done', leaseUntil: null, lastError: null, updatedAt: now } })
      await enqueue(tx, session.id, 'analyze', now)
    })
  } else {
    const now = ctx.now()
    await ctx.db.$transaction(async (tx) => {
      await tx.job.update({ where: { id: job.id }, data: { status: 'done', leaseUntil: null, updatedAt: now } })
      await tx.session.update({ where: { id: session.id }, data: { status: 'ANALYZING' } })
      await enqueue(tx, session.id, 'analyze', now)
    })
  }
  crashPoint('transcribe:after-commit')
  await deleteTranscribedAudio(ctx, session.id)
  crashPoint('transcribe:after-audio-delete')
  ctx.sessionChanged(session.id)
}

/** Deletes the audio of a session whose transcript is committed, and records it in the ledger. */
export async function deleteTranscribedAudio(ctx: Pick<StageContext, 'db' | 'audio' | 'now'>, sessionId: string): Promise<void> {
  const session = await ctx.db.session.findUnique({ where: { id: sessionId }, select: { audioPath: true } })
  if (!session?.audioPath) return
  await ctx.audio.remove(session.audioPath)
  const now = ctx.now()
  await ctx.db.$transaction([
    ctx.db.session.update({ where: { id: sessionId }, data: { audioPath: null, audioDeletedAt: now } }),
    ctx.db.ledgerEntry.create({ data: { id: randomUUID(), sessionId, provider: 'local', what: 'audio deleted', bytes: 0, at: now } })
  ])
}

/**
 * Analyses a committed transcript: local metrics, the analyzer (with one repair retry for an
 * invalid body), local verification and the closed-loop verdict. Insights, the profile
 * contribution, the session's result and the job's completion commit in one transaction;
 * a re-analysis replaces the session's earlier insights and profile contribution.
 */
export async function runAnalyze(ctx: StageContext, job: JobRow, signal: AbortSignal): Promise<void> {
  const session = await ctx.db.session.findUniqueOrThrow({
    where: { id: job.sessionId },
    include: { transcript: true, insights: { select: { patternKey: true } } }
  })
  if (!session.transcript) throw new PipelineError('permanent', 'This session has no transcript to analyse.', { hint: 'Retry to transcribe it again.' })
  // The transcription commit (or Retry, or Re-analyse) already set ANALYZING; a resumed job may not have.
  if (session.status !== 'ANALYZING') await setStatus(ctx, session.id, 'ANALYZING')
  const words = JSON.parse(session.transcript.words) as TimedWord[]
  const metrics = computeMetrics(words)
  const settings = await ctx.settings.get()
  const input = await analyzerInput(ctx, session.id, session.createdAt, session.transcript.text, words, metrics, settings)
  const analyzer = await ctx.providers.analyzer(settings)
  crashPoint('analyze:before-call')
  signal.throwIfAborted()
  const result = await analyzeWithRepair(analyzer, input, signal)
  signal.throwIfAborted()

  const { analysis } = verifyAnalysis(result.analysis, input.transcript)
  const local = judgePreviousFocus(input.previousFocus, metrics, input.previousMetrics, analysis.insights)
  const previousFocus = overrideWithMetrics(analysis.previousFocus, local)
  const focusNext = preferPersistentFocus(analysis.focusNext, analysis.insights, input.profile, metrics)
  const now = ctx.now()
  const sentBytes = analyzer.name === 'on-device' ? 0 : Buffer.byteLength(input.transcript)
  await ctx.db.$transaction(async (tx) => {
    await tx.insight.deleteMany({ where: { sessionId: session.id } })
    await recomputeKeys(tx, session.insights.map((i) => i.patternKey))
    await tx.insight.createMany({
      data: analysis.insights.map((insight, rank) => ({
        id: randomUUID(),
        sessionId: session.id,
        rank,
        category: insight.category,
        patternKey: insight.patternKey,
        pattern: insight.pattern,
        detail: insight.detail,
        frequency: insight.frequency,
        severity: insight.severity,
        examples: JSON.stringify(insight.examples),
        suggestion: insight.suggestion
      }))
    })
    await addToProfile(tx, analysis.insights, session.createdAt)
    await tx.ledgerEntry.create({
      data: {
        id: randomUUID(),
        sessionId: session.id,
        provider: analyzer.name,
        what: analyzer.name === 'on-device' ? 'nothing sent' : 'transcript',
        bytes: sentBytes,
        at: now
      }
    })
    await tx.session.update({
      where: { id: session.id },
      data: {
        status: 'DONE',
        completedAt: now,
        errorMessage: null,
        errorHint: null,
        summary: analysis.summary,
        strengths: JSON.stringify(analysis.strengths),
        focusNext: JSON.stringify(focusNext),
        previousFocus: previousFocus ? JSON.stringify(previousFocus) : null,
        metrics: JSON.stringify(metrics),
        analysisModel: result.model,
        inputTokens: result.usage?.input ?? null,
        outputTokens: result.usage?.output ?? null,
        cacheReadTokens: result.usage?.cacheRead ?? null,
        cacheWriteTokens: result.usage?.cacheWrite ?? null
      }
    })
    await tx.job.update({ where: { id: job.id }, data: { status: 'done', leaseUntil: null, lastError: null, updatedAt: now } })
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
  const previous = await ctx.db.session.findFirst({
    where: { status: 'DONE', id: { not: sessionId }, createdAt: { lt: createdAt } },
    orderBy: { createdAt: 'desc' },
    select: { focusNext: true, metrics: true }
  })
  const profile = await ctx.db.patternStat.findMany({ orderBy: [{ sessions: 'desc' }, { occurrences: 'desc' }], take: PROFILE_TOP })
  return {
    transcript,
    words,
    metrics,
    language: settings.language,
    firstLanguage: settings.firstLanguage,
    level: settings.level,
    previousFocus: previous?.focusNext ? JSON.parse(previous.focusNext) : null,
    previousMetrics: previous?.metrics ? JSON.parse(previous.metrics) : null,
    profile: profile.map((p) => ({ patternKey: p.patternKey, label: p.label, sessions: p.sessions, occurrences: p.occurrences }))
  }
}

async function setStatus(ctx: StageContext, sessionId: string, status: string): Promise<void> {
  await ctx.db.$transaction((tx) => tx.session.update({ where: { id: sessionId }, data: { status, errorMessage: null, errorHint: null } }))
  ctx.sessionChanged(sessionId)
}
