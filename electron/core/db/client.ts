import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import type BetterSqlite3 from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaClient } from './generated/client.ts'
import { discardBackups, migrate, MigrationError, restoreBackup, type MigrateResult } from './migrator.ts'
import { configureConnection, Lock, Sql } from './sql.ts'

export type Db = PrismaClient

export interface OpenedDatabase {
  prisma: Db
  /** The same connection, for the pipeline's hot path. */
  sql: Sql
  migration: MigrateResult
  close(): Promise<void>
}

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3['connect']>>
type AdapterTransaction = Awaited<ReturnType<Adapter['startTransaction']>>

/**
 * Prisma's better-sqlite3 adapter, with two additions: it hands out its connection (so `Sql`
 * runs prepared statements on it) and its interactive transactions hold `lock` from BEGIN to
 * COMMIT or ROLLBACK, the same lock `Sql` takes, so a synchronous `Sql.write` never runs in
 * the middle of a Prisma transaction on the shared connection.
 */
class SharedConnection extends PrismaBetterSqlite3 {
  readonly lock = new Lock()
  connection: BetterSqlite3.Database | null = null

  override async connect(): Promise<Adapter> {
    const adapter = await super.connect()
    this.connection = (adapter as unknown as { client: BetterSqlite3.Database }).client
    // Here rather than through Prisma once: every connection the adapter opens gets them.
    configureConnection(this.connection)
    const lock = this.lock
    return forward(adapter, {
      async startTransaction(isolationLevel) {
        const release = await lock.acquire()
        try {
          const transaction = await adapter.startTransaction(isolationLevel)
          const end = (finish: () => Promise<void>) => () => finish().finally(release)
          return forward(transaction, { commit: end(() => transaction.commit()), rollback: end(() => transaction.rollback()) })
        } catch (error) {
          release()
          throw error
        }
      }
    } satisfies Partial<Adapter>)
  }
}

/** `target` with `overrides` in place; every other member is the target's own, bound to it. */
function forward<T extends Adapter | AdapterTransaction>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T]
      const value: unknown = Reflect.get(object, property, object)
      return typeof value === 'function' ? value.bind(object) : value
    }
  })
}

/**
 * Migrates the file, then opens Prisma over it with the pragmas of `configureConnection`.
 * The adapter holds one connection, so every write goes through `$transaction` (which takes
 * the connection's lock) or `Sql.write`, to keep concurrent jobs from interleaving inside
 * another's transaction. Two databases opened on one file in the same process can deadlock
 * (better-sqlite3 waits for the file lock synchronously while the other's transaction needs
 * the event loop to commit); the app and the CLI are separate processes, so tests that need
 * two writers use a child process.
 */
export async function openDatabase(file: string, migrationsDir: string): Promise<OpenedDatabase> {
  mkdirSync(dirname(file), { recursive: true })
  const migration = migrate(file, migrationsDir)
  const adapter = new SharedConnection({ url: `file:${file}`, timeout: 5000 })
  const prisma = new PrismaClient({ adapter })
  try {
    await prisma.$connect()
    if (!adapter.connection) throw new Error('The database connection did not open.')
  } catch (error) {
    await prisma.$disconnect().catch(() => undefined)
    if (!migration.backupPath) throw error
    restoreBackup(file, migration.backupPath)
    throw new MigrationError(
      `Speakloop could not open your updated data (${(error as Error).message}). ` +
        `Your data was restored from the backup made before the update, which is kept at ${migration.backupPath}.`
    )
  }
  // The migrated file opened and passed its checks: a backup is a full copy of every transcript, kept no longer than needed.
  discardBackups(file)
  return { prisma, sql: new Sql(adapter.connection, adapter.lock), migration, close: () => prisma.$disconnect() }
}
