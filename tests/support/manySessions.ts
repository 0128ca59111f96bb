import Database from 'better-sqlite3'
import { migrate } from '../../electron/core/db/migrator.ts'

/**
 * A database of many finished sessions written straight into the file (the pipeline would take
 * hours for 10,000), for the deletion benchmark and the delete-everything end-to-end test.
 */

const KEYS = ['grammar.past-tense', 'grammar.articles', 'vocabulary.filler-words', 'fluency.mid-clause-pauses', 'structure.repeated-starters']

/** The id of the `i`-th seeded session. */
export function seededSessionId(i: number): string {
  return `bench-${String(i).padStart(6, '0')}`
}

/**
 * `count` DONE sessions of about 400 words each, drawn from a 5,000-word vocabulary so the
 * full-text index has the size and spread of real transcripts, with 4 insights and 2 ledger
 * entries each, and the profile built from them. `word`, when given, is said in every transcript.
 */
export function seedManySessions(file: string, migrationsDir: string, count: number, options: { word?: string } = {}): void {
  migrate(file, migrationsDir)
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
        const id = seededSessionId(i)
        const at = new Date(start + i * 3_600_000).toISOString().replace('Z', '+00:00')
        const words = Array.from({ length: 400 }, () => vocabulary[next() % vocabulary.length]!)
        if (options.word) words[200] = options.word
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
