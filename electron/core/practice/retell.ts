import { randomUUID } from 'node:crypto'
import type { Sql } from '../db/sql.ts'
import type { SessionMetrics } from '../analysis/contract.ts'
import { SessionError } from '../sessions/sessionService.ts'
import type { RetellView } from '../../shared/practice.ts'

/** 4-3-2 (Nation): the same talk in 4, 3 and 2 minutes. */
export const DEFAULT_ROUND_SECONDS = [240, 180, 120] as const

/** Starts a retell of `prompt`; its rounds are ordinary sessions added as they are recorded. */
export async function startRetell(sql: Sql, now: Date, prompt: string, roundSeconds: readonly number[]): Promise<string> {
  const id = randomUUID()
  await sql.write((q) =>
    q.run(`INSERT INTO "Retell" ("id", "prompt", "roundSeconds", "createdAt") VALUES (?, ?, ?, ?)`, id, prompt, JSON.stringify(roundSeconds), now)
  )
  return id
}

/** Records that `sessionId` is round `round` (1-3) of a retell; a round is recorded once. */
export async function addRetellRound(sql: Sql, retellId: string, round: number, sessionId: string): Promise<void> {
  await sql.write((q) => {
    if (!q.get(`SELECT 1 FROM "Retell" WHERE "id" = ?`, retellId)) throw new SessionError('not-found', 'That retell no longer exists.')
    if (!q.get(`SELECT 1 FROM "Session" WHERE "id" = ?`, sessionId)) throw new SessionError('not-found', 'That session no longer exists.')
    const taken = q.get(`SELECT 1 FROM "RetellRound" WHERE ("retellId" = ? AND "round" = ?) OR "sessionId" = ?`, retellId, round, sessionId)
    if (taken) throw new SessionError('conflict', 'That round is already recorded.')
    q.run(`INSERT INTO "RetellRound" ("retellId", "round", "sessionId") VALUES (?, ?, ?)`, retellId, round, sessionId)
  })
}

/** A retell with each round's session status and the figures 4-3-2 compares: pace, fillers, mid-clause pauses, MATTR. */
export async function retellView(sql: Sql, retellId: string): Promise<RetellView> {
  const { retell, rounds } = await sql.read((q) => ({
    retell: q.get<{ id: string; prompt: string; roundSeconds: string; createdAt: string }>(`SELECT * FROM "Retell" WHERE "id" = ?`, retellId),
    rounds: q.all<{ round: number; sessionId: string; status: string; durationMs: number | null; metrics: string | null; createdAt: string }>(
      `SELECT r."round", r."sessionId", s."status", s."durationMs", s."metrics", s."createdAt"
        FROM "RetellRound" r JOIN "Session" s ON s."id" = r."sessionId" WHERE r."retellId" = ? ORDER BY r."round"`,
      retellId
    )
  }))
  if (!retell) throw new SessionError('not-found', 'That retell no longer exists.')
  return {
    id: retell.id,
    prompt: retell.prompt,
    roundSeconds: JSON.parse(retell.roundSeconds) as number[],
    createdAt: new Date(retell.createdAt).toISOString(),
    rounds: rounds.map((r) => {
      const m = r.metrics ? (JSON.parse(r.metrics) as SessionMetrics) : null
      return {
        round: r.round,
        sessionId: r.sessionId,
        status: r.status as RetellView['rounds'][number]['status'],
        createdAt: new Date(r.createdAt).toISOString(),
        durationMs: r.durationMs,
        figures: m && {
          speakingRate: m.speakingRate,
          fillersPerMinute: m.fillers.perMinute,
          midClausePausesPerMinute: m.pauses.midClausePerMinute,
          mattr: m.lexicalDiversity.mattr,
          mattrLowConfidence: m.lexicalDiversity.lowConfidence
        }
      }
    })
  }
}

/** The retells a session is a round of (read before the session is deleted). */
export function retellsOf(sql: Sql, sessionId: string): Promise<string[]> {
  return sql.read((q) => q.all<{ retellId: string }>(`SELECT "retellId" FROM "RetellRound" WHERE "sessionId" = ?`, sessionId).map((r) => r.retellId))
}

/** Deletes the given retells once no round is left in them ("delete everything" empties every table itself). */
export async function dropEmptyRetells(sql: Sql, ids: readonly string[]): Promise<void> {
  await sql.write((q) => {
    q.run(
      `DELETE FROM "Retell" WHERE "id" IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM "RetellRound" r WHERE r."retellId" = "Retell"."id")`,
      JSON.stringify(ids)
    )
  })
}
