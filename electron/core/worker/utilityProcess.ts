import type { SpawnWorker, WorkerExit } from './supervisor.ts'

/**
 * `SpawnWorker` over Electron's `utilityProcess.fork`, without importing electron: the main
 * process passes the two Electron functions in. A utility process's 'exit' event carries only a
 * code; why it ended (out of memory, crashed, killed) comes separately, through the app's
 * 'child-process-gone' event, which this adapter matches to the process by its service name.
 *
 * Wiring, in electron/main:
 *   const spawn = utilityProcessWorker({
 *     fork: (entry, args, options) => utilityProcess.fork(entry, args, options),
 *     onChildProcessGone: (listener) => {
 *       const handler = (_event: unknown, details: ChildGoneDetails) => listener(details)
 *       app.on('child-process-gone', handler)
 *       return () => app.off('child-process-gone', handler)
 *     }
 *   })
 */

/** The part of Electron's `UtilityProcess` used here. */
export interface UtilityProcessLike {
  readonly pid?: number
  postMessage(message: unknown): void
  on(event: 'message', listener: (message: unknown) => void): unknown
  on(event: 'exit', listener: (code: number) => void): unknown
  kill(): boolean
}

export interface UtilityForkOptions {
  /** Shown in Activity Monitor / Task Manager, and how 'child-process-gone' names the process. */
  serviceName: string
  /** stdout is not ours to print (it could carry recording text); stderr keeps crash traces. */
  stdio: ['ignore', 'ignore', 'inherit']
}

export type UtilityFork = (modulePath: string, args: string[], options: UtilityForkOptions) => UtilityProcessLike

/** Electron's `Details` of 'child-process-gone' (the fields used). */
export interface ChildGoneDetails {
  type: string
  reason: string
  exitCode: number
  serviceName?: string
  name?: string
}

export interface UtilityWorkerOptions {
  fork: UtilityFork
  /** Subscribes to the app's 'child-process-gone'; returns the unsubscribe. Without it, only exit codes are known. */
  onChildProcessGone?: (listener: (details: ChildGoneDetails) => void) => () => void
  /** Prefix of each process's service name. */
  serviceName?: string
  /** How long to wait after 'exit' for the matching 'child-process-gone'. */
  graceMs?: number
}

let forks = 0

/** A `SpawnWorker` that starts each worker with `utilityProcess.fork` (see the wiring above). */
export function utilityProcessWorker(options: UtilityWorkerOptions): SpawnWorker {
  return (modulePath) => {
    const serviceName = `${options.serviceName ?? 'Speakloop worker'} ${++forks}`
    const child = options.fork(modulePath, [], { serviceName, stdio: ['ignore', 'ignore', 'inherit'] })
    let gone: ChildGoneDetails | null = null
    let exited = false
    const exitListeners: ((exit: WorkerExit) => void)[] = []
    const unsubscribe =
      options.onChildProcessGone?.((details) => {
        if (details.type === 'Utility' && (details.name === serviceName || details.serviceName === serviceName)) gone = details
      }) ?? (() => undefined)

    child.on('exit', (code) => {
      if (exited) return
      exited = true
      const report = () => {
        unsubscribe()
        const exit = utilityExit(code, gone)
        for (const listener of exitListeners) listener(exit)
      }
      if (gone || !options.onChildProcessGone) report()
      else setTimeout(report, options.graceMs ?? 250)
    })
    return {
      pid: child.pid,
      postMessage: (message) => child.postMessage(message),
      onMessage: (listener) => {
        child.on('message', listener)
      },
      onExit: (listener) => {
        exitListeners.push(listener)
      },
      kill: () => {
        if (!exited) child.kill()
      }
    }
  }
}

/**
 * Electron's reasons in the terms `classifyExit` reads:
 * - 'oom' and 'memory-eviction': out of memory.
 * - 'killed': the OS reclaiming memory, as a SIGKILL is on Linux and macOS. (A kill the supervisor
 *   sent itself comes after it has settled, so it is never classified.)
 * - 'crashed', 'abnormal-exit', 'launch-failed', 'integrity-failure': crashes.
 * - 'clean-exit', or no report at all: the exit code decides (0 is an exit without a reply).
 */
export function utilityExit(code: number, gone: ChildGoneDetails | null): WorkerExit {
  if (!gone) return { code, signal: null }
  switch (gone.reason) {
    case 'clean-exit':
      return { code, signal: null }
    case 'oom':
    case 'memory-eviction':
      return { code, signal: null, reason: 'oom' }
    case 'killed':
      return { code, signal: 'SIGKILL' }
    default:
      return { code, signal: null, reason: gone.reason }
  }
}
