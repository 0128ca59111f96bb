import { describe, expect, it } from 'vitest'
import { classifyExit, superviseWorker } from '../../../electron/core/worker/supervisor.ts'
import { pipelineError } from '../../support/pipelineError.ts'
import {
  utilityExit,
  utilityProcessWorker,
  type ChildGoneDetails,
  type UtilityForkOptions,
  type UtilityProcessLike
} from '../../../electron/core/worker/utilityProcess.ts'

/** Electron's utilityProcess and app events, played by the test. */
function fakeElectron() {
  const forks: { modulePath: string; args: string[]; options: UtilityForkOptions; child: ReturnType<typeof fakeChild> }[] = []
  const goneListeners = new Set<(details: ChildGoneDetails) => void>()
  return {
    forks,
    fork: (modulePath: string, args: string[], options: UtilityForkOptions) => {
      const child = fakeChild()
      forks.push({ modulePath, args, options, child })
      return child.process
    },
    onChildProcessGone: (listener: (details: ChildGoneDetails) => void) => {
      goneListeners.add(listener)
      return () => goneListeners.delete(listener)
    },
    gone: (details: ChildGoneDetails) => goneListeners.forEach((l) => l(details)),
    listeners: () => goneListeners.size
  }
}

function fakeChild() {
  const listeners: Record<string, ((value: never) => void)[]> = { message: [], exit: [] }
  const sent: unknown[] = []
  let kills = 0
  const process: UtilityProcessLike = {
    pid: 4242,
    postMessage: (m) => void sent.push(m),
    on: (event: string, listener: (value: never) => void) => listeners[event]!.push(listener),
    kill: () => (kills++, true)
  }
  return {
    process,
    sent,
    kills: () => kills,
    emit: (event: 'message' | 'exit', value: unknown) => listeners[event]!.forEach((l) => l(value as never))
  }
}

describe('utilityProcessWorker', () => {
  it('forks the entry as a named utility process without stdout, and relays the request and the reply', async () => {
    const electron = fakeElectron()
    const promise = superviseWorker({ modulePath: '/app/out/main/transcribeWorker.js', request: { n: 1 }, timeoutMs: 5_000, spawn: utilityProcessWorker(electron) })
    const [{ modulePath, args, options, child }] = electron.forks as [(typeof electron.forks)[number]]
    expect([modulePath, args]).toEqual(['/app/out/main/transcribeWorker.js', []])
    expect(options.serviceName).toMatch(/^Speakloop worker \d+$/)
    expect(options.stdio).toEqual(['ignore', 'ignore', 'inherit'])
    expect(child.sent).toEqual([{ type: 'request', payload: { n: 1 } }])
    child.emit('message', { type: 'result', payload: 'ok' })
    await expect(promise).resolves.toBe('ok')
    expect(child.kills()).toBe(1)
  })

  it('reads Electron’s "oom" for this process, arriving after its exit, as out of memory', async () => {
    const electron = fakeElectron()
    const promise = superviseWorker({ modulePath: 'w.js', request: {}, timeoutMs: 5_000, spawn: utilityProcessWorker({ ...electron, graceMs: 50 }), task: 'On-device transcription' })
    const { child, options } = electron.forks[0]!
    child.emit('exit', 1)
    // Another utility process's death is not this one's.
    electron.gone({ type: 'Utility', reason: 'crashed', exitCode: 1, name: 'Audio Service' })
    electron.gone({ type: 'Utility', reason: 'oom', exitCode: 1, name: options.serviceName })
    const error = await pipelineError(promise)
    expect(error.message).toBe('Your computer ran out of memory during on-device transcription.')
    expect(electron.listeners()).toBe(0)
  })

  it('reads a crash reported before the exit as a crash, and an exit with no report by its code', async () => {
    const electron = fakeElectron()
    const spawn = utilityProcessWorker({ ...electron, graceMs: 10 })
    const crashed = superviseWorker({ modulePath: 'w.js', request: {}, timeoutMs: 5_000, spawn, task: 'On-device transcription' })
    electron.gone({ type: 'Utility', reason: 'crashed', exitCode: 11, name: electron.forks[0]!.options.serviceName })
    electron.forks[0]!.child.emit('exit', 11)
    expect((await pipelineError(crashed)).message).toBe('On-device transcription stopped unexpectedly.')

    const clean = superviseWorker({ modulePath: 'w.js', request: {}, timeoutMs: 5_000, spawn, task: 'On-device transcription' })
    electron.forks[1]!.child.emit('exit', 0)
    expect((await pipelineError(clean)).message).toBe('On-device transcription stopped without a result.')
  })
})

describe('utilityExit', () => {
  const gone = (reason: string): ChildGoneDetails => ({ type: 'Utility', reason, exitCode: 9 })

  it.each([
    ['oom', 'out-of-memory'],
    ['memory-eviction', 'out-of-memory'],
    ['killed', 'out-of-memory'],
    ['crashed', 'crash'],
    ['abnormal-exit', 'crash'],
    ['launch-failed', 'crash'],
    ['integrity-failure', 'crash']
  ] as const)('Electron’s "%s" is %s', (reason, kind) => {
    expect(classifyExit(utilityExit(9, gone(reason)))).toBe(kind)
  })

  it('takes a clean exit, or one Electron said nothing about, by its code alone', () => {
    expect(classifyExit(utilityExit(0, gone('clean-exit')))).toBe('no-reply')
    expect(classifyExit(utilityExit(0, null))).toBe('no-reply')
    expect(classifyExit(utilityExit(3, null))).toBe('crash')
  })
})
