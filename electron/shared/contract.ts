import './zodConfig.ts'
import { z } from 'zod'
import type { Analysis, SessionMetrics, TimedWord } from '../core/analysis/contract.ts'
import { CHANNELS, EVENT_NAMES, type Channel, type EventName } from './channels.ts'
import { practiceRequests, type PracticeEvents, type PracticeResponses } from './practice.ts'

export type { AttemptStatus, AttemptView, DrillView, HeardMark, ImprovedPart, JudgementView, PatternEvidence, PracticeFocus, RetellView } from './practice.ts'
export { ATTEMPT_MAX_MS, ATTEMPT_MIN_MS, RETELL_MAX_SECONDS, RETELL_MIN_SECONDS } from './practice.ts'

export { CHANNELS, EVENT_NAMES, type Channel, type EventName }

/**
 * The one IPC contract between the renderer and the main process: every channel (`domain:verb`)
 * with its zod request schema and response type, and every event main pushes. Main (and the
 * loopback test bridge) validate with these schemas; the preload exposes exactly these channels.
 */

export const SESSION_STATUSES = ['CREATED', 'UPLOADED', 'TRANSCRIBING', 'ANALYZING', 'DONE', 'FAILED'] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]
export const ACTIVE_STATUSES: readonly SessionStatus[] = ['CREATED', 'UPLOADED', 'TRANSCRIBING', 'ANALYZING']

export const LEVELS = ['A2', 'B1', 'B2', 'C1', 'C2'] as const
export type Level = (typeof LEVELS)[number]

export const AUDIO_MIME_TYPES = ['audio/webm', 'audio/ogg', 'audio/wav', 'audio/mpeg', 'audio/mp4'] as const

const id = z.string().min(1).max(64)

export interface SessionSummary {
  id: string
  status: SessionStatus
  createdAt: string
  updatedAt: string
  completedAt: string | null
  durationMs: number | null
  language: string
  topic: string | null
  errorMessage: string | null
  errorHint: string | null
  /** Where a FAILED session stopped: its transcript is kept when analysis failed. */
  failedStage: 'transcription' | 'analysis' | null
  focusNext: Analysis['focusNext'] | null
  insightCount: number
  wordCount: number | null
}

export interface InsightView {
  id: string
  category: Analysis['insights'][number]['category']
  patternKey: string
  pattern: string
  detail: string
  frequency: number
  severity: Analysis['insights'][number]['severity']
  examples: { quote: string; correction: string }[]
  suggestion: string
}

export interface LedgerView {
  provider: string
  what: string
  bytes: number
  at: string
}

export interface SessionDetail extends SessionSummary {
  summary: string | null
  strengths: string[]
  previousFocus: Analysis['previousFocus']
  insights: InsightView[]
  transcript: { text: string; words: TimedWord[]; wordCount: number } | null
  metrics: SessionMetrics | null
  ledger: LedgerView[]
  audioPresent: boolean
  tokens: { input: number; output: number; cacheRead: number; cacheWrite: number; estimatedCostUsd: number | null } | null
  analysisModel: string | null
}

export interface PatternStatView {
  patternKey: string
  category: string
  label: string
  occurrences: number
  sessions: number
  firstSeenAt: string
  lastSeenAt: string
  /** Occurrences in each of the latest finished sessions, oldest first (0 where it did not appear). */
  trend: number[]
}

/** One DONE session's measurable figures, for the Progress screen. */
export interface TrendPoint {
  id: string
  createdAt: string
  durationMs: number | null
  speakingRate: number
  fillersPerMinute: number
  midClausePausesPerMinute: number
  mattr: number
  mattrLowConfidence: boolean
  focusNext: Analysis['focusNext'] | null
  previousFocus: Analysis['previousFocus']
}

export interface KeyStatus {
  set: boolean
  /** The last four characters, so the learner can tell keys apart; never the key. */
  last4: string | null
}

export const THEMES = ['system', 'light', 'dark'] as const
/** `auto`: the cloud provider while its key is set, on-device otherwise (see core/settings/providers.ts). */
export const TRANSCRIPTION_PROVIDERS = ['auto', 'openai', 'on-device'] as const
export const ANALYSIS_PROVIDERS = ['auto', 'claude', 'on-device'] as const
export type TranscriptionProvider = (typeof TRANSCRIPTION_PROVIDERS)[number]
export type AnalysisProvider = (typeof ANALYSIS_PROVIDERS)[number]

/** The on-device speech models offered (core/localModels/catalog.ts holds their details). */
export const MODEL_IDS = ['tiny', 'tiny.en', 'base', 'base.en', 'small', 'small.en'] as const
export type ModelId = (typeof MODEL_IDS)[number]

export const settingsPatchSchema = z
  .object({
    language: z.string().min(2).max(16),
    firstLanguage: z.string().max(32),
    level: z.enum(LEVELS),
    transcriptionProvider: z.enum(TRANSCRIPTION_PROVIDERS),
    analysisProvider: z.enum(ANALYSIS_PROVIDERS),
    localModel: z.enum(MODEL_IDS),
    analysisModel: z.string().min(1).max(64),
    transcriptionModel: z.string().min(1).max(64),
    retentionDays: z.number().int().min(1).max(365),
    maxRecordingMinutes: z.number().int().min(1).max(120),
    /** Transcribe a recording in stretches while the learner speaks, so feedback comes soon after Stop. */
    transcribeWhileRecording: z.boolean(),
    theme: z.enum(THEMES),
    onboarded: z.boolean()
  })
  .partial()
  .strict()

export type SettingsPatch = z.infer<typeof settingsPatchSchema>
/** Which provider each stage uses once `auto` is decided (core/settings/providers.ts). */
export interface ResolvedProviders {
  transcription: 'openai' | 'on-device'
  analysis: 'claude' | 'on-device'
}

export type PublicSettings = Required<SettingsPatch> & { openaiKey: KeyStatus; anthropicKey: KeyStatus; resolved: ResolvedProviders }

/**
 * Where a model is: `downloading` now, `paused` with part of it on disk (paused, interrupted, or
 * left by an earlier run), `installed` and usable, or `corrupt` (wrong size, not a whisper.cpp
 * file, or a failed checksum check).
 */
export type ModelStatus = 'missing' | 'downloading' | 'paused' | 'installed' | 'corrupt'

/** One on-device model as Settings shows it: the catalog entry, its state on disk and whether it fits. */
export interface ModelView {
  id: ModelId
  sizeBytes: number
  /** Memory whisper.cpp needs to run it. */
  ramBytes: number
  speed: string
  englishOnly: boolean
  status: ModelStatus
  /** Bytes on disk: the installed file, or what the download has so far. */
  bytes: number
  /** While downloading; null otherwise. */
  bytesPerSecond: number | null
  /** False while no SHA-256 is pinned for it: such a model is never downloaded. */
  available: boolean
  /** Why a download cannot start (no pinned checksum, too little disk space or memory); null when it can. */
  blockedReason: string | null
  /** What went wrong with the last download, pause or check; cleared when a new one starts. */
  error: string | null
  /** Grows with every view the core makes: when an answer and a pushed event cross, the higher one is newer. */
  revision: number
}

export interface MachineView {
  freeDiskBytes: number
  totalMemBytes: number
}

/** A deletion the learner asked for, as recorded (never the deleted text). */
export interface DeletionView {
  at: string
  scope: 'session' | 'everything'
  sessionId: string | null
  /** When the deleted session was recorded. */
  sessionCreatedAt: string | null
  sessions: number
  what: string
}

/** How far "delete everything" has got: sessions deleted of `total`, then files, then compacting the database. */
export interface EraseProgress {
  phase: 'sessions' | 'files' | 'compact' | 'done'
  done: number
  total: number
}

export interface AppInfo {
  version: string
  dataDir: string
  platform: string
}

/** Request schemas by channel. */
export const requests = {
  'app:info': z.object({}).strict(),
  'settings:get': z.object({}).strict(),
  'settings:update': settingsPatchSchema,
  'settings:setKey': z
    .object({ provider: z.enum(['openai', 'anthropic']), key: z.string().trim().min(8).max(512).nullable() })
    .strict(),
  'settings:testKey': z.object({ provider: z.enum(['openai', 'anthropic']) }).strict(),
  'recording:start': z
    .object({
      mimeType: z.enum(AUDIO_MIME_TYPES),
      topic: z.string().max(200).optional(),
      source: z.enum(['recording', 'import']).optional()
    })
    .strict(),
  'recording:chunk': z
    .object({ sessionId: id, seq: z.number().int().min(0), data: z.instanceof(Uint8Array) })
    .strict(),
  'recording:finish': z.object({ sessionId: id, durationMs: z.number().int().min(0) }).strict(),
  'recording:discard': z.object({ sessionId: id }).strict(),
  'sessions:list': z
    .object({
      status: z.enum(SESSION_STATUSES).optional(),
      statuses: z.array(z.enum(SESSION_STATUSES)).max(SESSION_STATUSES.length).optional(),
      query: z.string().max(200).optional(),
      from: z.iso.datetime().optional(),
      to: z.iso.datetime().optional(),
      patternKey: z.string().min(1).max(80).optional(),
      limit: z.number().int().min(1).max(500).optional(),
      offset: z.number().int().min(0).optional()
    })
    .strict(),
  'sessions:get': z.object({ id }).strict(),
  'sessions:retry': z.object({ id }).strict(),
  'sessions:cancel': z.object({ id }).strict(),
  'sessions:reanalyze': z.object({ id }).strict(),
  'sessions:delete': z.object({ id }).strict(),
  'profile:get': z.object({}).strict(),
  'progress:trends': z.object({ limit: z.number().int().min(1).max(10_000).optional() }).strict(),
  'data:export': z.object({}).strict(),
  // The literal word guards against a stray call: the renderer sends it only after confirmation.
  'data:deleteAll': z.object({ confirm: z.literal('DELETE') }).strict(),
  'models:list': z.object({}).strict(),
  // Starts a download, or resumes a paused one from where it stopped.
  'models:download': z.object({ id: z.enum(MODEL_IDS) }).strict(),
  'models:pause': z.object({ id: z.enum(MODEL_IDS) }).strict(),
  // Stops a download and deletes what it fetched; an installed model stays.
  'models:cancel': z.object({ id: z.enum(MODEL_IDS) }).strict(),
  'models:delete': z.object({ id: z.enum(MODEL_IDS) }).strict(),
  'models:verify': z.object({ id: z.enum(MODEL_IDS) }).strict(),
  ...practiceRequests
} as const satisfies { [C in Channel]: z.ZodType }

export type Request<C extends Channel> = z.input<(typeof requests)[C]>

/** Response types by channel. */
export interface Responses extends PracticeResponses {
  'app:info': AppInfo
  'settings:get': PublicSettings
  'settings:update': PublicSettings
  'settings:setKey': PublicSettings
  'settings:testKey': { ok: boolean; message: string }
  'recording:start': { sessionId: string }
  'recording:chunk': { bytes: number }
  'recording:finish': SessionSummary
  'recording:discard': { ok: true }
  'sessions:list': { sessions: SessionSummary[]; total: number }
  'sessions:get': SessionDetail
  'sessions:retry': SessionSummary
  'sessions:cancel': SessionSummary
  'sessions:reanalyze': SessionSummary
  'sessions:delete': { ok: true }
  'profile:get': { patterns: PatternStatView[] }
  'progress:trends': { points: TrendPoint[] }
  'data:export': { fileName: string; json: string }
  'data:deleteAll': { ok: true; sessions: number }
  'models:list': { models: ModelView[]; machine: MachineView }
  'models:download': ModelView
  'models:pause': ModelView
  'models:cancel': ModelView
  'models:delete': ModelView
  'models:verify': { ok: boolean; message: string; model: ModelView }
}

/** Events main pushes to the renderer. */
export interface Events extends PracticeEvents {
  'session:updated': SessionSummary
  'session:deleted': { id: string }
  /** How far a running stage has got, 0–100, when its provider can tell (on-device transcription). */
  'session:progress': { id: string; status: 'TRANSCRIBING'; percent: number }
  /** A model's view after any change to its download: progress, pause, failure, install, deletion. */
  'models:progress': ModelView
  /** Each step of "delete everything". */
  'data:deleteProgress': EraseProgress
}
// Every event name has a payload type, and no payload lacks a name.
export const eventsAreComplete: [Exclude<EventName, keyof Events>, Exclude<keyof Events, EventName>] extends [never, never] ? true : never = true

/** What crosses the boundary: a value, or an error the renderer can show. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } }
export type ErrorCode = 'invalid-request' | 'forbidden' | 'not-found' | 'conflict' | 'internal'

/** The API the preload exposes as `window.speakloop` (and the bridge's client script reproduces). */
export type SpeakloopApi = {
  [C in Channel]: (request: Request<C>) => Promise<Result<Responses[C]>>
} & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}
