import type { Queries } from '../db/sql.ts'

/** Judged drill attempts on one pattern: evidence beside a focus verdict, never session occurrences. */
export interface DrillEvidence {
  passed: number
  attempts: number
}

/** The judged attempts on `patternKey`'s drills from `from` (open when null) until `to`. */
export function drillEvidence(q: Queries, patternKey: string, from: Date | null, to: Date): DrillEvidence {
  const row = q.get<{ attempts: number; passed: number | null }>(
    `SELECT count(*) AS "attempts", sum(a."passed") AS "passed"
      FROM "DrillAttempt" a JOIN "Drill" d ON d."id" = a."drillId"
      WHERE d."patternKey" = ? AND a."status" = 'JUDGED' AND a."judgedAt" < ? AND (? IS NULL OR a."judgedAt" >= ?)`,
    patternKey, to, from, from
  )
  return { attempts: row?.attempts ?? 0, passed: row?.passed ?? 0 }
}

/** The verdict's evidence with the drills since the previous session cited; unchanged when there were none. */
export function citeDrills(evidence: string, drills: DrillEvidence | null | undefined): string {
  if (!drills || drills.attempts === 0) return evidence
  const sentence = `Drills on this pattern since the last session: ${drills.passed} of ${drills.attempts} passed.`
  return evidence ? `${evidence} ${sentence}` : sentence
}
