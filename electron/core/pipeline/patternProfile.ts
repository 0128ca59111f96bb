import type { Db, Tx } from '../db/client.ts'

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
export async function addToProfile(
  tx: Tx,
  insights: { patternKey: string; category: string; pattern: string; frequency: number }[],
  seenAt: Date
): Promise<void> {
  for (const c of contributions(insights)) {
    await tx.$executeRaw`INSERT INTO "PatternStat" ("patternKey", "category", "label", "occurrences", "sessions", "firstSeenAt", "lastSeenAt")
      VALUES (${c.patternKey}, ${c.category}, ${c.label}, ${c.occurrences}, 1, ${seenAt}, ${seenAt})
      ON CONFLICT ("patternKey") DO UPDATE SET
        "category" = CASE WHEN excluded."lastSeenAt" >= "lastSeenAt" THEN excluded."category" ELSE "category" END,
        "label" = CASE WHEN excluded."lastSeenAt" >= "lastSeenAt" THEN excluded."label" ELSE "label" END,
        "occurrences" = "occurrences" + excluded."occurrences",
        "sessions" = "sessions" + 1,
        "firstSeenAt" = min("firstSeenAt", excluded."firstSeenAt"),
        "lastSeenAt" = max("lastSeenAt", excluded."lastSeenAt")`
  }
}

/**
 * Recomputes the profile rows of `keys` from the insights that remain, in the caller's
 * transaction: used after a session's insights were deleted or replaced, where first and
 * last seen cannot be decremented.
 */
export async function recomputeKeys(tx: Tx, keys: Iterable<string>): Promise<void> {
  for (const key of new Set(keys)) {
    await tx.patternStat.deleteMany({ where: { patternKey: key } })
    await insertAggregate(tx, key)
  }
}

/** Throws the profile away and builds it again from every stored insight. */
export async function rebuildProfile(db: Db): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.patternStat.deleteMany()
    await insertAggregate(tx, null)
  })
}

/** The label shown is the most recent session's wording of the pattern. */
async function insertAggregate(tx: Tx, key: string | null): Promise<void> {
  await tx.$executeRaw`INSERT INTO "PatternStat" ("patternKey", "category", "label", "occurrences", "sessions", "firstSeenAt", "lastSeenAt")
    SELECT i."patternKey",
      (SELECT i2."category" FROM "Insight" i2 JOIN "Session" s2 ON s2."id" = i2."sessionId"
        WHERE i2."patternKey" = i."patternKey" ORDER BY s2."createdAt" DESC, i2."rank" LIMIT 1),
      (SELECT i2."pattern" FROM "Insight" i2 JOIN "Session" s2 ON s2."id" = i2."sessionId"
        WHERE i2."patternKey" = i."patternKey" ORDER BY s2."createdAt" DESC, i2."rank" LIMIT 1),
      sum(i."frequency"), count(DISTINCT i."sessionId"), min(s."createdAt"), max(s."createdAt")
    FROM "Insight" i JOIN "Session" s ON s."id" = i."sessionId"
    WHERE (${key} IS NULL OR i."patternKey" = ${key})
    GROUP BY i."patternKey"`
}
