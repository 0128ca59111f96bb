/**
 * The cost of deleting for real (issue 16) on a 10,000-session database: one session's delete
 * (rows with secure_delete, the full-text index with FTS5 secure-delete, the profile, the WAL
 * checkpoint) and "delete everything" (batches with progress, then VACUUM).
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../electron/core/app.ts'
import { migrate } from '../electron/core/db/migrator.ts'
import { memorySecretStore } from '../electron/core/settings/secrets.ts'
import type { EraseProgress } from '../electron/shared/contract.ts'
import { round, summarize } from './stats.ts'

const MIGRATIONS = join(import.meta.dirname, '../prisma/migrations')
const KEYS = ['grammar.past-tense', 'grammar.articles', 'vocabulary.filler-words', 'fluency.mid-clause-pauses', 'structure.repeated-starters']

export async function benchDeletion(quick: boolean): Promise<Record<string, unknown>> {
  const sessions = quick ? 2_000 : 10_000
  const deletes = quick ? 20 : 60
  const dataDir = mkdtempSync(join(tmpdir(), 'speakloop-bench-delete-'))
  try {
    const file = join(dataDir, 'speakloop.db')
    const seedStart = performance.now()
    seed(file, sessions)
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

function sessionId(i: number): string {
  return `bench-${String(i).padStart(6, '0')}`
}

/**
 * `count` DONE sessions of about 400 words each, drawn from a 5,000-word vocabulary so the
 * full-text index has the size and spread of real transcripts, with 4 insights and 2 ledger
 * entries each, and the profile built from them.
 */
function seed(file: string, count: number): void {
  migrate(file, MIGRATIONS)
  const db = new Database(file)
  try {
    const vocabulary = Array.from({ length: 5_000 }, (_, i) => word(i))
    let state = 42
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31)
    const session = db.prepare(`INSERT INTO "Session" ("id", "status", "createdAt", "updatedAt", "completedAt", "durationMs", "language", "topic", "source", "summary", "strengths", "focusNext")
      VALUES (?, 'DONE', ?, ?, ?, 180000, 'en', ?, 'recording', 'You kept going.', '[]', ?)`)
    const transcript = db.prepare(`INSERT INTO "Transcript" ("id", "sessionId", "text", "words", "wordCount", "language", "durationMs", "createdAt") VALUES (?, ?, ?, ?, ?, 'en', 180000, ?)`)
    const insight = db.prepare(`INSERT INTO "Insight" ("id", "sessionId", "rank", "category", "patternKey", "pattern", "detail", "frequency", "severity", "examples", "suggestion")
      VALUES (?, ?, ?, ?, ?, 'Pattern', 'Detail.', 2, 'medium', ?, 'Suggestion.')`)
    const ledger = db.prepare(`INSERT INTO "LedgerEntry" ("id", "sessionId", "provider", "what", "bytes", "at") VALUES (?, ?, ?, ?, ?, ?)`)
    const start = Date.UTC(2024, 0, 1)
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const id = sessionId(i)
        const at = new Date(start + i * 3_600_000).toISOString().replace('Z', '+00:00')
        const words = Array.from({ length: 400 }, () => vocabulary[next() % vocabulary.length]!)
        const text = words.join(' ')
        session.run(id, at, at, at, `Topic ${words[0]}`, JSON.stringify({ patternKey: KEYS[0], goal: 'Goal' }))
        transcript.run(`${id}-t`, id, text, JSON.stringify(words.map((w, j) => ({ word: w, start: j * 0.4, end: j * 0.4 + 0.3 }))), words.length, at)
        for (let r = 0; r < 4; r++) {
          const key = KEYS[(i + r) % KEYS.length]!
          insight.run(`${id}-i${r}`, id, r, key.split('.')[0]!, key, JSON.stringify([{ quote: words.slice(r * 5, r * 5 + 5).join(' '), correction: 'Correction' }]))
        }
        ledger.run(`${id}-l0`, id, 'openai', 'audio', 2_000_000, at)
        ledger.run(`${id}-l1`, id, 'anthropic', 'transcript', 2_400, at)
      }
      db.exec(`INSERT INTO "PatternStat" ("patternKey", "category", "label", "occurrences", "sessions", "firstSeenAt", "lastSeenAt")
        SELECT "patternKey", min("category"), min("pattern"), sum("frequency"), count(DISTINCT "sessionId"), '2024-01-01T00:00:00.000+00:00', '2024-01-01T00:00:00.000+00:00'
        FROM "Insight" GROUP BY "patternKey"`)
    })()
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
}

/** A pronounceable made-up word for index `i`, distinct for every `i`. */
function word(i: number): string {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'pe', 'da', 'gu', 'ze', 'fi', 'ho', 'bu', 'ya']
  let rest = i
  let out = ''
  do {
    out += syllables[rest % syllables.length]
    rest = Math.floor(rest / syllables.length)
  } while (rest > 0)
  return out
}
