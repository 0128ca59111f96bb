import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { configureConnection } from './sql.ts'

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
const MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS "${TABLE}" (
  "name" TEXT NOT NULL PRIMARY KEY,
  "checksum" TEXT NOT NULL,
  "appliedAt" TEXT NOT NULL
)`
/** `speakloop.db.backup-<time>`: the copy made before migrating existing data. */
const BACKUP_INFIX = '.backup-'

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
 * applied migration changed. Before applying anything to existing data it backs the file up;
 * if a migration fails, or the migrated file fails its integrity check or schema guard, the
 * backup is restored and kept, and the error says where it is. On success the backup is
 * returned: the caller deletes it once the database has opened (`discardBackups`).
 */
export function migrate(dbFile: string, migrationsDir: string, now: () => Date = () => new Date()): MigrateResult {
  const migrations = readMigrations(migrationsDir)
  const existed = existsSync(dbFile) && statSync(dbFile).size > 0
  let db: Database.Database | null = new Database(dbFile)
  let backupPath: string | null = null
  try {
    configureConnection(db)
    db.exec(MIGRATIONS_TABLE_SQL)
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

    if (existed && applied.length > 0) {
      const target = `${dbFile}${BACKUP_INFIX}${now().toISOString().replace(/[:.]/g, '-')}`
      try {
        db.prepare('VACUUM INTO ?').run(target)
      } catch (error) {
        // Nothing was changed yet; a partial copy (a full disk) must never be restored over the data.
        rmSync(target, { force: true })
        throw error
      }
      backupPath = target
    }
    for (const migration of pending) applyOne(db, migration, now)
    if (backupPath) {
      // A migration may drop or rebuild tables: VACUUM leaves no copy of their old pages behind.
      db.exec('VACUUM')
      checkMigrated(db, migrations)
    }
    db.pragma('wal_checkpoint(TRUNCATE)')
    return { applied: pending.map((m) => m.name), backupPath }
  } catch (error) {
    if (!backupPath) throw error
    db.close()
    db = null
    restoreBackup(dbFile, backupPath)
    throw new MigrationError(
      `Speakloop could not update your data (${(error as Error).message}). ` +
        `Your data was restored from the backup made before the update, which is kept at ${backupPath}.`
    )
  } finally {
    db?.close()
  }
}

/**
 * Puts the pre-migration backup back in place of `dbFile` (its WAL and shared-memory files go:
 * they belong to the failed attempt). The backup itself is kept.
 */
export function restoreBackup(dbFile: string, backupPath: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true })
  copyFileSync(backupPath, dbFile)
}

/** Deletes every migration backup of `dbFile`: called once the migrated database opened cleanly. */
export function discardBackups(dbFile: string): string[] {
  const dir = dirname(dbFile)
  const prefix = `${basename(dbFile)}${BACKUP_INFIX}`
  const removed = readdirSync(dir).filter((name) => name.startsWith(prefix))
  for (const name of removed) rmSync(join(dir, name), { force: true })
  return removed
}

/**
 * The migrated file's integrity check and schema guard: SQLite finds no corruption and no
 * broken reference, and the file's tables, indexes and triggers are exactly those the same
 * migrations build in a fresh database (a drifted schema would otherwise surface later as
 * failed queries). Shadow tables of full-text indexes are left out: their shape is FTS5's.
 */
function checkMigrated(db: Database.Database, migrations: Migration[]): void {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check)
  if (integrity.join() !== 'ok') throw new MigrationError(`the integrity check found: ${integrity.slice(0, 3).join('; ')}`)
  if ((db.pragma('foreign_key_check') as unknown[]).length > 0) throw new MigrationError('the update left broken references')
  const fresh = new Database(':memory:')
  try {
    fresh.exec(MIGRATIONS_TABLE_SQL)
    for (const migration of migrations) fresh.exec(migration.sql)
    const expected = schemaOf(fresh)
    const actual = schemaOf(db)
    const differs = [...new Set([...expected.keys(), ...actual.keys()])].filter((name) => expected.get(name) !== actual.get(name))
    if (differs.length > 0) throw new MigrationError(`the schema guard found ${differs.slice(0, 3).join(', ')} different from this version's`)
  } finally {
    fresh.close()
  }
}

/** Each table, index, trigger and view of the main schema (shadow tables excepted) by type and name, with its SQL. */
function schemaOf(db: Database.Database): Map<string, string> {
  const shadow = new Set(
    (db.pragma('table_list') as { schema: string; name: string; type: string }[]).filter((t) => t.schema === 'main' && t.type === 'shadow').map((t) => t.name)
  )
  const rows = db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`).all() as {
    type: string
    name: string
    sql: string | null
  }[]
  return new Map(rows.filter((r) => !shadow.has(r.name)).map((r) => [`${r.type} ${r.name}`, (r.sql ?? '').replace(/\s+/g, ' ')]))
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
