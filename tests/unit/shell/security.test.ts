import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  appProtocolHeaders,
  contentTypeFor,
  devServerOrigin,
  isAllowedNavigation,
  isTrustedSender,
  originOf,
  permissionDecision,
  resolveAppProtocolPath,
  safeOpenExternal,
  trustedOrigins,
  windowOptions
} from '../../../electron/main/security.ts'

const ROOT = path.resolve('/srv/speakloop/out/renderer')

describe('windowOptions', () => {
  it('locks the renderer down with literal web preferences', () => {
    const options = windowOptions('/app/out/preload/index.cjs')
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
  })

  it('stays hidden until ready-to-show and has a minimum size', () => {
    const options = windowOptions('/p.cjs')
    expect(options.show).toBe(false)
    expect(options.minWidth).toBeGreaterThanOrEqual(640)
    expect(options.minHeight).toBeGreaterThanOrEqual(480)
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth!)
  })

  it('paints the theme background so there is no white flash in dark mode', () => {
    expect(windowOptions('/p.cjs', { dark: true }).backgroundColor).not.toBe(
      windowOptions('/p.cjs', { dark: false }).backgroundColor
    )
  })

  it('offers developer tools only when asked to (the shell asks when not packaged)', () => {
    expect(windowOptions('/p.cjs').webPreferences?.devTools).toBe(false)
    expect(windowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true)
  })

  it('opens at remembered bounds when given', () => {
    const options = windowOptions('/p.cjs', { bounds: { x: 10, y: 20, width: 900, height: 700 } })
    expect(options).toMatchObject({ x: 10, y: 20, width: 900, height: 700 })
  })
})

describe('originOf', () => {
  it('gives our app scheme a real origin (WHATWG URL says "null" for it)', () => {
    expect(new URL('app://speakloop/index.html').origin).toBe('null')
    expect(originOf('app://speakloop/index.html')).toBe(APP_ORIGIN)
  })

  it('returns null for other hosts of our scheme, other schemes and garbage', () => {
    expect(originOf('app://evil/index.html')).toBeNull()
    expect(originOf('file:///etc/passwd')).toBeNull()
    expect(originOf('not a url')).toBeNull()
  })
})

describe('isAllowedNavigation', () => {
  it('allows pages of our own origin', () => {
    expect(isAllowedNavigation('app://speakloop/index.html')).toBe(true)
    expect(isAllowedNavigation('app://speakloop/index.html#/session/1')).toBe(true)
  })

  it('refuses the web, files, other app hosts and script URLs', () => {
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      'file:///C:/Windows/System32/calc.exe',
      'app://speakloop.evil.com/',
      'app://evil/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'about:blank',
      ''
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false)
    }
  })

  it('allows the dev server only when it is passed in as trusted', () => {
    const origins = trustedOrigins('http://localhost:5173')
    expect(isAllowedNavigation('http://localhost:5173/src/main.tsx', origins)).toBe(true)
    expect(isAllowedNavigation('http://localhost:5174/', origins)).toBe(false)
  })
})

describe('devServerOrigin', () => {
  it('accepts only plain-http loopback dev servers', () => {
    expect(devServerOrigin('http://localhost:5173/')).toBe('http://localhost:5173')
    expect(devServerOrigin('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173')
    expect(devServerOrigin('https://example.com')).toBeNull()
    expect(devServerOrigin('http://192.168.1.5:5173')).toBeNull()
    expect(devServerOrigin('http://localhost.evil.com:5173')).toBeNull()
    expect(devServerOrigin(undefined)).toBeNull()
    expect(devServerOrigin('::')).toBeNull()
  })
})

describe('isTrustedSender', () => {
  it('trusts only our main frame', () => {
    expect(isTrustedSender('app://speakloop/index.html', true)).toBe(true)
    expect(isTrustedSender('app://speakloop/index.html', false)).toBe(false)
    expect(isTrustedSender('https://example.com/', true)).toBe(false)
    expect(isTrustedSender('', true)).toBe(false)
    expect(isTrustedSender(undefined, true)).toBe(false)
  })
})

describe('permissionDecision', () => {
  it('grants microphone capture to our main frame', () => {
    expect(permissionDecision('media', 'app://speakloop', true, ['audio'])).toBe(true)
    expect(permissionDecision('media', 'app://speakloop/index.html', true, ['audio'])).toBe(true)
    expect(permissionDecision('media', 'app://speakloop/', true)).toBe(true)
  })

  it('refuses the camera, even together with the microphone', () => {
    expect(permissionDecision('media', 'app://speakloop', true, ['video'])).toBe(false)
    expect(permissionDecision('media', 'app://speakloop', true, ['audio', 'video'])).toBe(false)
    expect(permissionDecision('media', 'app://speakloop', true, [])).toBe(false)
  })

  it('refuses media to subframes and other origins', () => {
    expect(permissionDecision('media', 'app://speakloop', false, ['audio'])).toBe(false)
    expect(permissionDecision('media', 'https://example.com', true, ['audio'])).toBe(false)
    expect(permissionDecision('media', 'file:///', true, ['audio'])).toBe(false)
    expect(permissionDecision('media', '', true, ['audio'])).toBe(false)
  })

  it('refuses every other permission, even to our origin', () => {
    for (const permission of [
      'notifications',
      'geolocation',
      'clipboard-read',
      'display-capture',
      'openExternal',
      'fullscreen',
      'hid',
      'usb',
      'serial',
      'unknown'
    ]) {
      expect(permissionDecision(permission, 'app://speakloop', true, ['audio']), permission).toBe(false)
    }
  })
})

describe('resolveAppProtocolPath', () => {
  it('maps our URLs to files under the root', () => {
    expect(resolveAppProtocolPath(ROOT, 'app://speakloop/index.html')).toBe(path.join(ROOT, 'index.html'))
    expect(resolveAppProtocolPath(ROOT, 'app://speakloop/assets/index-abc.js')).toBe(
      path.join(ROOT, 'assets', 'index-abc.js')
    )
    expect(resolveAppProtocolPath(ROOT, 'app://speakloop/assets/a%20b.css?v=1#x')).toBe(
      path.join(ROOT, 'assets', 'a b.css')
    )
  })

  it('serves index.html for the bare origin', () => {
    expect(resolveAppProtocolPath(ROOT, 'app://speakloop/')).toBe(path.join(ROOT, 'index.html'))
    expect(resolveAppProtocolPath(ROOT, 'app://speakloop')).toBe(path.join(ROOT, 'index.html'))
  })

  it('rejects every way of climbing out of the root', () => {
    for (const url of [
      'app://speakloop/../main/index.js',
      'app://speakloop/assets/../../main/index.js',
      'app://speakloop/%2e%2e/main/index.js',
      'app://speakloop/%2E%2E/%2E%2E/etc/passwd',
      'app://speakloop/.%2e/secrets.json',
      'app://speakloop/assets/..%2f..%2fsecrets.json',
      'app://speakloop/..%5c..%5csecrets.json',
      'app://speakloop/assets\\..\\..\\secrets.json',
      'app://speakloop/%2fetc/passwd',
      'app://speakloop/C:/Windows/win.ini',
      'app://speakloop/c%3a/Windows/win.ini',
      'app://speakloop/index.html%00.png',
      'app://speakloop/index.html\0'
    ]) {
      expect(resolveAppProtocolPath(ROOT, url), url).toBeNull()
    }
  })

  it('keeps a doubled slash inside the root instead of treating it as absolute', () => {
    expect(resolveAppProtocolPath(ROOT, 'app://speakloop//etc/passwd')).toBe(path.join(ROOT, 'etc', 'passwd'))
  })

  it('rejects other hosts and schemes', () => {
    expect(resolveAppProtocolPath(ROOT, 'app://other/index.html')).toBeNull()
    expect(resolveAppProtocolPath(ROOT, 'file:///index.html')).toBeNull()
    expect(resolveAppProtocolPath(ROOT, 'https://speakloop/index.html')).toBeNull()
    expect(resolveAppProtocolPath(ROOT, 'nonsense')).toBeNull()
  })
})

describe('content types and headers', () => {
  it('serves wasm as application/wasm so streaming compilation works', () => {
    expect(contentTypeFor('/x/harper_wasm_bg.wasm')).toBe('application/wasm')
    expect(contentTypeFor('/x/index.HTML')).toMatch(/^text\/html/)
    expect(contentTypeFor('/x/blob.unknown')).toBe('application/octet-stream')
  })

  it('sends the CSP and nosniff with every file', () => {
    const headers = appProtocolHeaders('/x/index.html')
    expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(headers['x-content-type-options']).toBe('nosniff')
  })
})

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name!, values] as const
    })
  )

  it('allows no eval of any kind (the renderer runs no WebAssembly) and no inline code', () => {
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval')
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'")
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-inline'")
    expect(directives.get('style-src')).toEqual(["'self'"])
  })

  it('locks down plugins, base, framing, forms and network', () => {
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(directives.get('form-action')).toEqual(["'none'"])
    expect(directives.get('connect-src')).toEqual(["'self'"])
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
    expect(directives.get('media-src')).toEqual(["'self'", 'blob:'])
  })
})

describe('safeOpenExternal', () => {
  it('opens the providers’ key pages and the project’s help in the browser', async () => {
    const open = vi.fn(async () => undefined)
    expect(await safeOpenExternal('https://platform.openai.com/api-keys', open)).toBe(true)
    expect(await safeOpenExternal('https://console.anthropic.com/settings/keys', open)).toBe(true)
    expect(await safeOpenExternal('https://github.com/speakloop/speakloop#readme', open)).toBe(true)
    expect(open).toHaveBeenCalledWith('https://platform.openai.com/api-keys')
    expect(open).toHaveBeenCalledTimes(3)
  })

  it('refuses every other host, plain http, and anything that could launch a local program', async () => {
    const open = vi.fn(async () => undefined)
    for (const url of [
      'http://example.com/a?b=c',
      'https://example.com/',
      'http://platform.openai.com/api-keys',
      'https://platform.openai.com.evil.test/',
      'https://platform.openai.com:8443/',
      'https://github.com/someone-else/repo',
      'https://github.com/speakloop/speakloop-fake',
      'file:///Applications/Calculator.app',
      'smb://attacker/share',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'app://speakloop/index.html',
      'https://user:pass@platform.openai.com/',
      'not a url'
    ]) {
      expect(await safeOpenExternal(url, open), url).toBe(false)
    }
    expect(open).not.toHaveBeenCalled()
  })
})
