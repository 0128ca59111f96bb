/**
 * The slice of `@fugood/whisper.node` Speakloop uses, typed here because the package is not a
 * dependency yet (issue 7). Shapes follow its lib/binding.ts: segment times are milliseconds
 * (whisper.cpp's 10 ms ticks × 10), and there are no per-word timings in a result.
 */

export interface WhisperTranscribeOptions {
  language?: string
  translate?: boolean
  prompt?: string
  temperature?: number
  /** whisper.cpp `token_timestamps`: needed for `maxLen` to split segments. */
  tokenTimestamps?: boolean
  /** whisper.cpp `max_len` in characters; 1 gives one token per segment, the binding's only route to word timings. */
  maxLen?: number
  maxThreads?: number
}

export interface WhisperSegment {
  text: string
  /** Milliseconds from the start of the audio. */
  t0: number
  t1: number
}

export interface WhisperResult {
  language?: string
  result: string
  segments: WhisperSegment[]
  isAborted?: boolean
}

export interface WhisperContextLike {
  transcribeFile(path: string, options: WhisperTranscribeOptions): { stop: () => Promise<void>; promise: Promise<WhisperResult> }
  release(): Promise<void>
}

export interface WhisperBinding {
  initWhisper(options: { filePath: string; useGpu?: boolean }): Promise<WhisperContextLike>
}

/** The package name, in a variable so neither TypeScript nor the bundler requires it to exist. */
export const BINDING_PACKAGE = '@fugood/whisper.node'

/**
 * Loads the binding, or null when it is not installed (or its platform package is missing).
 * Runs only inside the supervised worker: a broken native module must not take the app down.
 */
export async function loadWhisperBinding(importer: (specifier: string) => Promise<unknown> = (s) => import(s)): Promise<WhisperBinding | null> {
  try {
    const mod = (await importer(BINDING_PACKAGE)) as Partial<WhisperBinding> & { default?: Partial<WhisperBinding> }
    const initWhisper = mod.initWhisper ?? mod.default?.initWhisper
    return typeof initWhisper === 'function' ? { initWhisper } : null
  } catch {
    return null
  }
}

/**
 * The binding loads its native module lazily, in `initWhisper`; this is how it says the platform
 * package is absent (lib/binding.ts), as opposed to a model it could not load.
 */
export function isMissingNativeModule(error: unknown): boolean {
  return error instanceof Error && /Failed to load whisper\.node/i.test(error.message)
}
