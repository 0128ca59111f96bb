import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { sep } from 'node:path'

/**
 * Speakloop's own loader for whisper.cpp's Node addon. The app depends only on the CPU platform
 * packages `@fugood/node-whisper-<platform>-<arch>` (each holds one `index.node`), not on the
 * `@fugood/whisper.node` wrapper, which would pull in CUDA and Vulkan builds. A GPU build
 * (`…-<platform>-<arch>-vulkan|cuda`) is there only when whoever packaged the app opted in
 * (scripts/whisperGpu.mjs). The native class is typed here from the addon's C++
 * (src/WhisperContext.cpp, common.cpp, version 1.1.1).
 */

export interface WhisperTranscribeOptions {
  language?: string
  translate?: boolean
  prompt?: string
  temperature?: number
  /** whisper.cpp `token_timestamps`: needed for `maxLen` to split segments. */
  tokenTimestamps?: boolean
  /** whisper.cpp `max_len` in characters; 1 gives one token per segment, the addon's only route to word timings. */
  maxLen?: number
  /** whisper.cpp `n_threads`; the addon's default is min(8, cores). */
  maxThreads?: number
  /** Only this many milliseconds of the audio are transcribed (whisper.cpp `duration_ms`). */
  duration?: number
  /** 0 turns off whisper.cpp's temperature fallback (up to 5 extra decodes of a window it doubts). */
  temperatureInc?: number
  /** whisper.cpp's progress, 0–100. A function: set inside the worker, never sent to it. */
  onProgress?: (percent: number) => void
}

export interface WhisperSegment {
  text: string
  /** Milliseconds from the start of the audio (whisper.cpp's 10 ms ticks × 10). May pass the end of the audio. */
  t0: number
  t1: number
}

export interface WhisperResult {
  /** The language code whisper.cpp decoded with: the forced one when `language` is set. */
  language?: string
  result: string
  segments: WhisperSegment[]
  isAborted?: boolean
}

/** A running transcription. `stop()` settles `promise` with `WhisperCancelledError` at once. */
export interface WhisperJob {
  stop(): Promise<void>
  promise: Promise<WhisperResult>
}

export interface WhisperContextLike {
  /** 16 kHz mono 16-bit samples, the only input whisper.cpp takes as data. */
  transcribeData(samples: Int16Array, options: WhisperTranscribeOptions): WhisperJob
  release(): Promise<void>
}

export interface WhisperBinding {
  /** The package the addon came from, e.g. `@fugood/node-whisper-linux-x64`. */
  readonly packageName: string
  /** The GPU build this addon is, for which `useGpu` means something; absent or null for the CPU build. */
  readonly gpu?: WhisperGpu | null
  /** Why an installed GPU build was passed over for this one (it did not load); absent or null when none was. */
  readonly gpuFallback?: string | null
  /** Loads a model; rejects with whisper.cpp's own error lines in the message when it cannot. */
  initWhisper(options: { filePath: string; useGpu?: boolean }): Promise<WhisperContextLike>
}

/** Thrown by a job's promise after `stop()`. */
export class WhisperCancelledError extends Error {
  constructor() {
    super('Transcription cancelled')
    this.name = 'WhisperCancelledError'
  }
}

/** The platform package holding the addon for this OS and CPU. */
export function platformPackage(platform: string = process.platform, arch: string = process.arch): string {
  return `@fugood/node-whisper-${platform}-${arch}`
}

/**
 * whisper.cpp's GPU builds, in the order the loader tries them. CUDA first: its addon loads only
 * where an NVIDIA driver and the CUDA 12 runtime are installed, and there it is the faster
 * backend; Vulkan runs on any vendor's driver. A packaged app holds at most one of them; which
 * exist for which OS and CPU is scripts/whisperGpuPlan.mjs's list (none for macOS, whose CPU
 * packages already use Metal).
 */
export const WHISPER_GPUS = ['cuda', 'vulkan'] as const
export type WhisperGpu = (typeof WHISPER_GPUS)[number]

/** The package of a GPU build of the addon for this OS and CPU (published for some only). */
export function gpuPackage(gpu: WhisperGpu, platform: string = process.platform, arch: string = process.arch): string {
  return `${platformPackage(platform, arch)}-${gpu}`
}

export interface LoadBindingOptions {
  platform?: string
  arch?: string
  /** Resolves and loads modules; a test passes its own to stand in for the addon. */
  require?: Pick<NodeJS.Require, 'resolve'> & ((id: string) => unknown)
  /** Whether a file exists (the unpacked copy of an asar path); injectable for tests. */
  exists?: (path: string) => boolean
}

/**
 * Loads the addon for this platform, or null when its package is not installed (a platform we
 * do not ship, or a build without it). An installed GPU build comes first; when it does not load
 * (its driver libraries are missing, the usual case) the CPU build is loaded instead and the
 * reason kept in `gpuFallback`. Throws `Failed to load whisper.node: …` when the package is
 * there but the addon does not load (a missing system library, a wrong architecture). Runs only
 * inside the supervised worker: a broken native module must not take the app down.
 */
export function loadWhisperBinding(options: LoadBindingOptions = {}): WhisperBinding | null {
  const req = options.require ?? createRequire(import.meta.url)
  const exists = options.exists ?? existsSync
  const skipped: string[] = []
  let gpuError: unknown
  for (const gpu of WHISPER_GPUS) {
    const packageName = gpuPackage(gpu, options.platform, options.arch)
    const resolved = resolveAddon(req, packageName)
    if (resolved === null) continue
    try {
      const binding = loadAddon(req, resolved, packageName, exists, gpu)
      if (binding) return withFallback(binding, skipped)
      skipped.push(`${packageName}: not whisper.node's exports`)
    } catch (error) {
      gpuError = error
      skipped.push(`${packageName}: ${(error as Error).message}`)
    }
  }

  const packageName = platformPackage(options.platform, options.arch)
  const resolved = resolveAddon(req, packageName)
  if (resolved === null) {
    // A GPU build that failed and nothing to fall back on: its reason is the only one there is.
    if (gpuError !== undefined) throw gpuError
    return null
  }
  const binding = loadAddon(req, resolved, packageName, exists, null)
  return binding && withFallback(binding, skipped)
}

/**
 * Where to load a resolved addon from. Inside a packaged app the path points into `app.asar`,
 * which the OS cannot map a library from; electron-builder's `asarUnpack` puts the real file in
 * `app.asar.unpacked`, so that copy comes first.
 */
export function nativeCandidates(resolved: string, exists: (path: string) => boolean = existsSync): string[] {
  const marker = `${sep}app.asar${sep}`
  const at = resolved.indexOf(marker)
  if (at < 0) return [resolved]
  const unpacked = `${resolved.slice(0, at)}${sep}app.asar.unpacked${sep}${resolved.slice(at + marker.length)}`
  return exists(unpacked) ? [unpacked, resolved] : [resolved]
}

interface NativeJob {
  stop(): Promise<void>
  promise: Promise<WhisperResult>
}

interface NativeContext {
  transcribeData(audio: ArrayBuffer, options: object): NativeJob
  release(): Promise<void>
}

interface NativeModule {
  WhisperContext: (new (options: { filePath: string; useGpu?: boolean }) => NativeContext) & {
    toggleNativeLog(enable: boolean, callback?: (level: string, text: string) => void): void
  }
}

/** whisper.cpp's most recent log lines, kept so a failed load can say why (they carry no audio or text). */
const LOG_LINES = 40

/** Wraps the addon's exports in `WhisperBinding`; null if they are not the addon's. */
export function wrapNativeModule(native: unknown, packageName: string, gpu: WhisperGpu | null = null): WhisperBinding | null {
  const Context = (native as Partial<NativeModule> | null)?.WhisperContext
  if (typeof Context !== 'function') return null
  const log: string[] = []
  // whisper.cpp logs to stderr by default; routed here it is kept for error messages instead.
  Context.toggleNativeLog?.(true, (level, text) => {
    log.push(`${level}: ${text.trim()}`)
    if (log.length > LOG_LINES) log.shift()
  })
  return {
    packageName,
    gpu,
    async initWhisper({ filePath, useGpu }) {
      log.length = 0
      let context: NativeContext
      try {
        // Synchronous in the addon: the model is read on this thread.
        context = new Context(useGpu === undefined ? { filePath } : { filePath, useGpu })
      } catch (error) {
        // Log lines arrive through a queued callback, after at least one turn of the event loop's
        // poll phase: a short timer guarantees that turn (setImmediate may run before it).
        await new Promise((resolve) => setTimeout(resolve, 20))
        const reasons = log.filter((line) => line.startsWith('error:')).map((line) => line.slice(7))
        const detail = reasons.length ? ` (${reasons.join('; ')})` : ''
        throw new Error(`${(error as Error).message}${detail}`, { cause: error })
      }
      return wrapContext(context)
    }
  }
}

function withFallback(binding: WhisperBinding, skipped: string[]): WhisperBinding {
  return skipped.length ? { ...binding, gpuFallback: skipped.join('; ') } : binding
}

function resolveAddon(req: NonNullable<LoadBindingOptions['require']>, packageName: string): string | null {
  try {
    return req.resolve(`${packageName}/index.node`)
  } catch {
    return null
  }
}

function loadAddon(
  req: NonNullable<LoadBindingOptions['require']>,
  resolved: string,
  packageName: string,
  exists: (path: string) => boolean,
  gpu: WhisperGpu | null
): WhisperBinding | null {
  let lastError: unknown
  for (const candidate of nativeCandidates(resolved, exists)) {
    let native: unknown
    try {
      native = req(candidate)
    } catch (error) {
      lastError = error
      continue
    }
    return wrapNativeModule(native, packageName, gpu)
  }
  throw new Error(`Failed to load whisper.node: ${(lastError as Error | undefined)?.message ?? 'unknown error'}`, { cause: lastError })
}

function wrapContext(context: NativeContext): WhisperContextLike {
  return {
    transcribeData(samples, options) {
      // The addon reads the whole ArrayBuffer as 16-bit samples, so it must hold exactly these.
      const exact =
        samples.byteOffset === 0 && samples.byteLength === samples.buffer.byteLength ? samples : samples.slice()
      const job = context.transcribeData(exact.buffer as ArrayBuffer, options)
      // After the addon's stop() its own promise never settles (its error callback gets one
      // argument where two are expected), and whisper.cpp runs the job to the end anyway: our
      // promise settles here instead. Only ending the process frees the CPU sooner.
      let cancel: (error: Error) => void = () => undefined
      const cancelled = new Promise<never>((_, reject) => (cancel = reject))
      return {
        async stop() {
          await job.stop()
          cancel(new WhisperCancelledError())
        },
        promise: Promise.race([job.promise, cancelled])
      }
    },
    release: () => context.release()
  }
}

/** Whether a loader error means the addon itself could not load, as opposed to a model. */
export function isMissingNativeModule(error: unknown): boolean {
  return error instanceof Error && /Failed to load whisper\.node/i.test(error.message)
}
