import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { pipelineError } from '../../support/pipelineError.ts'
import { serveOneRequest } from '../../../electron/core/worker/protocol.ts'
import {
  classifyExit,
  forkWorker,
  superviseWorker,
  type SpawnWorker,
  type WorkerExit,
  type WorkerHandle
} from '../../../electron/core/worker/supervisor.ts'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url))
// The fixtures are TypeScript; the built app forks compiled JavaScript instead.
const forkTs = forkWorker({ execArgv: ['--import', 'tsx'] })

/** Wraps the real fork so a test can wait for the child's end and see its other messages. */
function tracked(onMessage?: (message: unknown) => void): { spawn: SpawnWorker; exited: Promise<WorkerExit> } {
  let markExited: (exit: WorkerExit) => void = () => undefined
  const exited = new Promise<WorkerExit>((resolve) => (markExited = resolve))
  const spawn: SpawnWorker = (path) => {
    const handle = forkTs(path)
    handle.onExit(markExited)
    if (onMessage) handle.onMessage(onMessage)
    return handle
  }
  return { spawn, exited }
}

const TASK = 'On-device transcription'

describe('superviseWorker with real child processes', () => {
  it('resolves with the reply of a worker that answers, and the worker process ends', async () => {
    const { spawn, exited } = tracked()
    const reply = await superviseWorker<{ echo: unknown; pid: number }>({
      modulePath: fixture('answers'),
      request: { words: ['um', 'like'], bytes: new Uint8Array([1, 2, 3]) },
      timeoutMs: 20_000,
      spawn,
      task: TASK
    })
    expect(reply.echo).toEqual({ words: ['um', 'like'], bytes: new Uint8Array([1, 2, 3]) })
    expect(reply.pid).not.toBe(process.pid)
    await exited
  })

  it('receives a reply of several MB whole, and it is the supervisor that ends the worker afterwards', async () => {
    const { spawn, exited } = tracked()
    const reply = await superviseWorker<{ bytes: Uint8Array; text: string }>({
      modulePath: fixture('largeReply'),
      request: { megabytes: 8 },
      timeoutMs: 20_000,
      spawn,
      task: TASK
    })
    expect(reply.bytes.length).toBe(8 * 1024 * 1024)
    expect(reply.bytes.every((byte, i) => byte === i % 251)).toBe(true)
    expect(reply.text.length).toBe(8 * 200_000 * 5)
    // Killed by the supervisor once the reply was in, not a clean exit of its own (code 0).
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' })
  })

  it('turns a crash into a retryable error and keeps this process alive', async () => {
    const { spawn, exited } = tracked()
    const error = await pipelineError(superviseWorker({ modulePath: fixture('crashes'), request: {}, timeoutMs: 20_000, spawn, task: TASK }))
    expect(error.kind).toBe('transient')
    expect(error.message).toBe('On-device transcription stopped unexpectedly.')
    expect(error.provider).toBe('on-device')
    expect((await exited).code).toBe(1)
  })

  it('kills a worker that hangs past the timeout', async () => {
    const { spawn, exited } = tracked()
    const started = Date.now()
    const error = await pipelineError(superviseWorker({ modulePath: fixture('hangs'), request: {}, timeoutMs: 2_500, spawn, task: TASK }))
    expect(error.kind).toBe('transient')
    expect(error.message).toBe('On-device transcription stopped responding and was ended.')
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_400)
    expect((await exited).signal).toBe('SIGKILL')
  })

  it('reports an out-of-memory kill (SIGKILL it did not send) as a permanent error asking for a smaller model', async () => {
    const { spawn, exited } = tracked()
    const error = await pipelineError(superviseWorker({ modulePath: fixture('outOfMemory'), request: { how: 'signal' }, timeoutMs: 20_000, spawn, task: TASK }))
    expect(error.kind).toBe('permanent')
    expect(error.message).toBe('Your computer ran out of memory during on-device transcription.')
    expect(error.hint).toMatch(/smaller model/)
    expect((await exited).signal).toBe('SIGKILL')
  })

  it('reports exit code 137 as out of memory too', async () => {
    const { spawn } = tracked()
    const error = await pipelineError(superviseWorker({ modulePath: fixture('outOfMemory'), request: { how: 'code' }, timeoutMs: 20_000, spawn, task: TASK }))
    expect(error.message).toMatch(/ran out of memory/)
  })

  it('kills the worker when the job is cancelled mid-work', async () => {
    const controller = new AbortController()
    const { spawn, exited } = tracked((message) => {
      if ((message as { type?: string }).type === 'started') controller.abort('cancel')
    })
    const error = await pipelineError(
      superviseWorker({ modulePath: fixture('hangs'), request: {}, timeoutMs: 60_000, signal: controller.signal, spawn, task: TASK })
    )
    expect(error.message).toBe('Cancelled.')
    expect((await exited).signal).toBe('SIGKILL')
  })

  it('hands the worker’s progress notes to the caller before the reply', async () => {
    const notes: unknown[] = []
    const reply = await superviseWorker({ modulePath: fixture('reportsProgress'), request: {}, timeoutMs: 20_000, spawn: forkTs, onProgress: (p) => notes.push(p) })
    expect(reply).toBe('done')
    expect(notes).toEqual([
      { type: 'progress', stage: 'loading' },
      { type: 'progress', stage: 'transcribing', percent: 50 }
    ])
  })

  it('passes a failure the worker named through with its kind, message and hint', async () => {
    const error = await pipelineError(superviseWorker({ modulePath: fixture('refuses'), request: {}, timeoutMs: 20_000, spawn: forkTs, task: TASK }))
    expect(error.kind).toBe('permanent')
    expect(error.message).toBe('The worker refused this job.')
    expect(error.hint).toBe('Do something else.')
  })
})

describe('serveOneRequest in an Electron utility process (parentPort)', () => {
  afterEach(() => {
    delete (process as unknown as { parentPort?: unknown }).parentPort
    vi.restoreAllMocks()
  })

  it('posts a large reply and leaves ending the process to the supervisor, exiting by itself only after the grace time', async () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never)
    let deliver: (event: { data: unknown }) => void = () => undefined
    const posted: unknown[] = []
    ;(process as unknown as { parentPort: unknown }).parentPort = {
      on: (_event: 'message', listener: (event: { data: unknown }) => void) => (deliver = listener),
      postMessage: (message: unknown) => posted.push(message)
    }
    serveOneRequest(async () => 'x'.repeat(6 * 1024 * 1024), { graceMs: 300 })
    deliver({ data: { type: 'request', payload: null } })
    await vi.waitFor(() => expect(posted).toHaveLength(1))
    expect((posted[0] as { payload: string }).payload.length).toBe(6 * 1024 * 1024)
    expect(exit).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0), { timeout: 2_000 })
  })
})

/** A stand-in for Electron's utilityProcess adapter: the test decides what the "process" does. */
function fakeHandle(): { handle: WorkerHandle; sent: unknown[]; exit: (exit: WorkerExit) => void; reply: (m: unknown) => void; killed: () => number } {
  const sent: unknown[] = []
  let onMessage: (m: unknown) => void = () => undefined
  let onExit: (e: WorkerExit) => void = () => undefined
  let kills = 0
  return {
    handle: {
      postMessage: (m) => sent.push(m),
      onMessage: (l) => (onMessage = l),
      onExit: (l) => (onExit = l),
      kill: () => void kills++
    },
    sent,
    exit: (e) => onExit(e),
    reply: (m) => onMessage(m),
    killed: () => kills
  }
}

describe('superviseWorker with an injected host', () => {
  it('sends exactly one request and kills the worker once it has replied', async () => {
    const fake = fakeHandle()
    const promise = superviseWorker({ modulePath: 'worker.js', request: { n: 1 }, timeoutMs: 1_000, spawn: () => fake.handle })
    fake.reply({ type: 'progress' })
    fake.reply({ type: 'result', payload: 42 })
    await expect(promise).resolves.toBe(42)
    expect(fake.sent).toEqual([{ type: 'request', payload: { n: 1 } }])
    expect(fake.killed()).toBe(1)
  })

  describe('with a clock the test moves', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    it('never cuts short a worker that keeps reporting progress, however long it runs', async () => {
      vi.useFakeTimers()
      const fake = fakeHandle()
      let settled = false
      const promise = superviseWorker({ modulePath: 'worker.js', request: {}, timeoutMs: 1_500, spawn: () => fake.handle, task: TASK })
      void promise.finally(() => (settled = true))
      // Ten times the limit in all, but never more than two thirds of it between two notes.
      for (let percent = 5; percent <= 100; percent += 5) {
        await vi.advanceTimersByTimeAsync(1_000)
        fake.reply({ type: 'progress', stage: 'transcribing', percent })
      }
      expect(settled).toBe(false)
      expect(fake.killed()).toBe(0)
      fake.reply({ type: 'result', payload: 'done' })
      await expect(promise).resolves.toBe('done')
    })

    it('ends a worker that goes silent for the limit after its last note', async () => {
      vi.useFakeTimers()
      const fake = fakeHandle()
      const promise = superviseWorker({ modulePath: 'worker.js', request: {}, timeoutMs: 1_500, spawn: () => fake.handle, task: TASK })
      const failed = pipelineError(promise)
      await vi.advanceTimersByTimeAsync(1_000)
      fake.reply({ type: 'progress', stage: 'transcribing', percent: 10 })
      await vi.advanceTimersByTimeAsync(1_499)
      expect(fake.killed()).toBe(0)
      await vi.advanceTimersByTimeAsync(1)
      const error = await failed
      expect(error.kind).toBe('transient')
      expect(error.message).toBe('On-device transcription stopped responding and was ended.')
      expect(fake.killed()).toBe(1)
    })
  })

  it('uses the host-reported reason: Electron says "oom" for a utility process out of memory', async () => {
    const fake = fakeHandle()
    const promise = superviseWorker({ modulePath: 'worker.js', request: {}, timeoutMs: 1_000, spawn: () => fake.handle })
    fake.exit({ code: 1, signal: null, reason: 'oom' })
    expect((await pipelineError(promise)).message).toMatch(/ran out of memory/)
  })

  it('calls a clean exit without a reply a retryable failure', async () => {
    const fake = fakeHandle()
    const promise = superviseWorker({ modulePath: 'worker.js', request: {}, timeoutMs: 1_000, spawn: () => fake.handle, task: TASK })
    fake.exit({ code: 0, signal: null })
    const error = await pipelineError(promise)
    expect(error.kind).toBe('transient')
    expect(error.message).toBe('On-device transcription stopped without a result.')
  })

  it('does not start a worker for a job already cancelled', async () => {
    let spawned = 0
    const error = await pipelineError(
      superviseWorker({ modulePath: 'worker.js', request: {}, timeoutMs: 1_000, signal: AbortSignal.abort(), spawn: () => (spawned++, fakeHandle().handle) })
    )
    expect(error.message).toBe('Cancelled.')
    expect(spawned).toBe(0)
  })

  it('turns a worker that cannot be started into a permanent error', async () => {
    const error = await pipelineError(
      superviseWorker({
        modulePath: 'worker.js',
        request: {},
        timeoutMs: 1_000,
        spawn: () => {
          throw new Error('EACCES')
        },
        task: TASK
      })
    )
    expect(error.kind).toBe('permanent')
    expect(error.message).toBe('On-device transcription could not start.')
  })
})

describe('classifyExit', () => {
  it.each([
    [{ code: null, signal: 'SIGKILL' }, 'out-of-memory'],
    [{ code: 137, signal: null }, 'out-of-memory'],
    [{ code: 0xc0000017, signal: null }, 'out-of-memory'],
    [{ code: -1073741801, signal: null }, 'out-of-memory'],
    [{ code: 1, signal: null, reason: 'oom' }, 'out-of-memory'],
    [{ code: null, signal: 'SIGSEGV' }, 'crash'],
    [{ code: null, signal: 'SIGABRT' }, 'crash'],
    [{ code: 1, signal: null }, 'crash'],
    [{ code: 0, signal: null, reason: 'crashed' }, 'crash'],
    [{ code: 0, signal: null }, 'no-reply']
  ] as const)('%o is %s', (exit, kind) => {
    expect(classifyExit(exit)).toBe(kind)
  })
})
