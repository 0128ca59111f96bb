import { readFileSync, rmSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'

/** Raised when another Speakloop process already runs jobs on this data directory. */
export class InstanceLockedError extends Error {
  constructor(pid: number | null) {
    const who = pid === null ? 'another process' : `process ${pid}`
    super(`Speakloop is already processing sessions in this data folder (${who}). Close it first.`)
    this.name = 'InstanceLockedError'
  }
}

/**
 * Takes the data directory's runner lock, so exactly one runner claims jobs. The lock is an OS file
 * lock (SQLite's write lock on `file`, a tiny database of its own: fcntl on macOS and Linux,
 * LockFileEx on Windows), which the OS drops the moment the holder dies, however it dies. No pid is
 * checked for liveness: a leftover file with a reused pid (Windows ends apps at logoff without
 * before-quit) never stops a start. The holder's pid is stored only to name it in the error.
 * Returns the release function.
 */
export function acquireInstanceLock(file: string, pid = process.pid): () => void {
  removeLegacyPidFile(file)
  try {
    return lock(file, pid)
  } catch (error) {
    // Not a database (a damaged file): no process can hold an SQLite lock on it, so it is replaced.
    if ((error as { code?: string }).code !== 'SQLITE_NOTADB') throw error
    rmSync(file, { force: true })
    return lock(file, pid)
  }
}

function lock(file: string, pid: number): () => void {
  // timeout 0: a held lock answers SQLITE_BUSY at once instead of waiting.
  const db = new Database(file, { timeout: 0 })
  try {
    if (!tryBegin(db)) throw new InstanceLockedError(holderPid(db))
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL)')
    db.exec('DELETE FROM holder')
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(pid)
    // Committed so that a contender can read who holds the lock; a short wait covers one reading it now.
    db.pragma('busy_timeout = 2000')
    db.exec('COMMIT')
    // Held from here until release or death. Another process taking it in between is the winner.
    if (!tryBegin(db)) throw new InstanceLockedError(holderPid(db))
  } catch (error) {
    db.close()
    throw error
  }
  let released = false
  return () => {
    if (released) return
    released = true
    db.close()
  }
}

/** BEGIN IMMEDIATE takes SQLite's RESERVED lock, which one connection at a time can hold; readers still read. */
function tryBegin(db: Database.Database): boolean {
  try {
    db.exec('BEGIN IMMEDIATE')
    return true
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return false
    throw error
  }
}

function holderPid(db: Database.Database): number | null {
  try {
    const row = db.prepare('SELECT pid FROM holder LIMIT 1').get() as { pid: number } | undefined
    return row?.pid ?? null
  } catch {
    // The holder is between its first lock and its pid (no table yet, or it is committing).
    return null
  }
}

/** Versions before this one wrote the holder's pid as text into the same file; it holds no OS lock. */
function removeLegacyPidFile(file: string): void {
  try {
    if (statSync(file).size > 32) return
    if (/^\d+\s*$/.test(readFileSync(file, 'utf8'))) rmSync(file, { force: true })
  } catch {
    // No file: nothing to remove.
  }
}
