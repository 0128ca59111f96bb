import { existsSync } from 'node:fs'
import path from 'node:path'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  utilityProcess
} from 'electron'
import { createCore, type Core } from '../core/app.ts'
import { withEnvFallback } from '../core/settings/secrets.ts'
import { defaultWorker } from '../core/localModels/workerEntry.ts'
import { utilityProcessWorker, type ChildGoneDetails } from '../core/worker/utilityProcess.ts'
import { guardWebContents, installAppProtocol, installPermissionHandlers } from './guards.ts'
import { registerIpc } from './ipc.ts'
import {
  attentionFallback,
  beforeQuitDecision,
  failureDialog,
  isLoadFailure,
  rendererGoneAction,
  rendererGoneReason,
  shouldNotify,
  type ShutdownState
} from './lifecycle.ts'
import { coreEventLogEntry, createLogger, type Logger } from './logger.ts'
import { menuTemplate } from './menu.ts'
import {
  processingBadge,
  rendererTarget,
  resolveDataDir,
  resolveMigrationsDir,
  settleWithin,
  shouldCheckForUpdates,
  userDataDir
} from './runtime.ts'
import { loadSafeStorageSecretStore, storageBackendWarning, type SafeStorageSecretStore } from './secretStore.ts'
import { APP_SCHEME, trustedOrigins, windowOptions } from './security.ts'
import { setupUpdater, type UpdaterLike } from './updater.ts'
import { loadWindowState, restoreBounds, saveWindowState } from './windowState.ts'

/**
 * The Electron shell: thin wiring of the pure policies next to it (security, ipc, runtime,
 * windowState, menu, updater) around the core. Decisions belong in those files, not here.
 */

const SHUTDOWN_TIMEOUT_MS = 8_000
// When the system is ending the session it gives apps a few seconds (logind's delay lock: 5 s by default).
const SYSTEM_ENDING_TIMEOUT_MS = 3_000

// Must happen before `ready`: a standard, secure scheme gets a real origin, fetch() and CSP.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
])
app.enableSandbox()

// The data dir doubles as Chromium's profile, so e2e runs with SPEAKLOOP_DATA_DIR are fully isolated
// (including the single-instance lock, which lives in userData).
const dataDir = resolveDataDir(process.env, userDataDir({ isPackaged: app.isPackaged, appData: app.getPath('appData') }))
app.setPath('userData', dataDir)

const target = rendererTarget({ isPackaged: app.isPackaged, env: process.env })
const origins = trustedOrigins(target.devOrigin)
const mainDir = import.meta.dirname
const preloadPath = path.join(mainDir, '../preload/index.cjs')
const rendererDir = path.join(mainDir, '../renderer')

const logDir = path.join(dataDir, 'logs')
let mainWindow: BrowserWindow | null = null
let core: Core | null = null
let secretStore: SafeStorageSecretStore | null = null
let stopIpc: (() => void) | null = null
let logger: Logger = createLogger({ dir: logDir })
let shutdownState: ShutdownState = 'running'
// Set once the OS is logging out, restarting or shutting down: then no quit is held.
let systemEnding = false
let notificationsFailed = false

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => focusMainWindow())
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, origins))
  app.on('window-all-closed', () => {
    // macOS apps stay alive in the dock (and keep processing) until the user quits.
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) createMainWindow()
  })
  app.on('before-quit', (event) => {
    const decision = beforeQuitDecision(shutdownState, systemEnding)
    if (decision.preventDefault) event.preventDefault()
    if (decision.startShutdown) stopThenQuit()
  })
  // .catch, not a second argument to .then: an error thrown inside start() must reach fail() too.
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(error))
}

/** Stops the core (bounded: shutdown()), then quits for real; before-quit lets that second quit through. */
function stopThenQuit(): void {
  shutdownState = 'stopping'
  void shutdown().finally(() => {
    shutdownState = 'stopped'
    app.quit()
  })
}

/**
 * The OS is logging out, restarting or shutting down (powerMonitor 'shutdown' on macOS and Linux, the
 * window's 'session-end' on Windows). On Linux, preventDefault holds logind's delay lock while the core
 * stops; the quit that follows, and the one macOS sends, are let through (beforeQuitDecision).
 */
function onSystemEnding(event?: { preventDefault(): void }): void {
  systemEnding = true
  logger.info('app:system-ending')
  if (shutdownState !== 'running') return
  event?.preventDefault()
  stopThenQuit()
}

async function start(): Promise<void> {
  logger = createLogger({
    dir: logDir,
    echo: app.isPackaged ? undefined : (line) => process.stdout.write(line)
  })
  logger.info('app:start', { version: app.getVersion(), platform: process.platform, packaged: app.isPackaged })
  if (process.platform === 'win32') app.setAppUserModelId('dev.speakloop.app')

  const backendWarning =
    process.platform === 'linux' ? storageBackendWarning('linux', safeStorage.getSelectedStorageBackend()) : null
  if (backendWarning) {
    console.warn(backendWarning)
    logger.warn('secrets:basic-text-backend')
  }

  if (process.platform !== 'win32') powerMonitor.on('shutdown', onSystemEnding)
  installPermissionHandlers(origins, (permission) => logger.warn('permission:denied', { permission }))
  installAppProtocol(rendererDir)
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, !app.isPackaged)))

  try {
    // Decrypted once here (safeStorage's asynchronous API), then kept in memory, in main only.
    secretStore = await loadSafeStorageSecretStore({
      dataDir,
      cipher: safeStorage,
      warn: (message) => {
        console.warn(message)
        logger.warn('secrets:warning')
      }
    })
    core = await createCore({
      dataDir,
      migrationsDir: resolveMigrationsDir({
        isPackaged: app.isPackaged,
        resourcesPath: process.resourcesPath,
        appRoot: app.getAppPath()
      }),
      // Keys saved in Settings win; OPENAI_API_KEY / ANTHROPIC_API_KEY serve when none is saved.
      secrets: withEnvFallback(secretStore, process.env),
      env: process.env,
      onNotify: notify,
      version: app.getVersion(),
      // whisper.cpp runs in a utility process: a crash or out-of-memory there fails one job, not the app.
      onDeviceWorker: {
        workerEntry: defaultWorker().workerEntry,
        spawn: utilityProcessWorker({
          fork: (entry, args, options) => utilityProcess.fork(entry, args, options),
          onChildProcessGone: (listener) => {
            const handler = (_event: unknown, details: ChildGoneDetails) => listener(details)
            app.on('child-process-gone', handler)
            return () => app.off('child-process-gone', handler)
          }
        })
      }
    })
  } catch (error) {
    fail(error)
    return
  }

  stopIpc = registerIpc({
    ipcMain,
    core,
    origins,
    getWebContents: () => mainWindow?.webContents ?? null,
    onRequest: (channel, ok) => {
      if (!ok) logger.warn('ipc:failed', { channel })
    }
  })
  core.subscribe((event, payload) => {
    updateBadge()
    const entry = coreEventLogEntry(event, payload)
    if (entry) logger.info(entry.event, entry.fields)
    if (event === 'data:deleteProgress' && (payload as { phase: string }).phase === 'done') void clearBrowserProfile()
  })

  createMainWindow()
  try {
    // Takes the data dir's runner lock (held by a running CLI, for example) and resumes interrupted jobs.
    await core.start()
  } catch (error) {
    fail(error)
    return
  }
  logger.info('core:started')
  void startUpdater().catch(() => logger.warn('update:setup-failed'))
}

/**
 * Chromium's profile lives in the data folder (userData): after "delete everything" its local
 * storage (the chosen microphone), caches and blob files go too. The renderer reloads next.
 */
async function clearBrowserProfile(): Promise<void> {
  try {
    await session.defaultSession.clearStorageData()
    await session.defaultSession.clearCache()
    await session.defaultSession.clearCodeCaches({})
  } catch {
    logger.warn('data:browser-profile-not-cleared')
  }
}

function createMainWindow(): void {
  const saved = loadWindowState(dataDir)
  const { bounds, maximized } = restoreBounds(
    saved,
    screen.getAllDisplays().map((display) => display.workArea)
  )
  const window = new BrowserWindow(
    windowOptions(preloadPath, { dark: nativeTheme.shouldUseDarkColors, bounds, devTools: !app.isPackaged })
  )
  mainWindow = window
  window.once('ready-to-show', () => {
    if (maximized) window.maximize()
    window.show()
  })
  window.on('close', () => {
    saveWindowState(dataDir, { bounds: window.getNormalBounds(), maximized: window.isMaximized() })
  })
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
  })
  // Windows ends apps at logoff and shutdown without before-quit.
  window.on('session-end', () => onSystemEnding())
  window.webContents.on('did-fail-load', (_event, errorCode, errorDescription, _url, isMainFrame) => {
    if (!isLoadFailure(errorCode, isMainFrame)) return
    logger.error('window:load-failed', { errorCode })
    void offerReload(window, failureDialog('load', `${errorDescription} (${errorCode})`, logDir))
  })
  window.webContents.on('render-process-gone', (_event, details) => {
    if (rendererGoneAction(details.reason) === 'ignore') return
    logger.error('window:renderer-gone', { reason: details.reason, exitCode: details.exitCode })
    void offerReload(window, failureDialog('renderer', rendererGoneReason(details.reason), logDir))
  })
  // A failed load is reported by did-fail-load above; the rejected promise adds nothing.
  window.loadURL(target.url).catch(() => undefined)
  updateBadge()
}

/** Tells the learner why the window failed, and where the log is; Reload tries again, Quit quits. */
async function offerReload(window: BrowserWindow, failure: ReturnType<typeof failureDialog>): Promise<void> {
  if (shutdownState !== 'running' || window.isDestroyed()) return
  const { response } = await dialog.showMessageBox({
    type: 'error',
    buttons: ['Reload', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    message: failure.title,
    detail: `${failure.message}\n\n${failure.detail}`
  })
  if (response === 1) app.quit()
  else if (!window.isDestroyed()) window.loadURL(target.url).catch(() => undefined)
}

function focusMainWindow(): void {
  if (!mainWindow) {
    if (core) createMainWindow()
    return
  }
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

function updateBadge(): void {
  const badge = processingBadge(core?.processingCount() ?? 0)
  if (process.platform === 'darwin') app.dock?.setBadge(badge.dockText)
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.setProgressBar(badge.progress)
}

function notify(title: string, body: string): void {
  if (!shouldNotify({ supported: Notification.isSupported(), failedBefore: notificationsFailed })) {
    drawAttention()
    return
  }
  const notification = new Notification({ title, body })
  notification.on('click', () => focusMainWindow())
  // Unsigned macOS builds (and notifications turned off) fail here, silently unless listened to.
  notification.on('failed', () => {
    notificationsFailed = true
    logger.warn('notify:failed')
    drawAttention()
  })
  notification.show()
}

/** The in-app indicator's nudge when no notification can show: the badge and the window say the rest. */
function drawAttention(): void {
  if (attentionFallback(process.platform) === 'dock-bounce') {
    app.dock?.bounce('informational')
    return
  }
  const window = mainWindow
  if (!window || window.isDestroyed() || window.isFocused()) return
  window.flashFrame(true)
  window.once('focus', () => window.flashFrame(false))
}

async function startUpdater(): Promise<void> {
  const hasUpdateConfig = existsSync(path.join(process.resourcesPath, 'app-update.yml'))
  if (!shouldCheckForUpdates({ isPackaged: app.isPackaged, platform: process.platform, env: process.env, hasUpdateConfig })) return
  const { default: updaterModule } = await import('electron-updater')
  const updater = updaterModule.autoUpdater as unknown as UpdaterLike
  await setupUpdater({
    updater,
    log: (event, fields) => logger.info(event, fields),
    prompts: {
      askToDownload: async (version) => {
        const { response } = await dialog.showMessageBox({
          type: 'info',
          buttons: ['Download', 'Not now'],
          defaultId: 0,
          cancelId: 1,
          message: `Speakloop ${version} is available.`,
          detail: 'Download it now? It will be installed the next time you restart Speakloop.'
        })
        return response === 0
      },
      askToRestart: async (version) => {
        const { response } = await dialog.showMessageBox({
          type: 'info',
          buttons: ['Restart now', 'Later'],
          defaultId: 1,
          cancelId: 1,
          message: `Speakloop ${version} is ready to install.`,
          detail: 'It will be installed when you next quit Speakloop. Sessions in progress resume after the restart.'
        })
        return response === 0
      }
    }
  })
}

async function shutdown(): Promise<void> {
  logger.info('app:quit')
  // No request may reach the core once it starts closing its database.
  stopIpc?.()
  stopIpc = null
  const running = core
  core = null
  if (running) {
    const outcome = await settleWithin(running.shutdown(), systemEnding ? SYSTEM_ENDING_TIMEOUT_MS : SHUTDOWN_TIMEOUT_MS)
    logger.info('core:shutdown', { outcome })
  }
  // A key saved just before quitting is written before the process ends.
  if (secretStore) await settleWithin(secretStore.flush(), 2_000)
}

function fail(error: unknown): void {
  // Only the error's class and message: core start-up errors are about files and schema versions.
  const message = error instanceof Error ? error.message : String(error)
  logger.error('app:start-failed', { name: error instanceof Error ? error.name : 'unknown' })
  const failure = failureDialog('start', message, logDir)
  dialog.showErrorBox(failure.title, `${failure.message}\n\n${failure.detail}`)
  shutdownState = 'stopped'
  app.exit(1)
}
