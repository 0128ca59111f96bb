import type { Db } from '../db/client.ts'
import type { PatternStatView } from '../../shared/contract.ts'

/** How many of the latest finished sessions a pattern's trend covers. */
export const TREND_SESSIONS = 10

/** The pattern profile, most persistent first, each pattern with its per-session trend. */
export async function profileView(db: Db): Promise<PatternStatView[]> {
  const [patterns, recent] = await Promise.all([
    db.patternStat.findMany({ orderBy: [{ sessions: 'desc' }, { occurrences: 'desc' }, { patternKey: 'asc' }] }),
    db.session.findMany({
      where: { status: 'DONE' },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: TREND_SESSIONS,
      select: { insights: { select: { patternKey: true, frequency: true } } }
    })
  ])
  const perSession = recent.reverse().map((session) => {
    const counts = new Map<string, number>()
    for (const insight of session.insights) counts.set(insight.patternKey, (counts.get(insight.patternKey) ?? 0) + insight.frequency)
    return counts
  })
  return patterns.map((p) => ({
    ...p,
    firstSeenAt: p.firstSeenAt.toISOString(),
    lastSeenAt: p.lastSeenAt.toISOString(),
    trend: perSession.map((counts) => counts.get(p.patternKey) ?? 0)
  }))
}
