import { Prisma } from '../db/generated/client.ts'
import type { Db } from '../db/client.ts'
import type { SessionStatus } from '../../shared/contract.ts'

export interface SessionFilter {
  status?: SessionStatus
  statuses?: SessionStatus[]
  /** Words to find in the transcript (full-text, prefix match) or the topic. */
  query?: string
  from?: string
  to?: string
  patternKey?: string
  limit?: number
  offset?: number
}

/**
 * The ids of one page of sessions matching `filter`, newest first, and how many match in all.
 * Raw SQL because transcript search goes through the FTS5 table Prisma does not model.
 */
export async function findSessionIds(db: Db, filter: SessionFilter): Promise<{ ids: string[]; total: number }> {
  const conditions: Prisma.Sql[] = []
  const statuses = [...(filter.statuses ?? []), ...(filter.status ? [filter.status] : [])]
  if (statuses.length > 0) conditions.push(Prisma.sql`s."status" IN (${Prisma.join(statuses)})`)
  if (filter.from) conditions.push(Prisma.sql`s."createdAt" >= ${new Date(filter.from)}`)
  if (filter.to) conditions.push(Prisma.sql`s."createdAt" <= ${new Date(filter.to)}`)
  if (filter.patternKey) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "Insight" i WHERE i."sessionId" = s."id" AND i."patternKey" = ${filter.patternKey})`)
  }
  const query = filter.query?.trim()
  if (query) {
    const match = ftsQuery(query)
    const topic = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    conditions.push(
      match
        ? Prisma.sql`(s."id" IN (SELECT "sessionId" FROM "TranscriptSearch" WHERE "TranscriptSearch" MATCH ${match}) OR s."topic" LIKE ${topic} ESCAPE '\\')`
        : Prisma.sql`s."topic" LIKE ${topic} ESCAPE '\\'`
    )
  }
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty
  const [rows, count] = await Promise.all([
    db.$queryRaw<{ id: string }[]>`SELECT s."id" FROM "Session" s ${where}
      ORDER BY s."createdAt" DESC, s."id" DESC LIMIT ${filter.limit ?? 100} OFFSET ${filter.offset ?? 0}`,
    db.$queryRaw<{ total: bigint | number }[]>`SELECT count(*) AS total FROM "Session" s ${where}`
  ])
  return { ids: rows.map((r) => r.id), total: Number(count[0]?.total ?? 0) }
}

/**
 * Turns what the learner typed into an FTS5 query: every word must appear, each as a prefix
 * ("walk" finds "walked"); quotes are doubled so no input is read as FTS syntax.
 */
export function ftsQuery(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}']+/gu) ?? []
  if (words.length === 0) return null
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ')
}
