import fs from 'node:fs/promises'
import path from 'node:path'
import { app, protocol, session, shell, systemPreferences, type WebContents } from 'electron'
import { needsOsMicrophoneAccess, shouldAskForMicrophone } from './runtime.ts'
import {
  APP_SCHEME,
  appProtocolHeaders,
  isAllowedNavigation,
  permissionDecision,
  resolveAppProtocolPath,
  safeOpenExternal
} from './security.ts'

/**
 * Wiring of the security policy (security.ts) into Electron: navigation and window-opening guards for
 * every web contents, the permission handlers, and the `app://` protocol that serves the renderer.
 * Each handler only asks a pure decision function.
 */

/** Every web contents (ours or any that slips in) gets the same navigation and window-opening policy. */
export function guardWebContents(contents: WebContents, origins: readonly string[]): void {
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

/** Microphone for our main frame only; every other permission and device is refused (`onDenied` logs it). */
export function installPermissionHandlers(origins: readonly string[], onDenied: (permission: string) => void): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined
    const granted = permissionDecision(permission, details.requestingUrl, details.isMainFrame, mediaTypes, origins)
    if (!granted) {
      onDenied(permission)
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

/** Serves the built renderer from `rendererDir` as `app://speakloop/...`, with the CSP on every file. */
export function installAppProtocol(rendererDir: string): void {
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

/** On macOS the OS asks once per app; elsewhere (or with Chromium's fake device) Chromium's grant is all there is. */
async function askMicrophoneAccess(): Promise<boolean> {
  if (!needsOsMicrophoneAccess(process.platform, app.commandLine.hasSwitch('use-fake-device-for-media-stream'))) return true
  const status = systemPreferences.getMediaAccessStatus('microphone')
  if (shouldAskForMicrophone(process.platform, status)) return systemPreferences.askForMediaAccess('microphone')
  return status === 'granted'
}
