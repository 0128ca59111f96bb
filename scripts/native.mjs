// better-sqlite3 is a native module: Node (tests, CLI) and Electron (the app) need it built for
// their own ABI and CPU architecture. `node scripts/native.mjs node|electron` records what it was
// built for (runtime, ABI, arch and the module file, in node_modules/.speakloop-native) and
// rebuilds it on any mismatch; with no record, or a module file replaced since, it first loads
// the module in the target runtime and rebuilds only if that fails (nativeBuildPlan).
import { execSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { nativeBuildPlan } from './desktopPlan.mjs'

const target = process.argv[2]
if (target !== 'node' && target !== 'electron') {
  console.error('usage: node scripts/native.mjs node|electron')
  process.exit(2)
}
const MARKER = 'node_modules/.speakloop-native'
const MODULE_FILE = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'

const wanted = {
  runtime: target,
  // Electron's ABI ships with the npm package, so it is known without the binary.
  abi: target === 'electron' ? readFileSync('node_modules/electron/abi_version', 'utf8').trim() : process.versions.modules,
  arch: process.arch
}
const plan = nativeBuildPlan({ recorded: readRecord(), wanted, file: moduleFile() })
if (plan.action === 'rebuild' || (plan.action === 'probe' && !loadsIn(target))) {
  // All on stderr: `npm run cli -- ... --json` runs this first, and its stdout is the command's.
  console.error(`Rebuilding better-sqlite3 for ${target} (${plan.why})…`)
  const stdio = ['ignore', 2, 'inherit']
  if (target === 'electron') execSync(`npx electron-builder install-app-deps --arch ${process.arch}`, { stdio })
  else execSync('npm rebuild better-sqlite3', { stdio })
}
if (plan.action !== 'none') writeFileSync(MARKER, `${JSON.stringify({ ...wanted, file: moduleFile() })}\n`)

function readRecord() {
  try {
    return JSON.parse(readFileSync(MARKER, 'utf8'))
  } catch {
    // Missing, or the single word older versions wrote: either way, not enough to trust.
    return null
  }
}

function moduleFile() {
  if (!existsSync(MODULE_FILE)) return null
  const { size, mtimeMs } = statSync(MODULE_FILE)
  return { size, mtimeMs }
}

/** Whether the installed module opens a database in `runtime` (Electron run as Node, in development). */
function loadsIn(runtime) {
  const probe = "require('better-sqlite3')(':memory:').close()"
  if (runtime === 'node') return spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore' }).status === 0
  const binary = electronBinary()
  if (!binary) return false
  return spawnSync(binary, ['-e', probe], { stdio: 'ignore', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }).status === 0
}

// Read from electron's path file: requiring `electron` would start a download.
function electronBinary() {
  const pathFile = 'node_modules/electron/path.txt'
  if (!existsSync(pathFile)) return null
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}
