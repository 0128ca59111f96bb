import { PipelineError, type FailureKind } from '../providers/types.ts'

/** What the supervisor sends: exactly one request per worker process. */
export interface WorkerRequest {
  type: 'request'
  payload: unknown
}

/** A failure the worker could name; its message is shown to the learner as is. */
export interface WorkerFailure {
  kind: FailureKind
  message: string
  hint: string | null
}

/** What the worker answers; `failure: null` means it failed in a way it could not describe. */
export type WorkerReply = { type: 'result'; payload: unknown } | { type: 'failure'; failure: WorkerFailure | null }

/**
 * A note the worker may send before its reply, e.g. `{ type: 'progress', stage: 'transcribing',
 * percent: 40 }`. Never carries recording content.
 */
export interface WorkerProgress {
  type: 'progress'
  stage: string
  percent?: number
}

/** A reply-shaped value, checked because it crossed a process boundary. */
export function isWorkerReply(message: unknown): message is WorkerReply {
  const m = message as { type?: unknown } | null
  return typeof m === 'object' && m !== null && (m.type === 'result' || m.type === 'failure')
}

/** A progress-shaped value, checked because it crossed a process boundary. */
export function isWorkerProgress(message: unknown): message is WorkerProgress {
  const m = message as { type?: unknown; stage?: unknown } | null
  return typeof m === 'object' && m !== null && m.type === 'progress' && typeof m.stage === 'string'
}

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

/**
 * How long a worker that has replied waits to be ended before it exits by itself. The supervisor
 * ends it as soon as it has the reply; this only covers a supervisor that never does.
 */
export const REPLIED_EXIT_GRACE_MS = 30_000

/**
 * Worker side: answers the supervisor's one request with `handler`. Works in a Node
 * `child_process.fork` child (process.send) and in an Electron utility process (process.parentPort).
 * It does not exit after replying: Electron's `parentPort.postMessage` has no completion callback,
 * and exiting at once can drop a reply of several MB still in the channel. The supervisor ends the
 * process once the reply has arrived (superviseWorker kills it on settle).
 */
export function serveOneRequest(handler: (payload: unknown) => Promise<unknown>, options: { graceMs?: number } = {}): void {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort
  const onRequest = (message: unknown) => {
    const request = message as WorkerRequest | null
    if (request?.type !== 'request') return
    handler(request.payload)
      .then(
        (payload): WorkerReply => ({ type: 'result', payload }),
        (error: unknown): WorkerReply => ({ type: 'failure', failure: toWorkerFailure(error) })
      )
      .then((reply) => {
        if (port) port.postMessage(reply)
        else process.send?.(reply)
        // A native library may keep threads alive, so a worker never ended must not linger for ever.
        setTimeout(() => process.exit(0), options.graceMs ?? REPLIED_EXIT_GRACE_MS)
      })
  }
  if (port) port.on('message', (event) => onRequest(event.data))
  else {
    process.on('message', onRequest)
    // A parent that died cannot read the reply: do not linger as an orphan holding a model in memory.
    process.on('disconnect', () => process.exit(0))
  }
}

/** Worker side: tells the supervisor how far the job is (see `WorkerProgress`). */
export function reportProgress(stage: string, percent?: number): void {
  const message: WorkerProgress = percent === undefined ? { type: 'progress', stage } : { type: 'progress', stage, percent }
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort
  if (port) port.postMessage(message)
  else process.send?.(message)
}

/** A `PipelineError` keeps its learner-facing text; anything else is left for the supervisor to word. */
export function toWorkerFailure(error: unknown): WorkerFailure | null {
  if (error instanceof PipelineError) return { kind: error.kind, message: error.message, hint: error.hint }
  return null
}
