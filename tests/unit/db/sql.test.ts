import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type OpenedDatabase } from '../../../electron/core/db/client.ts'
import { sqlDate } from '../../../electron/core/db/sql.ts'

const MIGRATIONS = join(import.meta.dirname, '../../../prisma/migrations')

let dir: string | null = null
let db: OpenedDatabase | null = null

async function open(): Promise<OpenedDatabase> {
  dir = mkdtempSync(join(tmpdir(), 'speakloop-sql-'))
  db = await openDatabase(join(dir, 'speakloop.db'), MIGRATIONS)
  return db
}

afterEach(async () => {
  await db?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
  db = dir = null
})

const settingKeys = (opened: OpenedDatabase) =>
  opened.sql.read((q) => q.all<{ key: string }>('SELECT "key" FROM "Setting" ORDER BY "key"').map((row) => row.key))

describe('Sql on the connection Prisma uses', () => {
  it('waits for a Prisma transaction in flight instead of writing inside it', async () => {
    const { prisma, sql } = await open()
    let inside!: () => void
    const prismaInside = new Promise<void>((resolve) => (inside = resolve))
    const rolledBack = prisma
      .$transaction(async (tx) => {
        await tx.setting.create({ data: { key: 'prisma', value: '1' } })
        inside()
        await new Promise((resolve) => setTimeout(resolve, 50))
        throw new Error('roll back')
      })
      .catch((error: Error) => error.message)
    await prismaInside
    // Without the shared lock this INSERT would run inside Prisma's open transaction on the
    // same connection, and its rollback would take the row with it.
    const written = sql.write((q) => q.run('INSERT INTO "Setting" ("key", "value") VALUES (?, ?)', 'sql', '2'))
    expect(await rolledBack).toBe('roll back')
    expect((await written).changes).toBe(1)
    expect(await settingKeys(db!)).toEqual(['sql'])
  })

  it('rolls back every statement of a write that throws', async () => {
    const { sql } = await open()
    await expect(
      sql.write((q) => {
        q.run('INSERT INTO "Setting" ("key", "value") VALUES (?, ?)', 'half', '1')
        throw new Error('stop')
      })
    ).rejects.toThrow('stop')
    expect(await settingKeys(db!)).toEqual([])
  })

  it('writes dates as Prisma does, so rows from either side compare and read back alike', async () => {
    const { prisma, sql } = await open()
    const early = new Date('2026-01-02T03:04:05.678Z')
    const late = new Date('2026-01-02T03:04:05.679Z')
    await prisma.$transaction((tx) => tx.session.create({ data: { id: 'p', createdAt: late } }))
    await sql.write((q) =>
      q.run('INSERT INTO "Session" ("id", "status", "createdAt", "updatedAt", "language", "source") VALUES (?, ?, ?, ?, ?, ?)', 's', 'CREATED', early, early, 'en', 'recording')
    )
    const stored = await sql.read((q) => q.all<{ id: string; createdAt: string }>('SELECT "id", "createdAt" FROM "Session" ORDER BY "createdAt"'))
    expect(stored).toEqual([
      { id: 's', createdAt: sqlDate(early) },
      { id: 'p', createdAt: sqlDate(late) }
    ])
    expect((await prisma.session.findUnique({ where: { id: 's' } }))?.createdAt).toEqual(early)
  })

  it('returns integers as numbers, not BigInt', async () => {
    const { sql } = await open()
    const row = await sql.read((q) => q.get<{ n: unknown }>('SELECT count(*) AS "n" FROM "Session"'))
    expect(row?.n).toBe(0)
  })
})
