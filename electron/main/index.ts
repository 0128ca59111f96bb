import fs from 'node:fs/promises'
import path from 'node:path'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  Notification,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  systemPreferences,
  utilityProcess,
  type WebContents
} from 'electron'
import { createCore, type Core } from '../core/app.ts'
import { withEnvFallback } from '../core/settings/secrets.ts'
import { defaultWorker } from '../core/localModels/workerEntry.ts'
import { utilityProcessWorker, type ChildGoneDetails } from '../core/worker/utilityProcess.ts'
import { registerIpc } from './ipc.ts'
import { createLogger, type Logger } from './logger.ts'
import { menuTemplate } from './menu.ts'
import {
  processingBadge,
  rendererTarget,
  resolveDataDir,
  resolveMigrationsDir,
  settleWithin,
  shouldAskForMicrophone,
  shouldCheckForUpdates,
  userDataDir
} from './runtime.ts'
import { createSafeStorageSecretStore, storageBackendWarning } from './secretStore.ts'
import {
  APP_SCHEME,
  appProtocolHeaders,
  isAllowedNavigation,
  permissionDecision,
  resolveAppProtocolPath,
  safeOpenExternal,
  trustedOrigins,
  windowOptions
} from './security.ts'
import { setupUpdater, type UpdaterLike } from './updater.ts'
import { loadWindowState, restoreBounds, saveWindowState } from './windowState.ts'

/**
 * The Electron shell: thin wiring of the pure policies next to it (security, ipc, runtime,
 * windowState, menu, updater) around the core. Decisions belong in those files, not here.
 */

const SHUTDOWN_TIMEOUT_MS = 8_000

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

let mainWindow: BrowserWindow | null = null
let core: Core | null = null
let logger: Logger = createLogger({ dir: path.join(dataDir, 'logs') })
let shutdownState: 'running' | 'stopping' | 'stopped' = 'running'

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => focusMainWindow())
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents))
  app.on('window-all-closed', () => {
    // macOS apps stay alive in the dock (and keep processing) until the user quits.
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) createMainWindow()
  })
  app.on('before-quit', (event) => {
    if (shutdownState === 'stopped') return
    event.preventDefault()
    if (shutdownState === 'stopping') return
    shutdownState = 'stopping'
    void shutdown().finally(() => {
      shutdownState = 'stopped'
      app.quit()
    })
  })
  app.whenReady().then(start, (error: unknown) => fail(error))
}

async function start(): Promise<void> {
  logger = createLogger({
    dir: path.join(dataDir, 'logs'),
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

  installPermissionHandlers()
  installAppProtocol()
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, !app.isPackaged)))

  try {
    core = await createCore({
      dataDir,
      migrationsDir: resolveMigrationsDir({
        isPackaged: app.isPackaged,
        resourcesPath: process.resourcesPath,
        appRoot: app.getAppPath()
      }),
      // Keys saved in Settings win; OPENAI_API_KEY / ANTHROPIC_API_KEY serve when none is saved.
      secrets: withEnvFallback(
        createSafeStorageSecretStore({
          dataDir,
          cipher: safeStorage,
          warn: (message) => {
            console.warn(message)
            logger.warn('secrets:warning')
          }
        }),
        process.env
      ),
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

  registerIpc({
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
    if (event === 'session:updated') {
      const summary = payload as { id: string; status: string }
      logger.info('session:updated', { id: summary.id, status: summary.status })
    }
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

function createMainWindow(): void {
  const saved = loadWindowState(dataDir)
  const { bounds, maximized } = restoreBounds(
    saved,
    screen.getAllDisplays().map((display) => display.workArea)
  )
  const window = new BrowserWindow(windowOptions(preloadPath, { dark: nativeTheme.shouldUseDarkColors, bounds }))
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
  void window.loadURL(target.url)
  updateBadge()
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

/** Every web contents (ours or any that slips in) gets the same navigation and window-opening policy. */
function guardWebContents(contents: WebContents): void {
  const openExternally = (url: string) =>
    void safeOpenExternal(url, (safe) => shell.openExternal(safe)).catch(() => undefined)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, origins)) return
    event.preventDefault()
    openExternally(event.url)
  })
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url, origins)) event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, origins)) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url)
    return { action: 'deny' }
  })
}

function installPermissionHandlers(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined
    const granted = permissionDecision(permission, details.requestingUrl, details.isMainFrame, mediaTypes, origins)
    if (!granted) {
      logger.warn('permission:denied', { permission })
      callback(false)
      return
    }
    void askMicrophoneAccess().then(callback, () => callback(false))
  })
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const mediaTypes = details.mediaType && details.mediaType !== 'unknown' ? [details.mediaType] : undefined
    return permissionDecision(permission, requestingOrigin, details.isMainFrame, mediaTypes, origins)
  })
  ses.setDevicePermissionHandler(() => false)
}

/** On macOS the OS asks once per app; elsewhere Chromium's grant is all there is. */
async function askMicrophoneAccess(): Promise<boolean> {
  if (process.platform !== 'darwin') return true
  const status = systemPreferences.getMediaAccessStatus('microphone')
  if (shouldAskForMicrophone(process.platform, status)) return systemPreferences.askForMediaAccess('microphone')
  return status === 'granted'
}

function installAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppProtocolPath(rendererDir, request.url)
    if (!file) return new Response('Not found', { status: 404 })
    // A reload on a client-side route (no file extension) gets the app shell, as a dev server would.
    const candidates = path.extname(file) === '' ? [file, path.join(rendererDir, 'index.html')] : [file]
    for (const candidate of candidates) {
      try {
        const body = await fs.readFile(candidate)
        return new Response(body, { status: 200, headers: appProtocolHeaders(candidate) })
      } catch {
        // try the next candidate
      }
    }
    return new Response('Not found', { status: 404 })
  })
}

function updateBadge(): void {
  const badge = processingBadge(core?.processingCount() ?? 0)
  if (process.platform === 'darwin') app.dock?.setBadge(badge.dockText)
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.setProgressBar(badge.progress)
}

function notify(title: string, body: string): void {
  if (!Notification.isSupported()) return
  const notification = new Notification({ title, body })
  notification.on('click', () => focusMainWindow())
  notification.show()
}

async function startUpdater(): Promise<void> {
  if (!shouldCheckForUpdates({ isPackaged: app.isPackaged, platform: process.platform, env: process.env })) return
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
  const running = core
  core = null
  if (!running) return
  const outcome = await settleWithin(running.shutdown(), SHUTDOWN_TIMEOUT_MS)
  logger.info('core:shutdown', { outcome })
}

function fail(error: unknown): void {
  // Only the error's class and message: core start-up errors are about files and schema versions.
  const message = error instanceof Error ? error.message : String(error)
  logger.error('app:start-failed', { name: error instanceof Error ? error.name : 'unknown' })
  dialog.showErrorBox('Speakloop could not start', message)
  shutdownState = 'stopped'
  app.exit(1)
}
