import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** A migration found on disk: its folder name, SQL and checksum. */
export interface Migration {
  name: string
  sql: string
  checksum: string
}

/** Why the database cannot be opened by this build; `message` is for the learner. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MigrationError'
  }
}

export interface MigrateResult {
  applied: string[]
  backupPath: string | null
}

const TABLE = '_speakloop_migrations'

/** Reads `<dir>/<name>/migration.sql` in name order. */
export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'migration.sql')))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

/**
 * Brings the database file up to date before anything else touches it. Refuses a database
 * that has migrations this build does not know (written by a newer Speakloop) or whose
 * applied migration changed; backs the file up before applying anything to existing data.
 */
export function migrate(dbFile: string, migrationsDir: string, now: () => Date = () => new Date()): MigrateResult {
  const migrations = readMigrations(migrationsDir)
  const existed = existsSync(dbFile) && statSync(dbFile).size > 0
  const db = new Database(dbFile)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('busy_timeout = 5000')
    db.exec(`CREATE TABLE IF NOT EXISTS "${TABLE}" (
      "name" TEXT NOT NULL PRIMARY KEY,
      "checksum" TEXT NOT NULL,
      "appliedAt" TEXT NOT NULL
    )`)
    const applied = db.prepare(`SELECT name, checksum FROM "${TABLE}" ORDER BY name`).all() as {
      name: string
      checksum: string
    }[]
    const known = new Map(migrations.map((m) => [m.name, m]))
    for (const row of applied) {
      const migration = known.get(row.name)
      if (!migration) {
        throw new MigrationError(
          `This data was written by a newer version of Speakloop (it has migration "${row.name}"). ` +
            'Update Speakloop to open it; your data has not been changed.'
        )
      }
      if (migration.checksum !== row.checksum) {
        throw new MigrationError(
          `The database migration "${row.name}" differs from the one this data was created with. ` +
            'Reinstall Speakloop; your data has not been changed.'
        )
      }
    }
    const appliedNames = new Set(applied.map((r) => r.name))
    const pending = migrations.filter((m) => !appliedNames.has(m.name))
    if (pending.length === 0) return { applied: [], backupPath: null }

    let backupPath: string | null = null
    if (existed && applied.length > 0) {
      backupPath = `${dbFile}.backup-${now().toISOString().replace(/[:.]/g, '-')}`
      db.prepare('VACUUM INTO ?').run(backupPath)
    }
    for (const migration of pending) applyOne(db, migration, now)
    return { applied: pending.map((m) => m.name), backupPath }
  } finally {
    db.close()
  }
}

/**
 * Foreign keys go off *outside* the transaction: SQLite ignores `PRAGMA foreign_keys` inside
 * one, and a table-rebuild migration with them on would cascade-delete child rows.
 */
function applyOne(db: Database.Database, migration: Migration, now: () => Date): void {
  db.pragma('foreign_keys = OFF')
  try {
    db.transaction(() => {
      db.exec(migration.sql)
      const violations = db.pragma('foreign_key_check') as unknown[]
      if (violations.length > 0) {
        throw new MigrationError(`Migration "${migration.name}" left ${violations.length} broken references.`)
      }
      db.prepare(`INSERT INTO "${TABLE}" (name, checksum, appliedAt) VALUES (?, ?, ?)`).run(
        migration.name,
        migration.checksum,
        now().toISOString()
      )
    })()
  } finally {
    db.pragma('foreign_keys = ON')
  }
}
