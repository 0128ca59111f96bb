import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

type Plan = { action: 'none' | 'probe' | 'rebuild'; why: string }
interface DesktopPlan {
  ELECTRON_INSTALL_NODE: string
  electronInstallFailure(outcome: { status: number | null; stderr: string; nodeVersion: string }): string | null
  nativeBuildPlan(input: { recorded: unknown; wanted: { runtime: string; abi: string; arch: string }; file: { size: number; mtimeMs: number } | null }): Plan
  packagedArches(config: Record<string, unknown>, platform: string, hostArch: string): string[]
  missingWhisperAddons(platform: string, arches: string[], installed: string[]): string[]
  packagedAppLayout(platform: string, arch: string, names: { productName: string; executableName: string; dist?: string }): { appDir: string; executable: string; resources: string }
  packagedAppContents(platform: string, arch: string): { path: string; why: string }[]
  expectedFuses(fuses: Record<string, boolean | undefined>): { index: number; name: string; enabled: boolean }[]
}

// Plain JavaScript (the scripts run under node without tsx), typed here.
const ROOT = resolve(import.meta.dirname, '../../..')
const plan = (await import(new URL('../../../scripts/desktopPlan.mjs', import.meta.url).href)) as DesktopPlan
const builderConfig = createRequire(import.meta.url)(join(ROOT, 'build/electron-builder.config.cjs')) as Record<string, unknown>

const temps: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'speakloop-desktop-plan-'))
  temps.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('electronInstallFailure (what `npm start` says when Electron cannot be installed)', () => {
  it('says nothing when the installer succeeded (or found the binary already there)', () => {
    expect(plan.electronInstallFailure({ status: 0, stderr: '', nodeVersion: 'v22.12.0' })).toBeNull()
  })

  it('is one sentence with the first line of the installer’s error and how to retry, never a stack trace', () => {
    const stderr = 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async FetchDownloader.download\n'
    const message = plan.electronInstallFailure({ status: 1, stderr, nodeVersion: 'v22.14.0' })!
    expect(message).toBe(
      'The Electron binary could not be downloaded (TypeError: fetch failed): check your internet connection ' +
        '(or set ELECTRON_MIRROR to a reachable mirror) and run `npm start` again; `npx install-electron` retries the download alone.'
    )
    expect(message).not.toContain('\n')
    expect(message).not.toMatch(/Electron uninstall|at node:/)
  })

  it('names the Node.js the installer needs when an older one ran it', () => {
    const message = plan.electronInstallFailure({ status: 1, stderr: 'Error: nope', nodeVersion: 'v20.19.0' })!
    expect(message).toContain(`run \`npm start\` again with Node.js ${plan.ELECTRON_INSTALL_NODE} or newer (this is 20.19.0)`)
    expect(plan.electronInstallFailure({ status: 1, stderr: 'Error: nope', nodeVersion: 'v24.1.0' })).not.toContain('this is')
  })

  it('still gives a reason when the installer printed nothing or was killed', () => {
    expect(plan.electronInstallFailure({ status: 3, stderr: '\n', nodeVersion: 'v22.12.0' })).toContain('(the installer exited with code 3)')
    expect(plan.electronInstallFailure({ status: null, stderr: '', nodeVersion: 'v22.12.0' })).toContain('(the installer was stopped)')
  })
})

describe('scripts/ensureElectron.mjs (the first step of `npm start`)', () => {
  it('installs nothing and says nothing once the binary is there, else stops with the one sentence', async () => {
    // A mirror on a closed loopback port and an empty download cache: the download fails here and
    // on any machine, instead of depending on the network.
    const server = createServer()
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const port = (server.address() as { port: number }).port
    await new Promise<void>((done) => server.close(() => done()))
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/ensureElectron.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, electron_config_cache: tempDir() }
    })
    if (existsSync(join(ROOT, 'node_modules/electron/path.txt'))) {
      // The Electron workflow installs the binary first: then this is the no-op `npm start` runs.
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' })
    } else {
      expect(result.status).toBe(1)
      const lines = result.stderr.trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^The Electron binary could not be downloaded \(.+\): check your internet connection .*run `npm start` again/)
    }
  })
})

describe('nativeBuildPlan (better-sqlite3 for the runtime about to run)', () => {
  const file = { size: 2_158_144, mtimeMs: 1_700_000_000_000 }
  const electronX64 = { runtime: 'electron', abi: '140', arch: 'x64' }

  it('does nothing when the record matches runtime, ABI, arch and the file installed now', () => {
    expect(plan.nativeBuildPlan({ recorded: { ...electronX64, file }, wanted: electronX64, file }).action).toBe('none')
  })

  it('rebuilds on any mismatch of runtime, ABI or arch', () => {
    expect(plan.nativeBuildPlan({ recorded: { runtime: 'node', abi: '115', arch: 'x64', file }, wanted: electronX64, file })).toEqual({
      action: 'rebuild',
      why: 'better-sqlite3 is built for node (ABI 115, x64), not electron (ABI 140, x64)'
    })
    expect(plan.nativeBuildPlan({ recorded: { ...electronX64, abi: '139', file }, wanted: electronX64, file }).action).toBe('rebuild')
    // `npm run package` on an arm64 Mac ends with the x64 build.
    expect(plan.nativeBuildPlan({ recorded: { ...electronX64, file }, wanted: { ...electronX64, arch: 'arm64' }, file }).action).toBe('rebuild')
    expect(plan.nativeBuildPlan({ recorded: { ...electronX64, file }, wanted: electronX64, file: null }).action).toBe('rebuild')
  })

  it('checks by loading when the module was replaced since it was recorded, or nothing usable was recorded', () => {
    expect(plan.nativeBuildPlan({ recorded: { ...electronX64, file }, wanted: electronX64, file: { ...file, mtimeMs: file.mtimeMs + 1 } })).toEqual({
      action: 'probe',
      why: 'better-sqlite3 was replaced since it was recorded'
    })
    // Older versions wrote only "node" or "electron".
    for (const recorded of [null, 'electron', { runtime: 'electron' }]) {
      expect(plan.nativeBuildPlan({ recorded, wanted: electronX64, file }).action).toBe('probe')
    }
  })
})

describe('scripts/native.mjs', () => {
  it('records runtime, ABI, arch and module file after checking the module loads in this Node', () => {
    const marker = join(ROOT, 'node_modules/.speakloop-native')
    const before = existsSync(marker) ? readFileSync(marker, 'utf8') : null
    try {
      rmSync(marker, { force: true })
      const result = spawnSync(process.execPath, [join(ROOT, 'scripts/native.mjs'), 'node'], { cwd: ROOT, encoding: 'utf8' })
      expect(result.status).toBe(0)
      // It loaded as built: no rebuild was needed, and nothing was printed (the CLI's stdout stays its own).
      expect(result.stdout).toBe('')
      expect(result.stderr).not.toContain('Rebuilding')
      const record = JSON.parse(readFileSync(marker, 'utf8')) as Record<string, unknown>
      expect(record).toEqual({
        runtime: 'node',
        abi: process.versions.modules,
        arch: process.arch,
        file: { size: expect.any(Number), mtimeMs: expect.any(Number) }
      })
    } finally {
      if (before === null) rmSync(marker, { force: true })
      else writeFileSync(marker, before)
    }
  })
})

describe('whisper.cpp addons for every packaged architecture', () => {
  it('packages macOS for arm64 and x64, Windows for x64 and Linux for the machine’s own arch', () => {
    expect(plan.packagedArches(builderConfig, 'darwin', 'arm64')).toEqual(['arm64', 'x64'])
    expect(plan.packagedArches(builderConfig, 'win32', 'x64')).toEqual(['x64'])
    expect(plan.packagedArches(builderConfig, 'linux', 'arm64')).toEqual(['arm64'])
  })

  it('names the architectures whose addon is not installed', () => {
    expect(plan.missingWhisperAddons('darwin', ['arm64', 'x64'], ['node-whisper-darwin-arm64', 'whisper.node'])).toEqual(['x64'])
    expect(plan.missingWhisperAddons('darwin', ['arm64', 'x64'], ['node-whisper-darwin-arm64', 'node-whisper-darwin-x64'])).toEqual([])
  })

  it('stops packaging (exit 2) when an architecture’s addon is missing, and passes once all are there', () => {
    const root = tempDir()
    mkdirSync(join(root, 'node_modules/@fugood/node-whisper-darwin-arm64'), { recursive: true })
    const check = () =>
      spawnSync(process.execPath, [join(ROOT, 'scripts/whisperAddons.mjs'), '--check', '--root', root, '--platform', 'darwin', '--arch', 'arm64'], {
        encoding: 'utf8'
      })
    const missing = check()
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('no whisper.cpp addon for darwin-x64 in node_modules/@fugood')
    mkdirSync(join(root, 'node_modules/@fugood/node-whisper-darwin-x64'), { recursive: true })
    const complete = check()
    expect(complete.status).toBe(0)
    expect(complete.stdout).toContain('present for darwin-arm64, darwin-x64')
  })
})

describe('the packaged app the Electron workflow checks and smoke-tests', () => {
  const names = { productName: 'Speakloop', executableName: 'speakloop' }

  it('finds electron-builder’s output for each platform and arch (x64 unnamed)', () => {
    expect(plan.packagedAppLayout('darwin', 'arm64', names)).toEqual({
      appDir: 'dist/mac-arm64/Speakloop.app',
      executable: 'dist/mac-arm64/Speakloop.app/Contents/MacOS/Speakloop',
      resources: 'dist/mac-arm64/Speakloop.app/Contents/Resources'
    })
    expect(plan.packagedAppLayout('darwin', 'x64', names).appDir).toBe('dist/mac/Speakloop.app')
    expect(plan.packagedAppLayout('win32', 'x64', names)).toEqual({
      appDir: 'dist/win-unpacked',
      executable: 'dist/win-unpacked/Speakloop.exe',
      resources: 'dist/win-unpacked/resources'
    })
    expect(plan.packagedAppLayout('linux', 'x64', { ...names, dist: 'dist/smoke' }).executable).toBe('dist/smoke/linux-unpacked/speakloop')
    expect(plan.packagedAppLayout('linux', 'arm64', names).appDir).toBe('dist/linux-arm64-unpacked')
  })

  it('requires each arch’s own whisper.cpp addon, SQLite and the migrations in the package', () => {
    const paths = plan.packagedAppContents('darwin', 'x64').map((item) => item.path)
    expect(paths).toContain('app.asar.unpacked/node_modules/@fugood/node-whisper-darwin-x64')
    expect(paths).toContain('app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node')
    expect(paths).toContain('migrations')
  })

  it('expects exactly the fuses the electron-builder config flips, by their index in the fuse wire', () => {
    const fuses = plan.expectedFuses((builderConfig as { electronFuses: Record<string, boolean> }).electronFuses)
    expect(fuses).toContainEqual({ index: 0, name: 'runAsNode', enabled: false })
    expect(fuses).toContainEqual({ index: 3, name: 'enableNodeCliInspectArguments', enabled: false })
    expect(fuses).toContainEqual({ index: 5, name: 'onlyLoadAppFromAsar', enabled: true })
    // resetAdHocDarwinSignature is an instruction to the flipper, not a fuse.
    expect(fuses.map((fuse) => fuse.name)).not.toContain('resetAdHocDarwinSignature')
    expect(fuses).toHaveLength(7)
  })
})
