import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { forkWorker, type SpawnWorker } from '../worker/supervisor.ts'

/**
 * Where the transcription worker is and how to start it outside Electron. Built, this module is
 * part of a bundle in out/main or a shared chunk in out/main/chunks, and the worker is
 * out/main/transcribeWorker.js (its own entry in electron.vite.config.ts); from source (tsx: the CLI, the bridge, tests) it is the
 * TypeScript file, which a forked Node needs tsx to load. Electron passes its own `spawn`
 * (utilityProcess), since the packaged app cannot run as Node.
 */
export function defaultWorker(): { workerEntry: string; spawn: SpawnWorker } {
  const here = fileURLToPath(import.meta.url)
  if (here.endsWith('.ts')) {
    return { workerEntry: join(dirname(here), 'transcribeWorker.ts'), spawn: forkWorker({ execArgv: ['--import', 'tsx'] }) }
  }
  const candidates = [join(dirname(here), 'transcribeWorker.js'), join(dirname(here), '..', 'transcribeWorker.js')]
  return { workerEntry: candidates.find((path) => existsSync(path)) ?? candidates[0]!, spawn: forkWorker() }
}
