import Database from 'better-sqlite3'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../electron/core/db/migrator.ts'

const MIGRATIONS = join(import.meta.dirname, '../../../prisma/migrations')
const SCHEMA = readFileSync(join(import.meta.dirname, '../../../prisma/schema.prisma'), 'utf8')

const SQL_TYPES: Record<string, string> = {
  String: 'TEXT',
  Int: 'INTEGER',
  DateTime: 'DATETIME',
  Boolean: 'BOOLEAN',
  Float: 'REAL',
  BigInt: 'BIGINT'
}

interface PrismaField {
  name: string
  type: string
  optional: boolean
}

/** The scalar fields of every model in schema.prisma (relation fields skipped). */
function prismaModels(schema: string): Map<string, PrismaField[]> {
  const models = new Map<string, PrismaField[]>()
  for (const match of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const fields: PrismaField[] = []
    for (const line of match[2]!.split('\n')) {
      const field = /^\s+(\w+)\s+(\w+)(\??)(\[\])?/.exec(line)
      if (!field || !SQL_TYPES[field[2]!] || field[4]) continue
      fields.push({ name: field[1]!, type: field[2]!, optional: field[3] === '?' })
    }
    models.set(match[1]!, fields)
  }
  return models
}

describe('schema guard', () => {
  it('the migrations build exactly the tables and columns schema.prisma declares', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'speakloop-guard-')), 'guard.db')
    migrate(file, MIGRATIONS)
    const db = new Database(file, { readonly: true })
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'").all() as {
        name: string
      }[]
    )
      .map((t) => t.name)
      .filter((name) => !name.startsWith('TranscriptSearch'))
    const models = prismaModels(SCHEMA)
    expect(models.size).toBeGreaterThanOrEqual(7)
    expect(tables.sort()).toEqual([...models.keys()].sort())

    for (const [model, fields] of models) {
      const columns = db.prepare(`PRAGMA table_info("${model}")`).all() as {
        name: string
        type: string
        notnull: number
      }[]
      expect(columns.map((c) => c.name).sort(), model).toEqual(fields.map((f) => f.name).sort())
      for (const field of fields) {
        const column = columns.find((c) => c.name === field.name)!
        expect(column.type, `${model}.${field.name}`).toBe(SQL_TYPES[field.type])
        expect(column.notnull === 0, `${model}.${field.name} nullability`).toBe(field.optional)
      }
    }
    db.close()
  })

  it('the migrations build exactly the indexes schema.prisma declares, named as Prisma names them', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'speakloop-guard-')), 'guard.db')
    migrate(file, MIGRATIONS)
    const db = new Database(file, { readonly: true })
    const indexes = (
      db.prepare("SELECT name, tbl_name AS \"table\" FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").all() as { name: string; table: string }[]
    ).filter((index) => !index.table.startsWith('_') && !index.table.startsWith('TranscriptSearch'))
    const actual = indexes.map((index) => {
      const columns = (db.prepare(`PRAGMA index_info("${index.name}")`).all() as { name: string }[]).map((c) => c.name)
      return `${index.name}(${columns.join(',')})`
    })
    db.close()
    expect(actual.sort()).toEqual(prismaIndexes(SCHEMA).sort())
  })
})

/** Every @@index, @@unique and @unique of schema.prisma as `<name>(<columns>)`, in Prisma's naming. */
function prismaIndexes(schema: string): string[] {
  const out: string[] = []
  for (const match of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const model = match[1]!
    for (const line of match[2]!.split('\n')) {
      const block = /^\s+@@(index|unique)\(\[([^\]]+)\]/.exec(line)
      if (block) {
        const columns = block[2]!.split(',').map((c) => c.trim())
        out.push(`${model}_${columns.join('_')}_${block[1] === 'index' ? 'idx' : 'key'}(${columns.join(',')})`)
      }
      const field = /^\s+(\w+)\s+\w+.*@unique/.exec(line)
      if (field) out.push(`${model}_${field[1]}_key(${field[1]})`)
    }
  }
  return out
}
