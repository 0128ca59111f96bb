import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  processingBadge,
  rendererTarget,
  resolveDataDir,
  resolveMigrationsDir,
  needsOsMicrophoneAccess,
  settleWithin,
  shouldAskForMicrophone,
  shouldCheckForUpdates,
  userDataDir
} from '../../../electron/main/runtime.ts'
import { appDataDir, defaultDataDir } from '../../../electron/core/paths.ts'

describe('resolveDataDir', () => {
  it('uses userData unless SPEAKLOOP_DATA_DIR is set', () => {
    expect(resolveDataDir({}, '/home/u/.config/Speakloop')).toBe('/home/u/.config/Speakloop')
    expect(resolveDataDir({ SPEAKLOOP_DATA_DIR: '  ' }, '/ud')).toBe('/ud')
    expect(resolveDataDir({ SPEAKLOOP_DATA_DIR: '/tmp/e2e-1' }, '/ud')).toBe(path.resolve('/tmp/e2e-1'))
  })

  it('makes a relative override absolute', () => {
    expect(path.isAbsolute(resolveDataDir({ SPEAKLOOP_DATA_DIR: 'data' }, '/ud'))).toBe(true)
  })
})

describe('a separate data folder when not packaged', () => {
  it('gives the installed app Speakloop and a run from a checkout Speakloop-dev, side by side', () => {
    expect(userDataDir({ isPackaged: true, appData: '/home/u/.config' })).toBe(path.join('/home/u/.config', 'Speakloop'))
    expect(userDataDir({ isPackaged: false, appData: '/home/u/.config' })).toBe(path.join('/home/u/.config', 'Speakloop-dev'))
  })

  it('puts the CLI, which always runs from a checkout, in the development folder too, unless told otherwise', () => {
    const env = { XDG_CONFIG_HOME: '/xdg', APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }
    expect(defaultDataDir(env, 'linux')).toBe(path.join('/xdg', 'Speakloop-dev'))
    expect(defaultDataDir(env, 'linux', true)).toBe(path.join('/xdg', 'Speakloop'))
    expect(defaultDataDir(env, 'win32')).toBe(path.join(env.APPDATA, 'Speakloop-dev'))
    expect(defaultDataDir({ ...env, SPEAKLOOP_DATA_DIR: '/data' }, 'linux')).toBe('/data')
  })

  it('finds the same application data folder Electron does on each OS', () => {
    expect(appDataDir({}, 'darwin')).toMatch(/Library[/\\]Application Support$/)
    expect(appDataDir({ APPDATA: 'D:\\Roaming' }, 'win32')).toBe('D:\\Roaming')
    expect(appDataDir({}, 'linux')).toMatch(/\.config$/)
  })
})

describe('resolveMigrationsDir', () => {
  it('reads migrations from resources when packaged and from the repo in development', () => {
    expect(resolveMigrationsDir({ isPackaged: true, resourcesPath: '/Applications/Speakloop.app/Contents/Resources', appRoot: '/x' })).toBe(
      path.join('/Applications/Speakloop.app/Contents/Resources', 'migrations')
    )
    expect(resolveMigrationsDir({ isPackaged: false, resourcesPath: '/r', appRoot: '/repo' })).toBe(
      path.join('/repo', 'prisma', 'migrations')
    )
  })
})

describe('rendererTarget', () => {
  it('loads the app origin when packaged, even if a dev URL leaked into the environment', () => {
    expect(rendererTarget({ isPackaged: true, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })).toEqual({
      url: 'app://speakloop/index.html',
      devOrigin: null
    })
  })

  it('loads the loopback dev server in development', () => {
    expect(rendererTarget({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } })).toEqual({
      url: 'http://localhost:5173/',
      devOrigin: 'http://localhost:5173'
    })
  })

  it('ignores a non-loopback dev URL', () => {
    expect(rendererTarget({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'https://evil.example' } }).url).toBe(
      'app://speakloop/index.html'
    )
    expect(rendererTarget({ isPackaged: false, env: {} }).devOrigin).toBeNull()
  })
})

describe('processingBadge', () => {
  it('shows the count and an indeterminate progress bar while processing', () => {
    expect(processingBadge(2)).toEqual({ dockText: '2', progress: 2 })
  })

  it('clears both when idle', () => {
    expect(processingBadge(0)).toEqual({ dockText: '', progress: -1 })
    expect(processingBadge(Number.NaN)).toEqual({ dockText: '', progress: -1 })
  })
})

describe('shouldCheckForUpdates', () => {
  it('checks packaged builds on macOS, Windows and the Linux AppImage', () => {
    expect(shouldCheckForUpdates({ isPackaged: true, platform: 'darwin', env: {}, hasUpdateConfig: true })).toBe(true)
    expect(shouldCheckForUpdates({ isPackaged: true, platform: 'win32', env: {}, hasUpdateConfig: true })).toBe(true)
    expect(shouldCheckForUpdates({ isPackaged: true, platform: 'linux', env: { APPIMAGE: '/x.AppImage' }, hasUpdateConfig: true })).toBe(true)
  })

  it('never checks a local build, which has no update repository (no app-update.yml)', () => {
    expect(shouldCheckForUpdates({ isPackaged: true, platform: 'darwin', env: {}, hasUpdateConfig: false })).toBe(false)
    expect(shouldCheckForUpdates({ isPackaged: true, platform: 'linux', env: { APPIMAGE: '/x.AppImage' }, hasUpdateConfig: false })).toBe(false)
  })

  it('never checks in development, for .deb installs or when disabled', () => {
    expect(shouldCheckForUpdates({ isPackaged: false, platform: 'darwin', env: {}, hasUpdateConfig: true })).toBe(false)
    expect(shouldCheckForUpdates({ isPackaged: true, platform: 'linux', env: {}, hasUpdateConfig: true })).toBe(false)
    expect(shouldCheckForUpdates({ isPackaged: true, platform: 'darwin', env: { SPEAKLOOP_DISABLE_UPDATES: '1' }, hasUpdateConfig: true })).toBe(false)
    expect(shouldCheckForUpdates({ isPackaged: true, platform: 'darwin', env: { SPEAKLOOP_DISABLE_UPDATES: '0' }, hasUpdateConfig: true })).toBe(true)
  })
})

describe('needsOsMicrophoneAccess', () => {
  it('asks macOS for the microphone, unless Chromium captures from its fake device (tests, the smoke test)', () => {
    expect(needsOsMicrophoneAccess('darwin', false)).toBe(true)
    expect(needsOsMicrophoneAccess('darwin', true)).toBe(false)
    expect(needsOsMicrophoneAccess('win32', false)).toBe(false)
    expect(needsOsMicrophoneAccess('linux', false)).toBe(false)
  })
})

describe('shouldAskForMicrophone', () => {
  it('asks macOS only while undecided', () => {
    expect(shouldAskForMicrophone('darwin', 'not-determined')).toBe(true)
    expect(shouldAskForMicrophone('darwin', 'denied')).toBe(false)
    expect(shouldAskForMicrophone('darwin', 'granted')).toBe(false)
    expect(shouldAskForMicrophone('win32', 'not-determined')).toBe(false)
  })
})

describe('settleWithin', () => {
  it('reports done, failed or timeout', async () => {
    expect(await settleWithin(Promise.resolve(1), 1000)).toBe('done')
    expect(await settleWithin(Promise.reject(new Error('x')), 1000)).toBe('failed')
    expect(await settleWithin(new Promise(() => {}), 10)).toBe('timeout')
  })
})
