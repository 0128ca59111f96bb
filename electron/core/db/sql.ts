import type BetterSqlite3 from 'better-sqlite3'

/** A value better-sqlite3 binds: dates are written the way Prisma's adapter writes them. */
export type SqlValue = string | number | bigint | null | Buffer | Date

/** The statements a piece of work runs inside `Sql.read` or `Sql.write`. */
export interface Queries {
  get<T>(sql: string, ...params: SqlValue[]): T | undefined
  all<T>(sql: string, ...params: SqlValue[]): T[]
  run(sql: string, ...params: SqlValue[]): { changes: number }
}

/**
 * Prisma's adapter stores a DateTime as ISO 8601 with `+00:00` (its default `iso8601` format);
 * rows written here must compare and sort the same way as rows Prisma wrote.
 */
export function sqlDate(date: Date): string {
  return date.toISOString().replace('Z', '+00:00')
}

/** A DATETIME column read back as text. */
export function fromSqlDate(value: string): Date
export function fromSqlDate(value: string | null): Date | null
export function fromSqlDate(value: string | null): Date | null {
  return value === null ? null : new Date(value)
}

/** How long a statement waits for another process's lock on the file. */
export const BUSY_TIMEOUT_MS = 5000

/**
 * The settings every connection to the data file gets, Prisma's and the migrator's alike.
 * `secure_delete` overwrites deleted rows and freed pages with zeros: without it a deleted
 * transcript stays readable in the file's free pages until they happen to be reused.
 */
export function configureConnection(db: BetterSqlite3.Database): void {
  db.pragma('journal_mode = WAL')
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  db.pragma('secure_delete = ON')
  db.pragma('foreign_keys = ON')
  db.pragma('synchronous = NORMAL')
}

/** A first-come, first-served lock: one holder at a time, the rest wait in order. */
export class Lock {
  #tail: Promise<void> = Promise.resolve()

  async acquire(): Promise<() => void> {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const previous = this.#tail
    this.#tail = previous.then(() => held)
    await previous
    return release
  }
}

/**
 * The pipeline's hot path on the same better-sqlite3 connection Prisma uses, with statements
 * prepared once. Prisma costs about half a millisecond per statement (query planning in JS,
 * a fresh prepare each time); the pipeline runs dozens per session, so its claims, stage
 * commits and status reads come here instead.
 *
 * One connection means one transaction at a time: `read` and `write` take the same lock as
 * Prisma's interactive transactions (see client.ts), then run synchronously, so neither can
 * land inside the other. Every value is a plain number, never a BigInt.
 */
export class Sql {
  readonly #db: BetterSqlite3.Database
  readonly #lock: Lock
  readonly #statements = new Map<string, BetterSqlite3.Statement>()
  readonly #queries: Queries

  constructor(db: BetterSqlite3.Database, lock: Lock) {
    this.#db = db
    this.#lock = lock
    this.#queries = {
      get: (sql, ...params) => this.#prepare(sql).get(...params.map(bindable)) as never,
      all: (sql, ...params) => this.#prepare(sql).all(...params.map(bindable)) as never,
      run: (sql, ...params) => this.#prepare(sql).run(...params.map(bindable))
    }
  }

  /**
   * Reads without a transaction of its own (a BEGIN and COMMIT would double a one-statement
   * read): `work` runs synchronously under the lock, so no write of this process lands
   * between its statements.
   */
  read<T>(work: (q: Queries) => T): Promise<T> {
    return this.#locked(() => work(this.#queries))
  }

  /** Writes in one transaction, taking the write lock up front (BEGIN IMMEDIATE). */
  write<T>(work: (q: Queries) => T): Promise<T> {
    return this.#locked(() => this.#db.transaction(work).immediate(this.#queries))
  }

  /**
   * Moves every page of the write-ahead log into the database file and empties the log, so a
   * page image from before a deletion no longer lies in the WAL. A reader in another process
   * (the CLI listing sessions) can keep the log from being emptied: the checkpoint waits for it
   * at most `waitMs` (this runs synchronously, on the event loop), and `busy` then says so.
   */
  checkpoint(waitMs = 250): Promise<{ busy: boolean; walPages: number }> {
    return this.#locked(() => {
      this.#db.pragma(`busy_timeout = ${Math.max(0, Math.floor(waitMs))}`)
      try {
        // Prisma's connection reads integers as BigInt.
        const [row] = this.#db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number | bigint; log: number | bigint }[]
        return { busy: Number(row!.busy) !== 0, walPages: Number(row!.log) }
      } finally {
        this.#db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
      }
    })
  }

  /** Rewrites the database file with only its live pages (no transaction may be open), then empties the WAL. */
  vacuum(): Promise<void> {
    return this.#locked(() => {
      this.#db.exec('VACUUM')
      this.#db.pragma('wal_checkpoint(TRUNCATE)')
    })
  }

  async #locked<T>(work: () => T): Promise<T> {
    const release = await this.#lock.acquire()
    try {
      return work()
    } finally {
      release()
    }
  }

  #prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sql)
    if (!statement) {
      statement = this.#db.prepare(sql).safeIntegers(false)
      this.#statements.set(sql, statement)
    }
    return statement
  }
}

function bindable(value: SqlValue): Exclude<SqlValue, Date> {
  return value instanceof Date ? sqlDate(value) : value
}
