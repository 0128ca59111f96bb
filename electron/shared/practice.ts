import './zodConfig.ts'
import { z } from 'zod'

/**
 * The practice part of the IPC contract (contract.ts spreads these into its maps): drills made from
 * verified examples, spoken attempts at them, and the evidence they give beside each pattern.
 */

export const ATTEMPT_STATUSES = ['RECORDING', 'TRANSCRIBING', 'JUDGED', 'FAILED'] as const
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number]

/** The recorder's limits for a drill attempt. */
export const ATTEMPT_MIN_MS = 3_000
export const ATTEMPT_MAX_MS = 30_000

export interface DrillView {
  id: string
  /** `repeat`: say the corrected sentence (judged on the device); `free`: a sentence of one's own (judged by Claude). */
  kind: 'repeat' | 'free'
  sessionId: string
  /** When the source session was recorded. */
  sessionCreatedAt: string
  patternKey: string
  pattern: string
  /** The learner's words, verbatim from the transcript. */
  quote: string
  correction: string
  /** The corrected sentence to say; for a free drill, the task. */
  target: string
  /** The corrected forms the judge listens for. */
  expected: string[]
  due: string
  reps: number
  lapses: number
  /** The drill belongs to the current focus pattern. */
  focus: boolean
  lastResult: { passed: boolean; at: string } | null
}

export type HeardMark = 'expected' | 'wrong' | 'filler' | 'restart' | null

export interface JudgementView {
  passed: boolean
  heard: { text: string; mark: HeardMark }[]
  expected: string[]
  missing: string[]
  wrong: string[]
  reason: string
}

export interface AttemptView {
  id: string
  drillId: string
  status: AttemptStatus
  createdAt: string
  judgedAt: string | null
  /** The transcript of the attempt. */
  heard: string | null
  judgement: JudgementView | null
  errorMessage: string | null
  errorHint: string | null
  /** When the drill comes back, once judged. */
  nextDue: string | null
}

export interface PracticeFocus {
  patternKey: string
  label: string
  goal: string
}

/** One pattern's drill results over the last seven days. */
export interface PatternEvidence {
  patternKey: string
  label: string
  passed: number
  attempts: number
}

/** A part of the improved transcript: unchanged text, or corrected words with what they replaced. */
export interface ImprovedPart {
  text: string
  original?: string
}

/** A 4-3-2 retell and its rounds (each an ordinary session) with the figures compared across them. */
export interface RetellView {
  id: string
  prompt: string
  roundSeconds: number[]
  createdAt: string
  rounds: {
    round: number
    sessionId: string
    status: 'CREATED' | 'UPLOADED' | 'TRANSCRIBING' | 'ANALYZING' | 'DONE' | 'FAILED'
    createdAt: string
    durationMs: number | null
    /** Null until the session is analysed. */
    figures: { speakingRate: number; fillersPerMinute: number; midClausePausesPerMinute: number; mattr: number; mattrLowConfidence: boolean } | null
  }[]
}

/** Round lengths a retell accepts: 30 s to 4 minutes each. */
export const RETELL_MIN_SECONDS = 30
export const RETELL_MAX_SECONDS = 240

const id = z.string().min(1).max(64)

export const practiceRequests = {
  'practice:list': z.object({ dueOnly: z.boolean().optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
  'practice:today': z.object({}).strict(),
  'practice:start': z.object({ drillId: id, mimeType: z.enum(['audio/webm', 'audio/ogg', 'audio/wav', 'audio/mpeg', 'audio/mp4']) }).strict(),
  'practice:chunk': z.object({ attemptId: id, seq: z.number().int().min(0), data: z.instanceof(Uint8Array) }).strict(),
  'practice:finish': z.object({ attemptId: id, durationMs: z.number().int().min(0) }).strict(),
  'practice:discard': z.object({ attemptId: id }).strict(),
  'practice:attempt': z.object({ id }).strict(),
  'practice:history': z.object({ drillId: id }).strict(),
  'practice:retry': z.object({ id }).strict(),
  'practice:evidence': z.object({}).strict(),
  'practice:improved': z.object({ sessionId: id }).strict(),
  'practice:free': z.object({ patternKey: z.string().min(1).max(80) }).strict(),
  'retell:start': z
    .object({
      prompt: z.string().trim().min(1).max(300),
      roundSeconds: z.array(z.number().int().min(RETELL_MIN_SECONDS).max(RETELL_MAX_SECONDS)).length(3).optional()
    })
    .strict(),
  'retell:addRound': z.object({ retellId: id, round: z.number().int().min(1).max(3), sessionId: id }).strict(),
  'retell:get': z.object({ id }).strict()
} as const

export interface PracticeResponses {
  'practice:list': { drills: DrillView[]; total: number; focus: PracticeFocus | null }
  'practice:today': { drills: DrillView[]; due: number; focus: PracticeFocus | null; prompt: string }
  'practice:start': { attemptId: string }
  'practice:chunk': { bytes: number }
  'practice:finish': AttemptView
  'practice:discard': { ok: true }
  'practice:attempt': AttemptView
  'practice:history': { attempts: AttemptView[] }
  'practice:retry': AttemptView
  'practice:evidence': { patterns: PatternEvidence[] }
  'practice:improved': { parts: ImprovedPart[]; changes: number }
  'practice:free': DrillView
  'retell:start': RetellView
  'retell:addRound': RetellView
  'retell:get': RetellView
}

export interface PracticeEvents {
  /** An attempt changed: transcribing, judged or failed. */
  'practice:updated': AttemptView
}
