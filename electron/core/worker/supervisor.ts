import { fork } from 'node:child_process'
import { PipelineError } from '../providers/types.ts'
import { isWorkerProgress, isWorkerReply, type WorkerProgress, type WorkerReply, type WorkerRequest } from './protocol.ts'

/**
 * How a worker process ended. `reason` carries what the host knows beyond code and signal
 * (Electron's `child-process-gone` reports 'oom' for a utility process, for instance).
 */
export interface WorkerExit {
  code: number | null
  signal: string | null
  reason?: string
}

/**
 * The part of a child process the supervisor uses. Node's `ChildProcess` fits through
 * `forkWorker`; Electron's `UtilityProcess` (postMessage, 'message', 'exit', kill) through
 * `utilityProcessWorker` (utilityProcess.ts), which the main process gives Electron's functions.
 */
export interface WorkerHandle {
  readonly pid?: number
  postMessage(message: unknown): void
  onMessage(listener: (message: unknown) => void): void
  onExit(listener: (exit: WorkerExit) => void): void
  kill(): void
}

/**
 * Starts the worker at `modulePath` (the built worker entry). The seam between the core and its
 * host: `forkWorker()` (child_process.fork) outside Electron, `utilityProcessWorker()` over
 * Electron's `utilityProcess.fork` in the app, a fake in tests.
 */
export type SpawnWorker = (modulePath: string) => WorkerHandle

export interface SuperviseOptions {
  modulePath: string
  /** Structured-cloneable: it crosses the process boundary. */
  request: unknown
  /**
   * A worker silent this long (no progress note, no reply) is taken to hang and killed. Each note
   * starts the wait again, so a long job that keeps advancing is never cut short. The job runner's
   * own limit reaches us through `signal`.
   */
  timeoutMs: number
  signal?: AbortSignal
  spawn?: SpawnWorker
  /** Names the work in learner-facing messages, e.g. "On-device transcription". */
  task?: string
  provider?: string
  /** Progress notes the worker sends before its reply. */
  onProgress?: (progress: WorkerProgress) => void
}

/**
 * Runs one request in a child process and resolves with its reply. A crash, an out-of-memory
 * exit, a hang or a cancel kills the child and rejects with a learner-readable `PipelineError`;
 * nothing the child does can throw in this process.
 */
export function superviseWorker<T>(options: SuperviseOptions): Promise<T> {
  const task = options.task ?? 'On-device processing'
  const provider = options.provider ?? 'on-device'
  const fail = (kind: PipelineError['kind'], message: string, hint: string, cause?: unknown) =>
    new PipelineError(kind, message, { hint, provider, cause })

  return new Promise<T>((resolve, reject) => {
    const { signal } = options
    if (signal?.aborted) {
      reject(cancelled(provider))
      return
    }
    let child: WorkerHandle
    try {
      child = (options.spawn ?? forkWorker())(options.modulePath)
    } catch (error) {
      reject(fail('permanent', `${task} could not start.`, 'Reinstall Speakloop if this keeps happening.', error))
      return
    }

    let settled = false
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      // Also after a reply: the worker exits by itself, this makes sure of it.
      child.kill()
      outcome()
    }
    const onAbort = () => settle(() => reject(cancelled(provider)))
    const hung = () => settle(() => reject(fail('transient', `${task} stopped responding and was ended.`, 'Speakloop will try again. A smaller model is faster.')))
    let timer = setTimeout(hung, options.timeoutMs)
    signal?.addEventListener('abort', onAbort, { once: true })

    child.onMessage((message) => {
      if (isWorkerProgress(message) && !settled) {
        clearTimeout(timer)
        timer = setTimeout(hung, options.timeoutMs)
        options.onProgress?.(message)
      }
      if (!isWorkerReply(message)) return
      settle(() => (message.type === 'result' ? resolve(message.payload as T) : reject(fromFailure(message, task, provider))))
    })
    child.onExit((exit) => settle(() => reject(exitError(exit, task, provider))))
    try {
      child.postMessage({ type: 'request', payload: options.request } satisfies WorkerRequest)
    } catch (error) {
      settle(() => reject(fail('transient', `${task} could not start.`, 'Speakloop will try again.', error)))
    }
  })
}

export type ExitKind = 'out-of-memory' | 'crash' | 'no-reply'

// Windows' STATUS_NO_MEMORY (0xC0000017), seen unsigned or signed depending on the host.
const WINDOWS_NO_MEMORY = [0xc0000017, 0xc0000017 - 2 ** 32]

/**
 * Names an exit that came before any reply, and so the message the learner sees:
 * - out-of-memory (permanent, "ran out of memory… choose a smaller model"): reason 'oom' (Electron's
 *   'oom' and 'memory-eviction', see utilityProcess.ts); SIGKILL we did not send, which is what the
 *   Linux OOM killer and macOS memory pressure do (Electron's 'killed'); exit code 137, the same
 *   seen through a shell; Windows' STATUS_NO_MEMORY.
 * - no-reply (transient): a clean exit (code 0, no reason) without an answer.
 * - crash (transient, "stopped unexpectedly"): everything else, e.g. SIGSEGV, SIGABRT (a failed
 *   assertion in whisper.cpp), an uncaught exception, Electron's 'crashed', 'abnormal-exit',
 *   'launch-failed' and 'integrity-failure'.
 */
export function classifyExit(exit: WorkerExit): ExitKind {
  if (exit.reason === 'oom') return 'out-of-memory'
  if (exit.signal === 'SIGKILL' || exit.code === 137) return 'out-of-memory'
  if (exit.code !== null && WINDOWS_NO_MEMORY.includes(exit.code)) return 'out-of-memory'
  if (exit.code === 0 && exit.signal === null && exit.reason === undefined) return 'no-reply'
  return 'crash'
}

function exitError(exit: WorkerExit, task: string, provider: string): PipelineError {
  const cause = new Error(`worker exited: code ${exit.code}, signal ${exit.signal}, reason ${exit.reason ?? '-'}`)
  switch (classifyExit(exit)) {
    case 'out-of-memory':
      // Retrying at once would hit the same wall; the learner has to free memory or pick a smaller model.
      return new PipelineError('permanent', `Your computer ran out of memory during ${lowerFirst(task)}.`, {
        hint: 'Close other apps or choose a smaller model in Settings, then press Retry.',
        provider,
        cause
      })
    case 'no-reply':
      return new PipelineError('transient', `${task} stopped without a result.`, { hint: 'Speakloop will try again.', provider, cause })
    case 'crash':
      return new PipelineError('transient', `${task} stopped unexpectedly.`, { hint: 'Speakloop will try again.', provider, cause })
  }
}

function fromFailure(reply: Extract<WorkerReply, { type: 'failure' }>, task: string, provider: string): PipelineError {
  if (!reply.failure) return new PipelineError('transient', `${task} failed.`, { hint: 'Speakloop will try again.', provider })
  const { kind, message, hint } = reply.failure
  return new PipelineError(kind, message, { hint: hint ?? undefined, provider })
}

// Same wording as the job runner's own cancel, which normally wins; this covers direct callers.
function cancelled(provider: string): PipelineError {
  return new PipelineError('permanent', 'Cancelled.', { hint: 'Retry to process this session again.', provider })
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

export interface ForkOptions {
  /** e.g. ['--import', 'tsx'] to run a TypeScript entry in tests; the built app forks plain JS. */
  execArgv?: string[]
}

/** `SpawnWorker` over `child_process.fork`, used outside Electron (CLI, tests). */
export function forkWorker(options: ForkOptions = {}): SpawnWorker {
  return (modulePath) => {
    const child = fork(modulePath, [], {
      execArgv: options.execArgv ?? [],
      // stdout is not ours to print (it could carry text from the recording); stderr is kept for crash traces.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      // Structured clone, like Electron's utilityProcess: typed arrays cross intact.
      serialization: 'advanced'
    })
    let exited = false
    const exitListeners: ((exit: WorkerExit) => void)[] = []
    const ended = (exit: WorkerExit) => {
      if (exited) return
      exited = true
      for (const listener of exitListeners) listener(exit)
    }
    // 'close', not 'exit': it comes after the IPC channel has delivered the last reply.
    child.on('close', (code, signal) => ended({ code, signal }))
    // Always listened to: an unhandled 'error' (spawn failure, send on a closed channel) would throw here.
    child.on('error', (error) => {
      if (child.pid === undefined) ended({ code: null, signal: null, reason: `spawn failed: ${error.message}` })
    })
    return {
      pid: child.pid,
      postMessage: (message) => {
        child.send(message as never)
      },
      onMessage: (listener) => {
        child.on('message', listener)
      },
      onExit: (listener) => {
        exitListeners.push(listener)
      },
      // SIGKILL: a hung native computation may never return to handle SIGTERM.
      kill: () => {
        if (!exited) child.kill('SIGKILL')
      }
    }
  }
}
