// First step of `npm start` (and of the Electron workflow): installs the Electron binary when it is
// missing. Electron 45 no longer downloads it on `npm install`; its own `install-electron`
// (node_modules/electron/install.js) does, and is a no-op once the binary is there. When the download
// fails, this prints one sentence saying so and how to retry (electronInstallFailure), never a stack.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { electronInstallFailure } from './desktopPlan.mjs'

const installer = createRequire(import.meta.url).resolve('electron/install.js')
const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' })
const failure = electronInstallFailure({
  status: result.error ? null : result.status,
  stderr: result.error ? result.error.message : (result.stderr ?? ''),
  nodeVersion: process.version
})
if (failure) {
  console.error(failure)
  process.exit(1)
}
