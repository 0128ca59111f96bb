import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'

/** Raised when another Speakloop process already runs jobs on this data directory. */
export class InstanceLockedError extends Error {
  constructor(pid: number) {
    super(`Speakloop is already processing sessions in this data folder (process ${pid}). Close it first.`)
    this.name = 'InstanceLockedError'
  }
}

/**
 * Takes the data directory's runner lock (a pid file created exclusively), so exactly one
 * runner claims jobs; a lock left by a dead process is taken over. Returns the release function.
 */
export function acquireInstanceLock(file: string, pid = process.pid): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx')
      writeSync(fd, String(pid))
      closeSync(fd)
      return () => rmSync(file, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number.parseInt(readFileSync(file, 'utf8'), 10)
      if (Number.isInteger(holder) && holder !== pid && isAlive(holder)) throw new InstanceLockedError(holder)
      rmSync(file, { force: true })
    }
  }
  throw new InstanceLockedError(-1)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
