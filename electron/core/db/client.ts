import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaClient } from './generated/client.ts'
import { migrate, type MigrateResult } from './migrator.ts'

export type Db = PrismaClient
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

export interface OpenedDatabase {
  prisma: Db
  migration: MigrateResult
  close(): Promise<void>
}

/**
 * Migrates the file, then opens Prisma over it with WAL, foreign keys on and a busy timeout.
 * The adapter holds one connection, so every write goes through `$transaction` (which takes
 * the adapter's lock) to keep concurrent jobs from interleaving inside another's transaction.
 * Two databases opened on one file in the same process can deadlock (better-sqlite3 waits for
 * the file lock synchronously while the other's transaction needs the event loop to commit);
 * the app and the CLI are separate processes, so tests that need two writers use a child process.
 */
export async function openDatabase(file: string, migrationsDir: string): Promise<OpenedDatabase> {
  mkdirSync(dirname(file), { recursive: true })
  const migration = migrate(file, migrationsDir)
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 5000 }) })
  await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON')
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
  return { prisma, migration, close: () => prisma.$disconnect() }
}
