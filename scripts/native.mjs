// better-sqlite3 is a native module: Node (tests, CLI) and Electron (the app) need it built
// for their own ABI. `node scripts/native.mjs node|electron` rebuilds it only when the last
// build was for the other runtime.
import { execSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

const target = process.argv[2]
if (target !== 'node' && target !== 'electron') {
  console.error('usage: node scripts/native.mjs node|electron')
  process.exit(2)
}
const marker = 'node_modules/.speakloop-native'
const current = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : 'node'
if (current !== target) {
  console.log(`Rebuilding better-sqlite3 for ${target}…`)
  if (target === 'electron') execSync('npx electron-builder install-app-deps', { stdio: 'inherit' })
  else execSync('npm rebuild better-sqlite3', { stdio: 'inherit' })
  writeFileSync(marker, target)
}
