import { hash } from 'node:crypto'
import type { Queries, Sql, SqlValue } from '../db/sql.ts'
import { sentenceCorrector, type Example } from './corrections.ts'
import { drillForms } from './judge.ts'
import { newCard } from './scheduler.ts'

/** The part of an insight a drill is made from. */
export interface DrillSource {
  patternKey: string
  pattern: string
  examples: Example[]
}

/** A drill as the practice code reads it from its row. */
export interface DrillRow {
  id: string
  sessionId: string
  kind: 'repeat' | 'free'
  sessionCreatedAt: string
  patternKey: string
  pattern: string
  quote: string
  correction: string
  target: string
  expected: string
  avoid: string
  due: string
  card: string
}

/** The same example of the same session always gives the same drill id, so a re-analysis keeps its history. */
export function drillId(sessionId: string, patternKey: string, example: Example): string {
  return hash('sha256', JSON.stringify([sessionId, patternKey, example.quote, example.correction])).slice(0, 32)
}

/** A session's drills, worked out and ready to write: one row of values per drill. */
export interface PlannedDrills {
  sessionId: string
  rows: SqlValue[][]
}

/**
 * Works out the session's drills from its verified insights: one drill per example that has a
 * checkable corrected form, new ones due now. Pure work, done before the transaction that writes
 * them (the one that commits the analysis), so that transaction holds the write lock only for the
 * statements.
 */
export function planDrills(sessionId: string, insights: readonly DrillSource[], transcript: string, now: Date): PlannedDrills {
  // Every drill's sentence comes from the one transcript and every new card is the same: work them out once.
  const sentenceOf = sentenceCorrector(transcript, insights.flatMap((i) => i.examples))
  const card = JSON.stringify(newCard(now))
  const rows: SqlValue[][] = []
  for (const [rank, insight] of insights.entries()) {
    for (const [index, example] of insight.examples.entries()) {
      const forms = drillForms(example.quote, example.correction)
      if (forms.expected.length === 0) continue
      const target = sentenceOf(example) ?? example.correction
      rows.push([
        drillId(sessionId, insight.patternKey, example), sessionId, rank * 100 + index, insight.patternKey, insight.pattern,
        example.quote, example.correction, target, JSON.stringify(forms.expected), JSON.stringify(forms.avoid), now, card, now
      ])
    }
  }
  return { sessionId, rows }
}

/**
 * Writes planned drills inside the caller's transaction. Drills of examples the analysis no longer
 * has go (with their attempts); drills that stay keep their schedule.
 */
export function writeDrills(q: Queries, { sessionId, rows }: PlannedDrills): number {
  for (const row of rows) {
    q.run(
      `INSERT INTO "Drill" ("id", "sessionId", "kind", "position", "patternKey", "pattern", "quote", "correction", "target", "expected", "avoid", "due", "card", "createdAt")
        VALUES (?, ?, 'repeat', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT ("id") DO UPDATE SET "position" = excluded."position", "pattern" = excluded."pattern", "target" = excluded."target"`,
      ...row
    )
  }
  const keep = rows.map((row) => row[0]!)
  q.run(`DELETE FROM "Drill" WHERE "sessionId" = ? AND "kind" = 'repeat' AND "id" NOT IN (SELECT value FROM json_each(?))`, sessionId, JSON.stringify(keep))
  return rows.length
}

/**
 * Sessions analysed before practice existed have no drills: make them from their stored insights.
 * A session whose examples give no checkable drill is looked at again next time; that costs a
 * read of its insights and nothing else.
 */
export async function backfillDrills(sql: Sql, now: Date): Promise<number> {
  const pending = await sql.read((q) =>
    q.all<{ id: string; text: string }>(
      `SELECT s."id", t."text" FROM "Session" s JOIN "Transcript" t ON t."sessionId" = s."id"
        WHERE s."status" = 'DONE' AND EXISTS (SELECT 1 FROM "Insight" i WHERE i."sessionId" = s."id")
          AND NOT EXISTS (SELECT 1 FROM "Drill" d WHERE d."sessionId" = s."id")`
    )
  )
  let made = 0
  for (const session of pending) {
    made += await sql.write((q) => {
      const insights = q
        .all<{ patternKey: string; pattern: string; examples: string }>(
          `SELECT "patternKey", "pattern", "examples" FROM "Insight" WHERE "sessionId" = ? ORDER BY "rank"`,
          session.id
        )
        .map((i) => ({ patternKey: i.patternKey, pattern: i.pattern, examples: JSON.parse(i.examples) as Example[] }))
      return writeDrills(q, planDrills(session.id, insights, session.text, now))
    })
  }
  return made
}

/** The SELECT every drill query starts from. */
export const DRILL_COLUMNS = `d."id", d."sessionId", d."kind", s."createdAt" AS "sessionCreatedAt", d."patternKey", d."pattern", d."quote",
  d."correction", d."target", d."expected", d."avoid", d."due", d."card"`

/** One drill, or undefined. */
export function readDrill(q: Queries, id: string): DrillRow | undefined {
  return q.get<DrillRow>(`SELECT ${DRILL_COLUMNS} FROM "Drill" d JOIN "Session" s ON s."id" = d."sessionId" WHERE d."id" = ?`, id)
}
