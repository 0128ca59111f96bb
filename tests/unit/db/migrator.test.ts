import Database from 'better-sqlite3'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate, MigrationError } from '../../../electron/core/db/migrator.ts'
import { openDatabase } from '../../../electron/core/db/client.ts'
import { filesHolding } from '../sessions/diskScan.ts'

const MIGRATIONS = join(import.meta.dirname, '../../../prisma/migrations')

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'speakloop-migrator-'))
}

function copyMigrations(): string {
  const dir = join(tempDir(), 'migrations')
  cpSync(MIGRATIONS, dir, { recursive: true })
  return dir
}

describe('runtime migrator', () => {
  it('applies every migration once and records its name and checksum', () => {
    const file = join(tempDir(), 'a.db')
    const first = migrate(file, MIGRATIONS)
    expect(first.applied.length).toBeGreaterThan(0)
    expect(migrate(file, MIGRATIONS).applied).toEqual([])
    const db = new Database(file, { readonly: true })
    const rows = db.prepare('SELECT name, checksum FROM _speakloop_migrations').all() as { checksum: string }[]
    expect(rows).toHaveLength(first.applied.length)
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
  })

  it('refuses a database written by a newer build, without touching it', () => {
    const dir = copyMigrations()
    const file = join(tempDir(), 'b.db')
    mkdirSync(join(dir, '29990101000000_future'))
    writeFileSync(join(dir, '29990101000000_future', 'migration.sql'), 'CREATE TABLE "Future" ("id" TEXT);')
    migrate(file, dir)
    expect(() => migrate(file, MIGRATIONS)).toThrow(MigrationError)
    expect(() => migrate(file, MIGRATIONS)).toThrow(/newer version of Speakloop/)
  })

  it('refuses a database whose applied migration changed', () => {
    const dir = copyMigrations()
    const file = join(tempDir(), 'c.db')
    migrate(file, dir)
    const first = readdirSync(dir).sort()[0]!
    writeFileSync(join(dir, first, 'migration.sql'), '-- edited\n', { flag: 'a' })
    expect(() => migrate(file, dir)).toThrow(/differs from the one this data was created with/)
  })

  it('backs the file up before applying a new migration to existing data', () => {
    const dir = copyMigrations()
    const home = tempDir()
    const file = join(home, 'd.db')
    migrate(file, dir)
    mkdirSync(join(dir, '29990101000000_extra'))
    writeFileSync(join(dir, '29990101000000_extra', 'migration.sql'), 'CREATE TABLE "Extra" ("id" TEXT);')
    const result = migrate(file, dir)
    expect(result.applied).toEqual(['29990101000000_extra'])
    expect(result.backupPath && existsSync(result.backupPath)).toBe(true)
  })

  it('keeps child rows when a migration rebuilds a parent table', () => {
    const dir = copyMigrations()
    const file = join(tempDir(), 'e.db')
    migrate(file, dir)
    const db = new Database(file)
    db.prepare(`INSERT INTO Session (id, updatedAt) VALUES ('s1', '2026-01-01T00:00:00.000Z')`).run()
    db.prepare(`INSERT INTO Insight (id, sessionId, rank, category, patternKey, pattern, detail, frequency, severity, examples, suggestion)
      VALUES ('i1', 's1', 0, 'grammar', 'grammar.articles', 'Articles', '', 1, 'low', '[]', '')`).run()
    const { sql } = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'Session'").get() as { sql: string }
    db.close()
    // The shape Prisma Migrate writes for a column change: copy into a new table, drop, rename.
    mkdirSync(join(dir, '29990101000000_rebuild'))
    writeFileSync(
      join(dir, '29990101000000_rebuild', 'migration.sql'),
      `${sql.replace('CREATE TABLE "Session"', 'CREATE TABLE "new_Session"')};
       INSERT INTO "new_Session" SELECT * FROM "Session";
       DROP TABLE "Session";
       ALTER TABLE "new_Session" RENAME TO "Session";`
    )
    migrate(file, dir)
    const after = new Database(file, { readonly: true })
    expect(after.prepare('SELECT count(*) AS n FROM Insight').get()).toEqual({ n: 1 })
    after.close()
  })

  it('opens Prisma with foreign keys on so deleting a session removes its rows', async () => {
    const file = join(tempDir(), 'f.db')
    const { prisma, close } = await openDatabase(file, MIGRATIONS)
    const fk = await prisma.$queryRawUnsafe<{ foreign_keys: bigint }[]>('PRAGMA foreign_keys')
    expect(Number(fk[0]!.foreign_keys)).toBe(1)
    await prisma.session.create({ data: { id: 's1', transcript: { create: { id: 't1', text: 'hi', words: '[]', wordCount: 1, language: 'en', durationMs: 1 } } } })
    await prisma.session.delete({ where: { id: 's1' } })
    expect(await prisma.transcript.count()).toBe(0)
    await close()
  })
})

describe('migration backups exist only while they are needed', () => {
  const SECRET = 'Zanzibarquux'
  // The update under test is the one that brought DeletionRecord and secure deletion, and what came after.
  const UPDATE = readdirSync(MIGRATIONS).sort().filter((name) => name >= '20261204110000_private_deletion')

  /** A data folder at the migration before that update, with one transcript, as an older Speakloop left it. */
  function olderDatabase(): { dir: string; file: string; migrations: string } {
    const migrations = copyMigrations()
    for (const name of UPDATE) rmSync(join(migrations, name), { recursive: true })
    const dir = tempDir()
    const file = join(dir, 'speakloop.db')
    migrate(file, migrations)
    const db = new Database(file)
    db.prepare(`INSERT INTO Session (id, updatedAt, topic) VALUES ('s1', '2026-01-01T00:00:00.000Z', 'kept')`).run()
    db.prepare(`INSERT INTO Transcript (id, sessionId, text, words, wordCount, language, durationMs) VALUES ('t1', 's1', ?, '[]', 4, 'en', 1000)`).run(
      `We went to ${SECRET} market.`
    )
    db.close()
    for (const name of UPDATE) cpSync(join(MIGRATIONS, name), join(migrations, name), { recursive: true })
    return { dir, file, migrations }
  }

  it('deletes the backup once the migrated database opened and passed its checks', async () => {
    const { dir, file, migrations } = olderDatabase()
    const opened = await openDatabase(file, migrations)
    expect(opened.migration.applied).toEqual(UPDATE)
    expect(opened.migration.backupPath).toMatch(/speakloop\.db\.backup-/)
    expect(existsSync(opened.migration.backupPath!)).toBe(false)
    expect(readdirSync(dir).filter((name) => name.includes('backup'))).toEqual([])
    expect(await opened.prisma.transcript.count()).toBe(1)
    await opened.close()
  })

  it('an upgrade leaves no trace of what an older Speakloop deleted (free pages, index segments)', async () => {
    const { file, migrations } = olderDatabase()
    // The older build deleted without secure_delete: the text stayed in free pages and the index.
    const db = new Database(file)
    db.prepare(`DELETE FROM Session WHERE id = 's1'`).run()
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    expect(filesHolding(dirname(file), SECRET)).not.toEqual([])

    const opened = await openDatabase(file, migrations)
    expect(filesHolding(dirname(file), SECRET)).toEqual([])
    await opened.close()
  })

  it('a failing migration restores the backup, keeps it, and says where it is', async () => {
    const { dir, file, migrations } = olderDatabase()
    // Two pending: the first commits, the second fails, so only the backup gives back the old data.
    writeMigration(migrations, '29990101000000_good', 'CREATE TABLE "Good" ("id" TEXT);')
    writeMigration(migrations, '29990102000000_broken', 'CREATE TABLE "Half" ("id" TEXT); INSERT INTO "Missing" VALUES (1);')
    const error = await openDatabase(file, migrations).then(
      () => null,
      (e: unknown) => e as Error
    )
    expect(error).toBeInstanceOf(MigrationError)
    const backups = readdirSync(dir).filter((name) => name.includes('backup'))
    expect(backups).toHaveLength(1)
    expect(error!.message).toContain(`kept at ${join(dir, backups[0]!)}`)
    expect(error!.message).toMatch(/no such table: Missing/)
    const db = new Database(file, { readonly: true })
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name IN ('Good', 'Half', 'DeletionRecord')`).all()).toEqual([])
    expect(db.prepare('SELECT text FROM Transcript').get()).toEqual({ text: `We went to ${SECRET} market.` })
    db.close()
  })

  it('a migrated file that fails the schema guard is restored from its kept backup', async () => {
    const { dir, file, migrations } = olderDatabase()
    // Drift the older file (an index gone): the migrations apply, but the result is not this version's schema.
    const db = new Database(file)
    db.exec('DROP INDEX "Insight_patternKey_idx"')
    db.close()
    await expect(openDatabase(file, migrations)).rejects.toThrow(/schema guard found index Insight_patternKey_idx .*kept at /)
    expect(readdirSync(dir).filter((name) => name.includes('backup'))).toHaveLength(1)
    const after = new Database(file, { readonly: true })
    expect(after.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'DeletionRecord'`).get()).toEqual({ n: 0 })
    after.close()
  })
})

function writeMigration(dir: string, name: string, sql: string): void {
  mkdirSync(join(dir, name))
  writeFileSync(join(dir, name, 'migration.sql'), sql)
}
