import path from 'node:path'
import type { BrowserWindowConstructorOptions } from 'electron'

/**
 * The shell's security policy as pure functions: which URLs a window may show, which permissions a
 * page gets, which files the `app://` scheme serves and which frames may call IPC. This file never
 * imports `electron` at runtime so every decision is unit-tested without the Electron binary.
 */

export const APP_SCHEME = 'app'
export const APP_HOST = 'speakloop'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * Strict CSP for the packaged renderer: no eval of any kind (the renderer runs no WebAssembly),
 * no inline script or style, and the renderer talks to
 * nothing but IPC.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'"
].join('; ')

/** Background colours that match the renderer's light and dark tokens, so no white flash before paint. */
export const BACKGROUND = { light: '#f7f7f5', dark: '#17181a' } as const

/** BrowserWindow options for the one main window; the web preferences are literal, never derived. */
export function windowOptions(
  preloadPath: string,
  opts: { dark?: boolean; bounds?: { x?: number; y?: number; width: number; height: number }; devTools?: boolean } = {}
): BrowserWindowConstructorOptions {
  const bounds = opts.bounds ?? { width: 1180, height: 800 }
  return {
    ...bounds,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Speakloop',
    backgroundColor: opts.dark ? BACKGROUND.dark : BACKGROUND.light,
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Developer tools only when not packaged (the shell passes !app.isPackaged).
      devTools: opts.devTools ?? false
    }
  }
}

/**
 * The origin of a URL as Chromium sees it. WHATWG `URL.origin` is "null" for non-special schemes
 * such as our standard `app:` scheme, so it is rebuilt from protocol and host.
 */
export function originOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return APP_ORIGIN
  return null
}

/**
 * The electron-vite dev server origin, only when it is on loopback: a dev URL pointing elsewhere
 * would hand IPC to a remote site, so it is ignored.
 */
export function devServerOrigin(rendererUrl: string | undefined): string | null {
  if (!rendererUrl) return null
  let parsed: URL
  try {
    parsed = new URL(rendererUrl)
  } catch {
    return null
  }
  if (parsed.protocol !== 'http:') return null
  if (!['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) return null
  return parsed.origin
}

/** The origins our own UI is served from: `app://speakloop`, plus the loopback dev server in development. */
export function trustedOrigins(devOrigin: string | null = null): string[] {
  return devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN]
}

/** Whether a window may navigate to `url`: only within our own origins (everything else opens externally). */
export function isAllowedNavigation(url: string, origins: readonly string[] = trustedOrigins()): boolean {
  const origin = originOf(url)
  return origin !== null && origins.includes(origin)
}

/** Whether an IPC call comes from a frame we trust: the main frame, showing one of our origins. */
export function isTrustedSender(
  frameUrl: string | null | undefined,
  isMainFrame: boolean,
  origins: readonly string[] = trustedOrigins()
): boolean {
  if (!isMainFrame || !frameUrl) return false
  return isAllowedNavigation(frameUrl, origins)
}

/**
 * Whether a page gets a permission. Only microphone capture ('media' with audio only) for our main
 * frame; no camera, notifications, geolocation, clipboard or anything else. `mediaTypes` is what
 * Chromium says the request is for; when it is unknown (permission checks) only the origin decides.
 */
export function permissionDecision(
  permission: string,
  requestingOrigin: string,
  isMainFrame: boolean,
  mediaTypes?: readonly string[],
  origins: readonly string[] = trustedOrigins()
): boolean {
  if (permission !== 'media' || !isMainFrame) return false
  const origin = originOf(requestingOrigin)
  if (origin === null || !origins.includes(origin)) return false
  if (mediaTypes === undefined) return true
  return mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio')
}

/**
 * The file under `rootDir` that an `app://speakloop/...` request maps to, or null when the request
 * is for another host or tries to leave the root (`..` plain or encoded, backslashes, encoded
 * slashes, absolute or drive paths, null bytes).
 */
export function resolveAppProtocolPath(rootDir: string, requestUrl: string): string | null {
  // Checked on the raw string first: URL parsing would silently normalise some of these away.
  if (/\\|%5c|%2f|%00|\0/i.test(requestUrl)) return null
  if (/(^|\/)(\.|%2e){2}(\/|$|\?|#)/i.test(requestUrl)) return null
  let parsed: URL
  try {
    parsed = new URL(requestUrl)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  const segments = decoded.split('/').filter((segment) => segment !== '')
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || segment.includes('\0') || segment.includes('\\')) return null
    if (/^[a-z]:/i.test(segment)) return null
  }
  const relative = segments.length === 0 ? 'index.html' : segments.join('/')
  const root = path.resolve(rootDir)
  const resolved = path.resolve(root, relative)
  const fromRoot = path.relative(root, resolved)
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) return null
  return resolved
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  // WebAssembly.instantiateStreaming refuses anything but application/wasm.
  '.wasm': 'application/wasm',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8'
}

/** The Content-Type for a served file; unknown types are sent as opaque bytes (with nosniff). */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream'
}

/** Response headers for every file the `app://` scheme serves. */
export function appProtocolHeaders(filePath: string): Record<string, string> {
  return {
    'content-type': contentTypeFor(filePath),
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer'
  }
}

/**
 * The pages Speakloop may open in the user's browser: where each provider issues API keys, and the
 * project's help. Anything else a page tries to open (a link in a transcript, a redirect) is refused.
 */
export const EXTERNAL_PAGES: readonly { host: string; pathPrefix: string }[] = [
  { host: 'platform.openai.com', pathPrefix: '/' },
  { host: 'console.anthropic.com', pathPrefix: '/' },
  { host: 'github.com', pathPrefix: '/speakloop/speakloop' }
]

/** Whether `url` is an https page on the allow-list (no credentials, no other port). */
export function isAllowedExternal(url: string, pages: readonly { host: string; pathPrefix: string }[] = EXTERNAL_PAGES): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false
  return pages.some(
    (page) =>
      parsed.hostname === page.host &&
      (page.pathPrefix === '/' || parsed.pathname === page.pathPrefix || parsed.pathname.startsWith(`${page.pathPrefix}/`))
  )
}

/**
 * Opens `url` in the user's browser only when it is on the allow-list (`isAllowedExternal`):
 * `file:`, `javascript:`, custom schemes, other hosts and malformed URLs are refused (they could
 * launch local programs or carry data out). Returns whether it opened.
 */
export async function safeOpenExternal(url: string, open: (url: string) => Promise<void>): Promise<boolean> {
  if (!isAllowedExternal(url)) return false
  await open(new URL(url).href)
  return true
}
