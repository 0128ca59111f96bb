import Database from 'better-sqlite3'

/** What the probe has counted so far; subtract two snapshots to get one interval. */
export interface SqlCounts {
  statements: number
  /** Time in better-sqlite3's prepare (Prisma's adapter prepares every statement afresh; `Sql` once). */
  prepareMs: number
  /** Time in run()/all(): SQLite executing the statement. */
  executeMs: number
  byVerb: Record<string, number>
  /** Statement text (whitespace folded, cut to 100 characters) → how often it was prepared. */
  bySql: Record<string, number>
}

export interface SqlProbe {
  snapshot(): SqlCounts
  uninstall(): void
}

type Method = (this: unknown, ...args: unknown[]) => unknown

/**
 * Counts and times every statement that runs through better-sqlite3 in this process by wrapping
 * the prototypes (prepare; run, get and all): Prisma's adapter prepares every statement afresh,
 * the pipeline's own `Sql` prepares each once and runs it many times, so a statement is counted
 * when it runs. For diagnosis only: the wrapping itself costs a little, so timed benchmarks run
 * without it.
 */
export function installSqlProbe(): SqlProbe {
  const counts: SqlCounts = { statements: 0, prepareMs: 0, executeMs: 0, byVerb: {}, bySql: {} }
  const database = Database.prototype as unknown as Record<string, Method>
  const scratch = new Database(':memory:')
  const statement = Object.getPrototypeOf(scratch.prepare('SELECT 1')) as Record<string, Method>
  scratch.close()

  const originals = { prepare: database.prepare!, run: statement.run!, get: statement.get!, all: statement.all! }
  database.prepare = function (this: unknown, ...args: unknown[]) {
    const start = performance.now()
    try {
      return originals.prepare.apply(this, args)
    } finally {
      counts.prepareMs += performance.now() - start
    }
  }
  const timed = (original: Method): Method =>
    function (this: unknown, ...args: unknown[]) {
      const start = performance.now()
      try {
        return original.apply(this, args)
      } finally {
        counts.executeMs += performance.now() - start
        counts.statements++
        const sql = String((this as { source?: string }).source ?? '').replace(/\s+/g, ' ').trim()
        const verb = sql.split(' ', 1)[0]!.toUpperCase()
        counts.byVerb[verb] = (counts.byVerb[verb] ?? 0) + 1
        const text = sql.slice(0, 100)
        counts.bySql[text] = (counts.bySql[text] ?? 0) + 1
      }
    }
  statement.run = timed(originals.run)
  statement.get = timed(originals.get)
  statement.all = timed(originals.all)

  return {
    snapshot: () => ({ ...counts, byVerb: { ...counts.byVerb }, bySql: { ...counts.bySql } }),
    uninstall() {
      database.prepare = originals.prepare
      statement.run = originals.run
      statement.get = originals.get
      statement.all = originals.all
    }
  }
}

/** `later - earlier`, key by key. */
export function difference(later: SqlCounts, earlier: SqlCounts): SqlCounts {
  return {
    statements: later.statements - earlier.statements,
    prepareMs: later.prepareMs - earlier.prepareMs,
    executeMs: later.executeMs - earlier.executeMs,
    byVerb: subtract(later.byVerb, earlier.byVerb),
    bySql: subtract(later.bySql, earlier.bySql)
  }
}

function subtract(later: Record<string, number>, earlier: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [key, n] of Object.entries(later)) {
    const delta = n - (earlier[key] ?? 0)
    if (delta) out[key] = delta
  }
  return out
}
