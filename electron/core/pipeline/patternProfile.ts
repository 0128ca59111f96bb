import type { Queries, Sql } from '../db/sql.ts'

interface Contribution {
  patternKey: string
  category: string
  label: string
  occurrences: number
}

/** Sums a session's insights per key: several insights may share one key. */
function contributions(insights: { patternKey: string; category: string; pattern: string; frequency: number }[]): Contribution[] {
  const byKey = new Map<string, Contribution>()
  for (const insight of insights) {
    const current = byKey.get(insight.patternKey)
    if (current) current.occurrences += insight.frequency
    else
      byKey.set(insight.patternKey, {
        patternKey: insight.patternKey,
        category: insight.category,
        label: insight.pattern,
        occurrences: insight.frequency
      })
  }
  return [...byKey.values()]
}

/**
 * Adds one session's insights to the profile, in the caller's transaction (the one that
 * stores the insights), so the profile counts each session exactly once.
 */
export function addToProfile(
  q: Queries,
  insights: { patternKey: string; category: string; pattern: string; frequency: number }[],
  seenAt: Date
): void {
  for (const c of contributions(insights)) {
    q.run(
      `INSERT INTO "PatternStat" ("patternKey", "category", "label", "occurrences", "sessions", "firstSeenAt", "lastSeenAt")
        VALUES (?, ?, ?, ?, 1, ?, ?)
        ON CONFLICT ("patternKey") DO UPDATE SET
          "category" = CASE WHEN excluded."lastSeenAt" >= "lastSeenAt" THEN excluded."category" ELSE "category" END,
          "label" = CASE WHEN excluded."lastSeenAt" >= "lastSeenAt" THEN excluded."label" ELSE "label" END,
          "occurrences" = "occurrences" + excluded."occurrences",
          "sessions" = "sessions" + 1,
          "firstSeenAt" = min("firstSeenAt", excluded."firstSeenAt"),
          "lastSeenAt" = max("lastSeenAt", excluded."lastSeenAt")`,
      c.patternKey, c.category, c.label, c.occurrences, seenAt, seenAt
    )
  }
}

/**
 * Recomputes the profile rows of `keys` from the insights that remain, in the caller's
 * transaction: used after a session's insights were deleted or replaced, where first and
 * last seen cannot be decremented.
 */
export function recomputeKeys(q: Queries, keys: Iterable<string>): void {
  for (const key of new Set(keys)) {
    q.run(`DELETE FROM "PatternStat" WHERE "patternKey" = ?`, key)
    insertAggregate(q, key)
  }
}

/** Throws the profile away and builds it again from every stored insight. */
export function rebuildProfile(sql: Sql): Promise<void> {
  return sql.write((q) => {
    q.run(`DELETE FROM "PatternStat"`)
    insertAggregate(q, null)
  })
}

/** The label shown is the most recent session's wording of the pattern. */
function insertAggregate(q: Queries, key: string | null): void {
  q.run(
    `INSERT INTO "PatternStat" ("patternKey", "category", "label", "occurrences", "sessions", "firstSeenAt", "lastSeenAt")
      SELECT i."patternKey",
        (SELECT i2."category" FROM "Insight" i2 JOIN "Session" s2 ON s2."id" = i2."sessionId"
          WHERE i2."patternKey" = i."patternKey" ORDER BY s2."createdAt" DESC, i2."rank" LIMIT 1),
        (SELECT i2."pattern" FROM "Insight" i2 JOIN "Session" s2 ON s2."id" = i2."sessionId"
          WHERE i2."patternKey" = i."patternKey" ORDER BY s2."createdAt" DESC, i2."rank" LIMIT 1),
        sum(i."frequency"), count(DISTINCT i."sessionId"), min(s."createdAt"), max(s."createdAt")
      FROM "Insight" i JOIN "Session" s ON s."id" = i."sessionId"
      WHERE (? IS NULL OR i."patternKey" = ?)
      GROUP BY i."patternKey"`,
    key,
    key
  )
}
