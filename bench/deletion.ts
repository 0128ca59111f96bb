/**
 * The cost of deleting for real (issue 16) on a 10,000-session database: one session's delete
 * (rows with secure_delete, the full-text index with FTS5 secure-delete, the profile, the WAL
 * checkpoint) and "delete everything" (batches with progress, then VACUUM).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../electron/core/app.ts'
import { memorySecretStore } from '../electron/core/settings/secrets.ts'
import type { EraseProgress } from '../electron/shared/contract.ts'
import { round, summarize } from './stats.ts'
import { seedManySessions, seededSessionId as sessionId } from '../tests/support/manySessions.ts'

const MIGRATIONS = join(import.meta.dirname, '../prisma/migrations')

export async function benchDeletion(quick: boolean): Promise<Record<string, unknown>> {
  const sessions = quick ? 2_000 : 10_000
  const deletes = quick ? 20 : 60
  const dataDir = mkdtempSync(join(tmpdir(), 'speakloop-bench-delete-'))
  try {
    const file = join(dataDir, 'speakloop.db')
    const seedStart = performance.now()
    seedManySessions(file, MIGRATIONS, sessions)
    const seedS = (performance.now() - seedStart) / 1000
    const sizeMB = statSync(file).size / 2 ** 20

    const core = await createCore({ dataDir, migrationsDir: MIGRATIONS, secrets: memorySecretStore({}), env: {} })
    try {
      // Spread over the whole history: old and new sessions sit in different index segments.
      const step = Math.floor(sessions / deletes)
      const one: number[] = []
      for (let i = 0; i < deletes; i++) {
        const start = performance.now()
        await core.call('sessions:delete', { id: sessionId(i * step + 1) })
        one.push(performance.now() - start)
      }

      // The newest session bounds its patterns' last-seen date: their profile rows are recomputed in full.
      const newest: number[] = []
      for (let i = 0; i < 5; i++) {
        const start = performance.now()
        await core.call('sessions:delete', { id: sessionId(sessions - 1 - i) })
        newest.push(performance.now() - start)
      }

      const steps: EraseProgress[] = []
      const firstStepAt: number[] = []
      const unsubscribe = core.subscribe((event, payload) => {
        if (event !== 'data:deleteProgress') return
        steps.push(payload as EraseProgress)
        firstStepAt.push(performance.now())
      })
      const start = performance.now()
      const erased = await core.call('data:deleteAll', { confirm: 'DELETE' })
      const everythingMs = performance.now() - start
      unsubscribe()
      const gaps = firstStepAt.slice(1).map((t, i) => t - firstStepAt[i]!)
      return {
        sessions,
        databaseMB: round(sizeMB, 1),
        seedS: round(seedS, 1),
        deleteOneMs: summarize(one, 1),
        deleteOneUnder200msMedian: summarize(one).median < 200,
        deleteNewestMs: summarize(newest, 1),
        deleteEverything: {
          sessions: erased.sessions,
          totalS: round(everythingMs / 1000, 2),
          progressEvents: steps.length,
          longestGapBetweenProgressMs: round(Math.max(...gaps), 0),
          finished: steps.at(-1)?.phase === 'done',
          databaseMBAfter: round(statSync(file).size / 2 ** 20, 2)
        }
      }
    } finally {
      await core.shutdown()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
