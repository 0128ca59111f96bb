import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { acquireInstanceLock, InstanceLockedError } from '../../../electron/core/db/instanceLock.ts'

const HOLDER = fileURLToPath(new URL('./fixtures/holdsLock.ts', import.meta.url))
const dirs: string[] = []
function lockFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'speakloop-lock-'))
  dirs.push(dir)
  return join(dir, 'runner.lock')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** Another process holding the lock until it is killed. */
async function holderProcess(file: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, file], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', () => resolve())
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)))
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return { pid: child.pid!, kill: async () => (child.kill('SIGKILL'), await exited) }
}

describe('acquireInstanceLock', () => {
  it('lets one runner hold the lock; a second one is refused, naming the holder, until it is released', () => {
    const file = lockFile()
    const release = acquireInstanceLock(file, 4242)
    expect(() => acquireInstanceLock(file)).toThrow(InstanceLockedError)
    expect(() => acquireInstanceLock(file)).toThrow('Speakloop is already processing sessions in this data folder (process 4242). Close it first.')
    release()
    acquireInstanceLock(file)()
  })

  it('is free the moment its holder dies, however it dies (the OS drops the lock)', async () => {
    const file = lockFile()
    const holder = await holderProcess(file)
    expect(() => acquireInstanceLock(file)).toThrow(`(process ${holder.pid})`)
    await holder.kill()
    const release = acquireInstanceLock(file)
    release()
  })

  it('never checks the recorded pid: a leftover lock naming a live process (a reused pid) does not stop a start', () => {
    const file = lockFile()
    // The file stays behind after release and names this very process, which is alive.
    acquireInstanceLock(file, process.pid)()
    acquireInstanceLock(file, process.pid)()
    // The pid file of earlier versions, naming a live process, is replaced rather than obeyed.
    writeFileSync(file, String(process.ppid))
    acquireInstanceLock(file)()
  })

  it('replaces a damaged lock file, which no process can hold', () => {
    const file = lockFile()
    writeFileSync(file, 'x'.repeat(4096))
    acquireInstanceLock(file)()
  })
})
