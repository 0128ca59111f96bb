/**
 * Watches the transcription worker process from outside, through Linux's /proc, so the figures
 * come from the app's own worker path unchanged: peak resident memory (VmHWM, the kernel's own
 * high-water mark) and CPU seconds, read when the worker reports a stage and when it replies, which
 * is before the supervisor ends it. Elsewhere than Linux the figures are null.
 */
import { readFileSync } from 'node:fs'
import { isWorkerProgress, isWorkerReply } from '../electron/core/worker/protocol.ts'
import type { SpawnWorker } from '../electron/core/worker/supervisor.ts'

export interface WorkerReading {
  /** Peak resident memory of the process so far, MB (10^6 bytes). */
  peakMB: number
  /** User + system CPU seconds of the process so far (all its threads). */
  cpuSeconds: number
}

export interface WorkerProbe {
  /** When the worker said it starts loading the model: Node, the loader and the addon, no model yet. */
  beforeLoad: WorkerReading | null
  /** When it said transcription starts: the model is loaded. */
  beforeTranscribe: WorkerReading | null
  /** When it replied. */
  atReply: WorkerReading | null
}

/** Wraps `spawn`; each worker it starts is watched, and its readings go to `onProbe` when it exits. */
export function probedSpawn(spawn: SpawnWorker, onProbe: (probe: WorkerProbe) => void): SpawnWorker {
  return (modulePath) => {
    const handle = spawn(modulePath)
    const probe: WorkerProbe = { beforeLoad: null, beforeTranscribe: null, atReply: null }
    const pid = handle.pid
    // Registered before the supervisor's own listener, so the reply is read while the process lives.
    handle.onMessage((message) => {
      if (pid === undefined) return
      if (isWorkerProgress(message) && message.stage === 'loading') probe.beforeLoad ??= read(pid)
      if (isWorkerProgress(message) && message.stage === 'transcribing') probe.beforeTranscribe ??= read(pid)
      if (isWorkerReply(message)) probe.atReply = read(pid)
    })
    handle.onExit(() => onProbe(probe))
    return handle
  }
}

const CLOCK_TICKS = 100

function read(pid: number): WorkerReading | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const hwmKB = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1])
    // Fields after the command name, which is in parentheses and may hold spaces: utime is the 12th, stime the 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12])
    if (!Number.isFinite(hwmKB) || !Number.isFinite(ticks)) return null
    return { peakMB: (hwmKB * 1024) / 1e6, cpuSeconds: ticks / CLOCK_TICKS }
  } catch {
    return null
  }
}
