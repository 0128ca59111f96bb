import path from 'node:path'
import { dataFolderName } from '../core/paths.ts'
import { APP_ENTRY_URL, devServerOrigin } from './security.ts'

/**
 * Start-up and lifecycle decisions of the shell as pure functions: where data and migrations live,
 * which URL the window loads, what the dock/taskbar shows while sessions process, and how long
 * shutdown may take.
 */

/** The data directory: `SPEAKLOOP_DATA_DIR` when set (tests and portable use), else `userDataDir`. */
export function resolveDataDir(env: NodeJS.ProcessEnv, userDataPath: string): string {
  const override = env.SPEAKLOOP_DATA_DIR?.trim()
  return override ? path.resolve(override) : userDataPath
}

/**
 * Electron's userData for this run: `<appData>/Speakloop` when packaged, `<appData>/Speakloop-dev`
 * when run from a checkout (`npm start`), so development and the installed app never share a
 * database or the single-instance lock (which Chromium keeps in userData).
 */
export function userDataDir(options: { isPackaged: boolean; appData: string }): string {
  return path.join(options.appData, dataFolderName(options.isPackaged))
}

/** Migrations ship as an extra resource when packaged, and are read from the repo in development. */
export function resolveMigrationsDir(options: { isPackaged: boolean; resourcesPath: string; appRoot: string }): string {
  return options.isPackaged
    ? path.join(options.resourcesPath, 'migrations')
    : path.join(options.appRoot, 'prisma', 'migrations')
}

/**
 * What the window loads: the electron-vite dev server in development (only on loopback, never in a
 * packaged build), otherwise our own `app://` origin. `devOrigin` is then trusted for IPC too.
 */
export function rendererTarget(options: { isPackaged: boolean; env: NodeJS.ProcessEnv }): {
  url: string
  devOrigin: string | null
} {
  const rendererUrl = options.env.ELECTRON_RENDERER_URL
  const devOrigin = options.isPackaged ? null : devServerOrigin(rendererUrl)
  return devOrigin && rendererUrl ? { url: rendererUrl, devOrigin } : { url: APP_ENTRY_URL, devOrigin: null }
}

/** What the dock (text badge) and taskbar (progress; 2 = indeterminate, -1 = none) show for `count` processing sessions. */
export function processingBadge(count: number): { dockText: string; progress: number } {
  if (!Number.isFinite(count) || count <= 0) return { dockText: '', progress: -1 }
  return { dockText: String(Math.floor(count)), progress: 2 }
}

/**
 * Whether to look for updates: packaged builds that were given an update repository (a CI build's
 * app-update.yml; a local build has none, and never falls back to another), not when disabled by the
 * user, and on Linux only for the AppImage (a .deb is updated by the package manager).
 */
export function shouldCheckForUpdates(options: {
  isPackaged: boolean
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  /** Whether `resources/app-update.yml` exists. */
  hasUpdateConfig: boolean
}): boolean {
  const { isPackaged, platform, env, hasUpdateConfig } = options
  if (!isPackaged || !hasUpdateConfig) return false
  if (env.SPEAKLOOP_DISABLE_UPDATES && env.SPEAKLOOP_DISABLE_UPDATES !== '0') return false
  if (platform === 'linux' && !env.APPIMAGE) return false
  return true
}

/**
 * Whether the OS's microphone permission matters: on macOS, unless Chromium was told to use its fake
 * capture device (`--use-fake-device-for-media-stream`, the end-to-end tests and the Electron
 * workflow's smoke test), which reads a file and never the microphone. A macOS CI runner has nobody
 * to answer the permission prompt.
 */
export function needsOsMicrophoneAccess(platform: NodeJS.Platform, fakeCaptureDevice: boolean): boolean {
  return platform === 'darwin' && !fakeCaptureDevice
}

/** Whether to ask macOS for microphone access first: only while the user has not decided yet. */
export function shouldAskForMicrophone(platform: NodeJS.Platform, status: string): boolean {
  return platform === 'darwin' && status === 'not-determined'
}

/** Resolves when `work` settles or after `ms`, whichever is first; reports which (so shutdown never hangs). */
export async function settleWithin(work: Promise<unknown>, ms: number): Promise<'done' | 'failed' | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms)
  })
  try {
    return await Promise.race([work.then(() => 'done' as const, () => 'failed' as const), timeout])
  } finally {
    clearTimeout(timer)
  }
}
