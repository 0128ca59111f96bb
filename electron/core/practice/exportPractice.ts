import { fromSqlDate, type Sql } from '../db/sql.ts'

/** The learner's practice in the export: drills with every attempt, and retells with their rounds' sessions. */
export interface PracticeExport {
  drills: {
    id: string
    sessionId: string
    kind: string
    patternKey: string
    pattern: string
    quote: string
    correction: string
    target: string
    due: string
    createdAt: string
    attempts: {
      id: string
      status: string
      createdAt: string
      judgedAt: string | null
      heard: string | null
      passed: boolean | null
      judgement: unknown
      errorMessage: string | null
    }[]
  }[]
  retells: { id: string; prompt: string; roundSeconds: number[]; createdAt: string; rounds: { round: number; sessionId: string }[] }[]
}

const iso = (value: string) => fromSqlDate(value).toISOString()

/** Collects every drill, attempt and retell for "export everything". */
export function exportPractice(sql: Sql): Promise<PracticeExport> {
  return sql.read((q) => {
    const attempts = q.all<{
      id: string; drillId: string; status: string; createdAt: string; judgedAt: string | null
      heard: string | null; passed: number | null; judgement: string | null; errorMessage: string | null
    }>(
      `SELECT "id", "drillId", "status", "createdAt", "judgedAt", "heard", "passed", "judgement", "errorMessage"
        FROM "DrillAttempt" ORDER BY "createdAt", "id"`
    )
    const drills = q.all<{
      id: string; sessionId: string; kind: string; patternKey: string; pattern: string; quote: string
      correction: string; target: string; due: string; createdAt: string
    }>(
      `SELECT "id", "sessionId", "kind", "patternKey", "pattern", "quote", "correction", "target", "due", "createdAt"
        FROM "Drill" ORDER BY "createdAt", "position", "id"`
    )
    const retells = q.all<{ id: string; prompt: string; roundSeconds: string; createdAt: string }>(
      `SELECT "id", "prompt", "roundSeconds", "createdAt" FROM "Retell" ORDER BY "createdAt", "id"`
    )
    const rounds = q.all<{ retellId: string; round: number; sessionId: string }>(
      `SELECT "retellId", "round", "sessionId" FROM "RetellRound" ORDER BY "round"`
    )
    return {
      drills: drills.map((d) => ({
        ...d,
        due: iso(d.due),
        createdAt: iso(d.createdAt),
        attempts: attempts
          .filter((a) => a.drillId === d.id)
          .map(({ drillId: _drill, ...a }) => ({
            ...a,
            createdAt: iso(a.createdAt),
            judgedAt: a.judgedAt === null ? null : iso(a.judgedAt),
            passed: a.passed === null ? null : a.passed === 1,
            judgement: a.judgement === null ? null : (JSON.parse(a.judgement) as unknown)
          }))
      })),
      retells: retells.map((r) => ({
        ...r,
        roundSeconds: JSON.parse(r.roundSeconds) as number[],
        createdAt: iso(r.createdAt),
        rounds: rounds.filter((round) => round.retellId === r.id).map(({ round, sessionId }) => ({ round, sessionId }))
      }))
    }
  })
}
