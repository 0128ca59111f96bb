import { EventEmitter } from 'node:events'
import { existsSync } from 'node:fs'
import type { z } from 'zod'
import { join } from 'node:path'
import { openDatabase } from './db/client.ts'
import { acquireInstanceLock } from './db/instanceLock.ts'
import { AudioStore, ChunkOrderError } from './audio/audioStore.ts'
import { SettingsService, type Settings } from './settings/settings.ts'
import type { SecretStore } from './settings/secrets.ts'
import { JobRunner, type RunnerOverrides } from './pipeline/jobRunner.ts'
import type { ProviderFactory } from './pipeline/stages.ts'
import { SessionError, SessionService } from './sessions/sessionService.ts'
import { expireFailedAudio, sweepAudio } from './sessions/maintenance.ts'
import { profileView } from './sessions/profileView.ts'
import { exportEverything, exportFileName } from './sessions/exportData.ts'
import { eraseEverything, listDeletions } from './sessions/deletion.ts'
import { PipelineError } from './providers/types.ts'
import { withSegmentedUploads } from './providers/segmentedTranscriber.ts'
import { ModelManager, type ModelCatalogOverride } from './localModels/modelManager.ts'
import { modelPath, modelsDir } from './localModels/modelStore.ts'
import { MODELS, type WhisperModel } from './localModels/catalog.ts'
import { defaultWorker } from './localModels/workerEntry.ts'
import type { WhisperTranscribeOptions } from './localModels/whisperBinding.ts'
import type { SpawnWorker } from './worker/supervisor.ts'
import { resolveProviders } from './settings/providers.ts'
import { PracticeService } from './practice/practiceService.ts'
import { practiceHandlers } from './practice/handlers.ts'
import { attemptView, dropUnfinishedAttempts, readAttempt, sweepAttemptAudio } from './practice/attempts.ts'
import { dropEmptyRetells, retellsOf } from './practice/retell.ts'
import { STRETCH_SECONDS } from './pipeline/stretches.ts'
import { exportPractice } from './practice/exportPractice.ts'
import {
  ACTIVE_STATUSES,
  requests,
  type Channel,
  type ErrorCode,
  type EventName,
  type Events,
  type Request,
  type Responses,
  type Result
} from '../shared/contract.ts'

export interface CoreOptions {
  dataDir: string
  migrationsDir: string
  secrets: SecretStore
  /** Where `OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL` come from. */
  env?: NodeJS.ProcessEnv
  onNotify?: (title: string, body: string) => void
  now?: () => Date
  runner?: RunnerOverrides
  /** Replaces the real provider clients (tests of the core alone). */
  providers?: ProviderFactory
  version?: string
  /** Replaces the model catalog (tests: a small pinned model on a loopback HTTPS server). */
  models?: ModelCatalogOverride
  /** How on-device transcription starts its worker; a forked Node process by default. */
  onDeviceWorker?: OnDeviceWorker
  /** Stretch lengths for transcribing while recording (tests and the bench use short ones). */
  stretchSeconds?: Record<keyof typeof STRETCH_SECONDS, number>
}

export type CoreListener = <E extends EventName>(event: E, payload: Events[E]) => void

export interface Core {
  /** Validates `payload` against the contract's schema for `channel` and runs it; never throws. */
  dispatch(channel: string, payload: unknown): Promise<Result<unknown>>
  /** Typed call for in-process users (CLI, tests); throws on error. */
  call<C extends Channel>(channel: C, request: Request<C>): Promise<Responses[C]>
  /** Subscribes to pushed events; returns an unsubscribe function. */
  subscribe(listener: CoreListener): () => void
  /**
   * Takes the data directory's runner lock, makes interrupted jobs runnable, repairs the audio
   * folder and starts the job runner. Read-only users (CLI listing) never call it.
   */
  start(): Promise<void>
  /** Resolves when no job is running or queued. */
  waitForIdle(): Promise<void>
  /** Stops claiming jobs, aborts in-flight work (left resumable), closes the DB. */
  shutdown(): Promise<void>
  /** True while any session is processing (for the dock/tray badge). */
  processingCount(): number
  readonly sessions: SessionService
  readonly settings: SettingsService
  readonly dataDir: string
}

/** How on-device transcription starts its worker (Electron: utilityProcess; elsewhere a forked Node). */
export interface OnDeviceWorker {
  workerEntry: string
  spawn?: SpawnWorker
  /** whisper.cpp options over the app's own (the bench: no temperature fallback for random weights). */
  whisper?: Partial<WhisperTranscribeOptions>
}

/**
 * The real providers, per stage as the settings and keys decide (resolveProviders): timeouts are
 * long because a 30-minute recording takes a while to transcribe.
 */
export function defaultProviders(
  env: NodeJS.ProcessEnv,
  settings: SettingsService,
  onDevice: { dataDir: string; models?: readonly WhisperModel[]; worker?: OnDeviceWorker } = { dataDir: '.' }
): ProviderFactory {
  const resolve = (current: Settings) => resolveProviders(current, { openai: settings.key('openai') !== null, anthropic: settings.key('anthropic') !== null })
  const modelReady = (current: Settings) => {
    const model = (onDevice.models ?? MODELS).find((m) => m.id === current.localModel)
    return model !== undefined && existsSync(modelPath(onDevice.dataDir, model))
  }
  return {
    async transcriber(current: Settings) {
      // "Automatic" without a key but also without a downloaded model asks for either.
      if (resolve(current).transcription === 'on-device' && (current.transcriptionProvider === 'on-device' || modelReady(current))) {
        const { createOnDeviceTranscriber } = await import('./localModels/localTranscriber.ts')
        return createOnDeviceTranscriber({
          modelsDir: modelsDir(onDevice.dataDir),
          modelId: current.localModel,
          catalog: onDevice.models,
          ...(onDevice.worker ?? defaultWorker())
        })
      }
      const apiKey = settings.key('openai')
      if (!apiKey) {
        throw new PipelineError('permanent', 'Add your OpenAI API key in Settings.', {
          hint: 'Speakloop needs it to transcribe your recording, or download an on-device model in Settings to transcribe on this computer. Then press Retry.'
        })
      }
      const { createOpenAITranscriber, MAX_UPLOAD_BYTES } = await import('./providers/openaiTranscriber.ts')
      return withSegmentedUploads(
        createOpenAITranscriber({ apiKey, baseURL: env.OPENAI_BASE_URL, model: current.transcriptionModel, timeoutMs: 180_000 }),
        { maxBytes: MAX_UPLOAD_BYTES, maxSeconds: 600 }
      )
    },
    async analyzer(current: Settings) {
      const apiKey = settings.key('anthropic')
      if (resolve(current).analysis === 'on-device') {
        const { createOfflineAnalyzer } = await import('./analysis/offline/offlineAnalyzer.ts')
        return createOfflineAnalyzer()
      }
      if (!apiKey) {
        throw new PipelineError('permanent', 'Add your Anthropic API key in Settings.', {
          hint: 'Speakloop needs it for Claude analysis, or choose on-device analysis. Then press Retry.'
        })
      }
      const { createClaudeAnalyzer } = await import('./providers/claudeAnalyzer.ts')
      return createClaudeAnalyzer({ apiKey, baseURL: env.ANTHROPIC_BASE_URL, model: current.analysisModel, timeoutMs: 120_000 })
    },
    async sentenceJudge(current: Settings) {
      const apiKey = settings.key('anthropic')
      if (!apiKey) {
        throw new PipelineError('permanent', 'Sentences of your own are judged by Claude: add your Anthropic API key in Settings.', {
          hint: 'The drills made from your own sentences need no key.'
        })
      }
      const { createClaudeSentenceJudge } = await import('./practice/claudeSentenceJudge.ts')
      return createClaudeSentenceJudge({ apiKey, baseURL: env.ANTHROPIC_BASE_URL, model: current.analysisModel, timeoutMs: 60_000 })
    }
  }
}

/** Opens (and migrates) the data directory and wires the services; the runner starts with `start()`. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? (() => new Date())
  const env = options.env ?? process.env
  const dbFile = join(options.dataDir, 'speakloop.db')
  const { prisma, sql, close } = await openDatabase(dbFile, options.migrationsDir)
  const audio = new AudioStore(options.dataDir)
  const settings = new SettingsService(prisma, options.secrets)
  const emitter = new EventEmitter()
  const active = new Set<string>()

  const emit = <E extends EventName>(event: E, payload: Events[E]) => emitter.emit('event', event, payload)
  const sessionDeleted = (id: string) => {
    active.delete(id)
    emit('session:deleted', { id })
  }
  const sessionChanged = (id: string) => {
    sessions
      .summary(id)
      .then((summary) => {
        const wasActive = active.has(id)
        if (ACTIVE_STATUSES.includes(summary.status)) active.add(id)
        else active.delete(id)
        emit('session:updated', summary)
        if (wasActive && summary.status === 'DONE') options.onNotify?.('Your session is ready', 'Open Speakloop to see your patterns and focus goal.')
        if (wasActive && summary.status === 'FAILED') options.onNotify?.('A session could not be processed', summary.errorMessage ?? '')
      })
      .catch(() => {
        // The session was deleted meanwhile: its deletion event already went out.
      })
  }

  const providers =
    options.providers ?? defaultProviders(env, settings, { dataDir: options.dataDir, models: options.models?.models, worker: options.onDeviceWorker })
  const sessionProgress = (id: string, percent: number) => emit('session:progress', { id, status: 'TRANSCRIBING', percent })
  const attemptChanged = (id: string) => {
    sql
      .read((q) => readAttempt(q, id))
      .then((row) => row && emit('practice:updated', attemptView(row)))
      .catch(() => undefined)
  }
  const ctx = { sql, audio, settings, providers, now, sessionChanged, sessionProgress, attemptChanged }
  const runner = new JobRunner(ctx, options.runner)
  const sessions = new SessionService({ db: prisma, sql, audio, runner, now, sessionChanged, sessionDeleted })
  const practice = new PracticeService({ sql, audio, now, wake: () => runner.wake(), attemptChanged, claudeAvailable: () => settings.key('anthropic') !== null })
  for (const s of await prisma.session.findMany({ where: { status: { in: [...ACTIVE_STATUSES] } }, select: { id: true } })) active.add(s.id)
  let releaseLock: (() => void) | null = null
  let retentionTimer: NodeJS.Timeout | null = null

  const models = new ModelManager({ dataDir: options.dataDir, catalog: options.models, onChange: (view) => emit('models:progress', view) })

  const handlers: { [C in Channel]: (request: z.output<(typeof requests)[C]>) => Promise<Responses[C]> } = {
    'app:info': async () => ({ version: options.version ?? '0.0.0', dataDir: options.dataDir, platform: process.platform }),
    'settings:get': () => settings.publicView(),
    'settings:update': async (patch) => {
      await settings.update(patch)
      return settings.publicView()
    },
    'settings:testKey': async ({ provider }) => {
      const key = settings.key(provider)
      if (!key) return { ok: false, message: `No ${provider === 'openai' ? 'OpenAI' : 'Anthropic'} key is set.` }
      const { checkProviderKey } = await import('./providers/keyCheck.ts')
      return checkProviderKey(provider, key, provider === 'openai' ? env.OPENAI_BASE_URL : env.ANTHROPIC_BASE_URL)
    },
    'settings:setKey': async ({ provider, key }) => {
      settings.setKey(provider, key)
      return settings.publicView()
    },
    'recording:start': async (request) => {
      const current = await settings.publicView()
      const stretchSeconds = current.transcribeWhileRecording ? (options.stretchSeconds ?? STRETCH_SECONDS)[current.resolved.transcription] : undefined
      return { sessionId: await sessions.start({ ...request, language: current.language, stretchSeconds }) }
    },
    'recording:chunk': async ({ sessionId, seq, data }) => ({ bytes: await sessions.appendChunk(sessionId, seq, data) }),
    'recording:finish': ({ sessionId, durationMs }) => sessions.finish(sessionId, durationMs),
    'recording:discard': async ({ sessionId }) => {
      await sessions.discard(sessionId)
      return { ok: true as const }
    },
    'sessions:list': (filter) => sessions.list(filter),
    'sessions:get': ({ id }) => sessions.detail(id),
    'sessions:retry': ({ id }) => sessions.retry(id),
    'sessions:cancel': ({ id }) => sessions.cancel(id),
    'sessions:reanalyze': ({ id }) => sessions.reanalyze(id),
    'sessions:delete': async ({ id }) => {
      // A failed attempt's audio kept for a retry goes with its session (its rows cascade).
      const attemptAudio = await practice.attemptAudio(id)
      const retells = await retellsOf(sql, id)
      await sessions.delete(id)
      for (const path of attemptAudio) await audio.remove(path)
      await dropEmptyRetells(sql, retells)
      return { ok: true as const }
    },
    'progress:trends': async ({ limit }) => ({ points: await sessions.trends(limit) }),
    'profile:get': async () => ({ patterns: await profileView(prisma) }),
    'data:export': async () => {
      const document = await exportEverything(sessions, await settings.publicView(), await profileView(prisma), await exportPractice(sql), await listDeletions(sql), now())
      return { fileName: exportFileName(now()), json: JSON.stringify(document, null, 2) }
    },
    'data:deleteAll': async () => {
      const erased = await eraseEverything({
        sql, audio, dataDir: options.dataDir, dbFile, now,
        abortSession: (id) => runner.abortSession(id),
        sessionDeleted,
        progress: (progress) => emit('data:deleteProgress', progress)
      })
      await settings.reset()
      return { ok: true as const, sessions: erased.sessions }
    },
    'models:list': () => models.list(),
    'models:download': ({ id }) => models.download(id),
    'models:pause': ({ id }) => models.pause(id),
    'models:cancel': ({ id }) => models.cancel(id),
    'models:delete': ({ id }) => models.delete(id),
    'models:verify': ({ id }) => models.verify(id),
    ...practiceHandlers(practice, { sql, now })
  }

  const dispatch = async (channel: string, payload: unknown): Promise<Result<unknown>> => {
    if (!Object.hasOwn(requests, channel)) return failure('invalid-request', `Unknown channel "${String(channel).slice(0, 64)}".`)
    const parsed = requests[channel as Channel].safeParse(payload ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return failure('invalid-request', `Invalid request for ${channel}: ${issue?.path.join('.') || 'payload'} ${issue?.message ?? ''}`.trim())
    }
    try {
      const handler = handlers[channel as Channel] as (request: unknown) => Promise<unknown>
      return { ok: true, value: await handler(parsed.data) }
    } catch (error) {
      return toFailure(error)
    }
  }

  return {
    dispatch,
    async call(channel, request) {
      const result = await dispatch(channel, request)
      if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code })
      return result.value as never
    },
    subscribe(listener) {
      const handler = (event: EventName, payload: Events[EventName]) => listener(event, payload)
      emitter.on('event', handler)
      return () => emitter.off('event', handler)
    },
    async start() {
      releaseLock ??= acquireInstanceLock(join(options.dataDir, 'runner.lock'))
      await runner.recover()
      // A deletion whose checkpoint another process's reader held up leaves old pages in the WAL: empty it now.
      await sql.checkpoint()
      const { retentionDays } = await settings.get()
      await dropUnfinishedAttempts(sql, audio)
      await sweepAudio(sql, audio, now, retentionDays)
      await sweepAttemptAudio(sql, audio, now, retentionDays)
      runner.start()
      // An app left open for days still keeps the retention promise.
      retentionTimer = setInterval(() => {
        settings
          .get()
          .then(async (s) => {
            await expireFailedAudio(sql, audio, now, s.retentionDays)
            await sweepAttemptAudio(sql, audio, now, s.retentionDays)
          })
          .catch(() => undefined)
      }, 60 * 60 * 1000)
      retentionTimer.unref()
    },
    waitForIdle: () => runner.waitForIdle(),
    async shutdown() {
      if (retentionTimer) clearInterval(retentionTimer)
      // A download in progress is paused: its part file resumes at the next start.
      await Promise.all([runner.shutdown(), models.shutdown()])
      await close()
      releaseLock?.()
    },
    processingCount: () => active.size,
    sessions,
    settings,
    dataDir: options.dataDir
  }
}

function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } }
}

/** Known errors keep their message; anything else is an internal error without details. */
function toFailure(error: unknown): Result<never> {
  if (error instanceof SessionError) return failure(error.code, error.message)
  if (error instanceof ChunkOrderError) return failure('conflict', error.message)
  if ((error as NodeJS.ErrnoException)?.code === 'ENOSPC') return failure('internal', 'Your disk is full: free some space and try again.')
  if ((error as Error)?.name === 'SecretStorageUnavailableError') {
    return failure('internal', 'This computer offers no secure storage for keys, so the key was not saved.')
  }
  console.error('[core] request failed:', (error as Error)?.name)
  return failure('internal', 'Something went wrong. Please try again.')
}
