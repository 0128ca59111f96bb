import { randomUUID } from 'node:crypto'
import type { Sql } from '../db/sql.ts'
import type { AudioStore } from '../audio/audioStore.ts'
import { SessionError } from '../sessions/sessionService.ts'
import { applyCorrections, type Example } from './corrections.ts'
import { backfillDrills, DRILL_COLUMNS, drillId, type DrillRow } from './drills.ts'
import { freeSentenceTask } from './sentenceJudge.ts'
import { newCard } from './scheduler.ts'
import { ATTEMPT_COLUMNS, attemptView, enqueueAttempt, readAttempt, type AttemptRow } from './attempts.ts'
import { promptForPattern } from './focusPrompts.ts'
import type { StoredCard } from './scheduler.ts'
import type { AttemptView, DrillView, ImprovedPart, PatternEvidence, PracticeFocus } from '../../shared/practice.ts'

export interface PracticeDeps {
  sql: Sql
  audio: AudioStore
  now: () => Date
  /** Wakes the job runner after an attempt is queued. */
  wake: () => void
  attemptChanged: (attemptId: string) => void
  /** Whether Claude can judge free-sentence drills (an Anthropic key is set). */
  claudeAvailable: () => boolean
}

/** How many due drills "Today's practice" shows. */
export const TODAY_LIMIT = 5
const WEEK_MS = 7 * 24 * 60 * 60 * 1000

/** Drills, attempts and the evidence they give: what the practice channels and the CLI call. */
export class PracticeService {
  readonly #d: PracticeDeps
  #backfill: Promise<number> | null = null

  constructor(deps: PracticeDeps) {
    this.#d = deps
  }

  /** Drills, the current focus pattern's first, then by due date; `dueOnly` keeps those due now. */
  async list(options: { dueOnly?: boolean; limit?: number } = {}): Promise<{ drills: DrillView[]; total: number; focus: PracticeFocus | null }> {
    // Sessions analysed before practice existed get their drills on the first look.
    this.#backfill ??= backfillDrills(this.#d.sql, this.#d.now())
    await this.#backfill
    const now = this.#d.now()
    const focus = await this.focus()
    const dueOnly = options.dueOnly ? 1 : 0
    // Without a key only the deterministic drills exist.
    const free = this.#d.claudeAvailable() ? 1 : 0
    const { rows, total } = await this.#d.sql.read((q) => ({
      rows: q.all<DrillRow & { lastResult: string | null }>(
        `SELECT ${DRILL_COLUMNS},
            (SELECT json_object('passed', a."passed", 'at', a."judgedAt") FROM "DrillAttempt" a
              WHERE a."drillId" = d."id" AND a."status" = 'JUDGED' ORDER BY a."judgedAt" DESC LIMIT 1) AS "lastResult"
          FROM "Drill" d JOIN "Session" s ON s."id" = d."sessionId"
          WHERE (? = 0 OR d."due" <= ?) AND (d."kind" = 'repeat' OR ? = 1)
          ORDER BY (d."patternKey" = ?) DESC, d."due", s."createdAt" DESC, d."position", d."id" LIMIT ?`,
        dueOnly, now, free, focus?.patternKey ?? '', options.limit ?? 500
      ),
      total: q.get<{ n: number }>(
        `SELECT count(*) AS "n" FROM "Drill" d WHERE (? = 0 OR d."due" <= ?) AND (d."kind" = 'repeat' OR ? = 1)`,
        dueOnly, now, free
      )!.n
    }))
    return { drills: rows.map((row) => drillView(row, focus)), total, focus }
  }

  /** "Today's practice": at most five due drills (focus first), the focus goal and a prompt that fits it. */
  async today(): Promise<{ drills: DrillView[]; due: number; focus: PracticeFocus | null; prompt: string }> {
    const { drills, total, focus } = await this.list({ dueOnly: true, limit: TODAY_LIMIT })
    return { drills, due: total, focus, prompt: promptForPattern(focus?.patternKey ?? null) }
  }

  /** The focus goal of the latest finished session. */
  async focus(): Promise<PracticeFocus | null> {
    const row = await this.#d.sql.read((q) =>
      q.get<{ focusNext: string; label: string | null }>(
        `SELECT s."focusNext", p."label" FROM "Session" s
          LEFT JOIN "PatternStat" p ON p."patternKey" = json_extract(s."focusNext", '$.patternKey')
          WHERE s."status" = 'DONE' AND s."focusNext" IS NOT NULL ORDER BY s."createdAt" DESC LIMIT 1`
      )
    )
    if (!row) return null
    const focus = JSON.parse(row.focusNext) as { patternKey: string; goal: string }
    return { patternKey: focus.patternKey, goal: focus.goal, label: row.label ?? labelForKey(focus.patternKey) }
  }

  /** Drill results of the last seven days by pattern. Evidence only: never added to the pattern profile. */
  async evidence(): Promise<{ patterns: PatternEvidence[] }> {
    const since = new Date(this.#d.now().getTime() - WEEK_MS)
    const rows = await this.#d.sql.read((q) =>
      q.all<{ patternKey: string; label: string; attempts: number; passed: number }>(
        `SELECT d."patternKey", COALESCE(p."label", max(d."pattern")) AS "label", count(*) AS "attempts", sum(a."passed") AS "passed"
          FROM "DrillAttempt" a JOIN "Drill" d ON d."id" = a."drillId" LEFT JOIN "PatternStat" p ON p."patternKey" = d."patternKey"
          WHERE a."status" = 'JUDGED' AND a."judgedAt" >= ?
          GROUP BY d."patternKey" ORDER BY count(*) DESC, d."patternKey"`,
        since
      )
    )
    return { patterns: rows.map((r) => ({ patternKey: r.patternKey, label: r.label, attempts: r.attempts, passed: r.passed })) }
  }

  /** The session's transcript with every verified correction applied; changed parts keep the words they replaced. */
  async improved(sessionId: string): Promise<{ parts: ImprovedPart[]; changes: number }> {
    const { transcript, insights } = await this.#d.sql.read((q) => ({
      transcript: q.get<{ text: string }>(`SELECT "text" FROM "Transcript" WHERE "sessionId" = ?`, sessionId),
      insights: q.all<{ examples: string }>(`SELECT "examples" FROM "Insight" WHERE "sessionId" = ? ORDER BY "rank"`, sessionId)
    }))
    if (!transcript) throw new SessionError('not-found', 'This session has no transcript.')
    // Insight examples are stored only after verification against this transcript.
    const parts = applyCorrections(transcript.text, insights.flatMap((i) => JSON.parse(i.examples) as Example[]))
    return { parts, changes: parts.filter((p) => p.original !== undefined).length }
  }

  /**
   * The free-sentence drill of a pattern (one per pattern, made on first use): a task to answer in
   * the learner's own words, judged by Claude. Needs an Anthropic key, and a drill of the pattern
   * from the learner's own speech, whose session it hangs off.
   */
  async freeDrill(patternKey: string): Promise<DrillView> {
    if (!this.#d.claudeAvailable()) throw new SessionError('conflict', 'Sentences of your own are judged by Claude: add your Anthropic API key in Settings.')
    const now = this.#d.now()
    const id = await this.#d.sql.write((q) => {
      const source = q.get<{ sessionId: string; pattern: string; quote: string; correction: string }>(
        `SELECT d."sessionId", d."pattern", d."quote", d."correction" FROM "Drill" d JOIN "Session" s ON s."id" = d."sessionId"
          WHERE d."patternKey" = ? AND d."kind" = 'repeat' ORDER BY s."createdAt" DESC LIMIT 1`,
        patternKey
      )
      if (!source) throw new SessionError('not-found', 'There is no drill of that pattern yet.')
      const id = drillId('free', patternKey, { quote: '', correction: '' })
      q.run(
        `INSERT INTO "Drill" ("id", "sessionId", "kind", "position", "patternKey", "pattern", "quote", "correction", "target", "expected", "avoid", "due", "card", "createdAt")
          VALUES (?, ?, 'free', 0, ?, ?, ?, ?, ?, '[]', '[]', ?, ?, ?)
          ON CONFLICT ("id") DO NOTHING`,
        id, source.sessionId, patternKey, source.pattern, source.quote, source.correction,
        freeSentenceTask(patternKey, source.pattern), now, JSON.stringify(newCard(now)), now
      )
      return id
    })
    const { drills } = await this.list({})
    const drill = drills.find((d) => d.id === id)
    if (!drill) throw new SessionError('not-found', 'That drill no longer exists.')
    return drill
  }

  /** Opens an attempt at a drill; its audio then arrives in chunks. */
  async start(drillId: string, mimeType: string): Promise<string> {
    const id = randomUUID()
    const now = this.#d.now()
    await this.#d.sql.write((q) => {
      const drill = q.get<{ sessionId: string }>(`SELECT "sessionId" FROM "Drill" WHERE "id" = ?`, drillId)
      if (!drill) throw new SessionError('not-found', 'That drill no longer exists.')
      q.run(
        `INSERT INTO "DrillAttempt" ("id", "drillId", "sessionId", "status", "createdAt", "audioMime") VALUES (?, ?, ?, 'RECORDING', ?, ?)`,
        id, drillId, drill.sessionId, now, mimeType
      )
    })
    this.#d.audio.open(id)
    return id
  }

  appendChunk(attemptId: string, seq: number, data: Uint8Array): Promise<number> {
    return this.#d.audio.append(attemptId, seq, data)
  }

  /** Closes the recording and queues its transcription and judgement in the same transaction. */
  async finish(attemptId: string, durationMs: number): Promise<AttemptView> {
    const attempt = await this.#require(attemptId)
    if (attempt.status !== 'RECORDING') throw new SessionError('conflict', 'This attempt is already finished.')
    const { path, bytes } = await this.#d.audio.finish(attemptId, attempt.audioMime ?? 'audio/webm')
    const now = this.#d.now()
    await this.#d.sql.write((q) => {
      q.run(
        `UPDATE "DrillAttempt" SET "status" = 'TRANSCRIBING', "audioPath" = ?, "audioBytes" = ?, "durationMs" = ? WHERE "id" = ?`,
        path, bytes, durationMs || null, attemptId
      )
      enqueueAttempt(q, attemptId, attempt.sessionId, now)
    })
    this.#d.wake()
    this.#d.attemptChanged(attemptId)
    return this.attempt(attemptId)
  }

  /** Throws away an attempt still being recorded. */
  async discard(attemptId: string): Promise<void> {
    const attempt = await this.#require(attemptId)
    if (attempt.status !== 'RECORDING') throw new SessionError('conflict', 'Only an attempt being recorded can be discarded.')
    await this.#d.audio.discard(attemptId)
    await this.#d.sql.write((q) => q.run(`DELETE FROM "DrillAttempt" WHERE "id" = ?`, attemptId))
  }

  async attempt(id: string): Promise<AttemptView> {
    return attemptView(await this.#require(id))
  }

  /** A drill's finished or running attempts, newest first. */
  async history(drillId: string): Promise<AttemptView[]> {
    const rows = await this.#d.sql.read((q) =>
      q.all<AttemptRow>(
        `SELECT ${ATTEMPT_COLUMNS} FROM "DrillAttempt" a JOIN "Drill" d ON d."id" = a."drillId"
          WHERE a."drillId" = ? AND a."status" <> 'RECORDING' ORDER BY a."createdAt" DESC, a."id" LIMIT 50`,
        drillId
      )
    )
    return rows.map(attemptView)
  }

  /** Queues a failed attempt again, while its audio is still kept. */
  async retry(id: string): Promise<AttemptView> {
    const attempt = await this.#require(id)
    if (attempt.status !== 'FAILED') throw new SessionError('conflict', 'Only a failed attempt can be retried.')
    // A free sentence whose transcript is kept is judged again from it; otherwise the audio is needed.
    if (!attempt.audioPath && attempt.heard === null) throw new SessionError('conflict', 'The audio of this attempt was deleted: record it again.')
    const now = this.#d.now()
    await this.#d.sql.write((q) => {
      q.run(`UPDATE "DrillAttempt" SET "status" = 'TRANSCRIBING', "errorMessage" = NULL, "errorHint" = NULL WHERE "id" = ?`, id)
      enqueueAttempt(q, id, attempt.sessionId, now)
    })
    this.#d.wake()
    this.#d.attemptChanged(id)
    return this.attempt(id)
  }

  /** Audio files of a session's attempts still on disk (to delete with the session). */
  attemptAudio(sessionId: string): Promise<string[]> {
    return this.#d.sql.read((q) =>
      q.all<{ audioPath: string }>(`SELECT "audioPath" FROM "DrillAttempt" WHERE "sessionId" = ? AND "audioPath" IS NOT NULL`, sessionId).map((r) => r.audioPath)
    )
  }

  async #require(id: string) {
    const row = await this.#d.sql.read((q) => readAttempt(q, id))
    if (!row) throw new SessionError('not-found', 'That practice attempt no longer exists.')
    return row
  }
}

function drillView(row: DrillRow & { lastResult: string | null }, focus: PracticeFocus | null): DrillView {
  const card = JSON.parse(row.card) as StoredCard
  const last = row.lastResult ? (JSON.parse(row.lastResult) as { passed: number; at: string }) : null
  return {
    id: row.id,
    kind: row.kind,
    sessionId: row.sessionId,
    sessionCreatedAt: new Date(row.sessionCreatedAt).toISOString(),
    patternKey: row.patternKey,
    pattern: row.pattern,
    quote: row.quote,
    correction: row.correction,
    target: row.target,
    expected: (JSON.parse(row.expected) as string[][]).map((f) => f.join(' ')),
    due: new Date(row.due).toISOString(),
    reps: card.reps,
    lapses: card.lapses,
    focus: focus !== null && row.patternKey === focus.patternKey,
    lastResult: last ? { passed: last.passed === 1, at: new Date(last.at).toISOString() } : null
  }
}

/** A readable name for a key with no profile row yet ("grammar.past-tense" → "past tense"). */
function labelForKey(key: string): string {
  return key.slice(key.indexOf('.') + 1).replace(/-/g, ' ')
}
