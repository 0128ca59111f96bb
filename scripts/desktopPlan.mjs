// Decisions of the start and packaging scripts (ensureElectron.mjs, native.mjs), as pure
// functions so they are unit-tested here; what only real Electron shows is checked by the
// Electron workflow (.github/workflows/ci.yml). Plain JavaScript: the scripts run under node.

/** Electron 45's installer (@electron/get) declares this; the binary itself needs no Node. */
export const ELECTRON_INSTALL_NODE = '22.12.0'

/**
 * The one sentence `npm start` prints when `install-electron` failed, or null when it succeeded.
 * `stderr` is what the installer printed (a stack trace); only its first line is kept, as the reason.
 *
 * @param {{ status: number | null, stderr: string, nodeVersion: string }} outcome
 * @returns {string | null}
 */
export function electronInstallFailure({ status, stderr, nodeVersion }) {
  if (status === 0) return null
  const reason = firstLine(stderr) ?? (status === null ? 'the installer was stopped' : `the installer exited with code ${status}`)
  const oldNode = !atLeast(nodeVersion, ELECTRON_INSTALL_NODE)
    ? ` with Node.js ${ELECTRON_INSTALL_NODE} or newer (this is ${nodeVersion.replace(/^v/, '')})`
    : ''
  return (
    `The Electron binary could not be downloaded (${reason}): check your internet connection ` +
    '(or set ELECTRON_MIRROR to a reachable mirror) and run `npm start` again' +
    `${oldNode}; \`npx install-electron\` retries the download alone.`
  )
}

/**
 * What the better-sqlite3 build in node_modules is for: the runtime, its ABI and the CPU
 * architecture, plus the size and time of the `.node` file it was recorded against.
 *
 * @typedef {{ runtime: 'node' | 'electron', abi: string, arch: string, file: { size: number, mtimeMs: number } | null }} NativeBuild
 */

/**
 * What to do with better-sqlite3 before running on `wanted` (runtime, ABI, arch):
 * - 'rebuild' when the record names another runtime, ABI or arch, or there is no built module;
 * - 'probe' (load it in the target runtime, rebuild only if that fails) when there is no usable
 *   record, or the module file is not the one recorded: `npm run package` rebuilds it per
 *   architecture and leaves the last, and `npm install` may swap it, without updating the record;
 * - 'none' when the record matches and describes the file installed now.
 *
 * @param {{ recorded: unknown, wanted: { runtime: string, abi: string, arch: string }, file: { size: number, mtimeMs: number } | null }} input
 * @returns {{ action: 'none' | 'probe' | 'rebuild', why: string }}
 */
export function nativeBuildPlan({ recorded, wanted, file }) {
  if (file === null) return { action: 'rebuild', why: 'better-sqlite3 has no built module' }
  const r = /** @type {Partial<NativeBuild> | null} */ (recorded && typeof recorded === 'object' ? recorded : null)
  if (!r || typeof r.runtime !== 'string' || typeof r.abi !== 'string' || typeof r.arch !== 'string' || !r.file) {
    return { action: 'probe', why: 'no record of what better-sqlite3 was built for' }
  }
  const built = `${r.runtime} (ABI ${r.abi}, ${r.arch})`
  const target = `${wanted.runtime} (ABI ${wanted.abi}, ${wanted.arch})`
  if (r.runtime !== wanted.runtime || r.abi !== wanted.abi || r.arch !== wanted.arch) {
    return { action: 'rebuild', why: `better-sqlite3 is built for ${built}, not ${target}` }
  }
  if (r.file.size !== file.size || r.file.mtimeMs !== file.mtimeMs) {
    return { action: 'probe', why: 'better-sqlite3 was replaced since it was recorded' }
  }
  return { action: 'none', why: `better-sqlite3 is built for ${target}` }
}

const BUILDER_PLATFORM = { darwin: 'mac', win32: 'win', linux: 'linux' }

/**
 * The CPU architectures electron-builder packages for on `platform`, read from its configuration:
 * every `arch` of the platform's targets, or the packaging machine's own when a target names none.
 * electron-builder packs each of them from this one node_modules.
 *
 * @param {{ [key: string]: unknown }} config the electron-builder configuration
 * @param {string} platform process.platform of the packaging machine
 * @param {string} hostArch process.arch of the packaging machine
 * @returns {string[]}
 */
export function packagedArches(config, platform, hostArch) {
  const section = /** @type {{ target?: unknown } | undefined} */ (config[BUILDER_PLATFORM[platform] ?? platform])
  const targets = Array.isArray(section?.target) ? section.target : []
  const arches = new Set()
  for (const target of targets) {
    const named = typeof target === 'object' && target !== null && Array.isArray(target.arch) ? target.arch : [hostArch]
    for (const arch of named) arches.add(arch)
  }
  if (arches.size === 0) arches.add(hostArch)
  return [...arches].sort()
}

/**
 * The architectures whose addon is missing, given the installed package folders' names (e.g.
 * `node-whisper-darwin-x64`); packaging stops with this list rather than ship an app that cannot
 * transcribe on-device.
 *
 * @param {string} platform
 * @param {string[]} arches
 * @param {string[]} installed folder names under node_modules/@fugood
 * @returns {string[]}
 */
export function missingWhisperAddons(platform, arches, installed) {
  return arches.filter((arch) => !installed.includes(`node-whisper-${platform}-${arch}`))
}

/**
 * Where electron-builder leaves the unpacked app for one platform and arch under `dist/`
 * (`mac`, `mac-arm64`, `win-unpacked`, `linux-arm64-unpacked`, ...: the arch is named unless it is
 * x64), its executable, and its resources folder (app.asar and app.asar.unpacked).
 *
 * @param {string} platform
 * @param {string} arch
 * @param {{ productName: string, executableName: string, dist?: string }} names
 * @returns {{ appDir: string, executable: string, resources: string }}
 */
export function packagedAppLayout(platform, arch, { productName, executableName, dist = 'dist' }) {
  const suffix = arch === 'x64' ? '' : `-${arch}`
  if (platform === 'darwin') {
    const appDir = `${dist}/mac${suffix}/${productName}.app`
    return { appDir, executable: `${appDir}/Contents/MacOS/${productName}`, resources: `${appDir}/Contents/Resources` }
  }
  if (platform === 'win32') {
    const appDir = `${dist}/win${suffix}-unpacked`
    return { appDir, executable: `${appDir}/${productName}.exe`, resources: `${appDir}/resources` }
  }
  const appDir = `${dist}/linux${suffix}-unpacked`
  return { appDir, executable: `${appDir}/${executableName}`, resources: `${appDir}/resources` }
}

/**
 * What a packaged app must hold, checked before its smoke test: each as a path under its resources
 * folder, with why it matters. The whisper.cpp addon is its own architecture's.
 *
 * @param {string} platform
 * @param {string} arch
 * @returns {{ path: string, why: string }[]}
 */
export function packagedAppContents(platform, arch) {
  return [
    { path: 'app.asar', why: 'the app itself' },
    { path: 'migrations', why: 'the database migrations the core runs at start-up' },
    { path: 'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node', why: 'SQLite' },
    { path: `app.asar.unpacked/node_modules/@fugood/node-whisper-${platform}-${arch}`, why: 'on-device transcription' }
  ]
}

/**
 * The fuses the packaged binary must have, by @electron/fuses' FuseV1Options index, read from the
 * electron-builder configuration (`electronFuses`), so the check and the build cannot drift apart.
 *
 * @param {{ [key: string]: boolean | undefined }} fuses the configuration's `electronFuses`
 * @returns {{ index: number, name: string, enabled: boolean }[]}
 */
export function expectedFuses(fuses) {
  const indexes = {
    runAsNode: 0,
    enableCookieEncryption: 1,
    enableNodeOptionsEnvironmentVariable: 2,
    enableNodeCliInspectArguments: 3,
    enableEmbeddedAsarIntegrityValidation: 4,
    onlyLoadAppFromAsar: 5,
    loadBrowserProcessSpecificV8Snapshot: 6,
    grantFileProtocolExtraPrivileges: 7
  }
  return Object.entries(fuses)
    .filter(([name, value]) => name in indexes && typeof value === 'boolean')
    .map(([name, value]) => ({ index: indexes[name], name, enabled: value }))
}

function firstLine(text) {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.length > 0)
  return line ? line.slice(0, 200) : null
}

function atLeast(version, minimum) {
  const a = version.replace(/^v/, '').split('.').map(Number)
  const b = minimum.split('.').map(Number)
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0)
  }
  return true
}
