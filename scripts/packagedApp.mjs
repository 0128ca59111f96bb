// Electron workflow step after `npm run package` (.github/workflows/ci.yml): checks the packaged app
// and prepares the copy its smoke test (tests/e2e/packaged.spec.ts) drives.
//  1. Every packaged architecture's app holds what it needs (packagedAppContents: its own whisper.cpp
//     addon among them), its binary's fuses are flipped as build/electron-builder.config.cjs says, and
//     on macOS its signature verifies (an unsigned arm64 build with a broken one does not launch).
//  2. Playwright's _electron.launch needs the Node inspector, which the shipped binary's fuses forbid:
//     the app of this machine's arch is copied to dist/smoke and only that fuse is turned back on
//     there. Its executable's path is printed and, in GitHub Actions, set as SPEAKLOOP_PACKAGED_APP.
import { execFileSync } from 'node:child_process'
import { appendFileSync, cpSync, existsSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { expectedFuses, packagedAppContents, packagedAppLayout, packagedArches } from './desktopPlan.mjs'

const require = createRequire(import.meta.url)
// A dependency of electron-builder, which flips the same fuses with it.
const { flipFuses, getCurrentFuseWire, FuseV1Options, FuseVersion } = require('@electron/fuses')
const config = require('../build/electron-builder.config.cjs')
const manifest = JSON.parse(readFileSync('package.json', 'utf8'))
const names = { productName: manifest.productName, executableName: manifest.name.toLowerCase() }
const { platform, arch } = process
const problems = []

for (const packagedArch of packagedArches(config, platform, arch)) {
  const layout = packagedAppLayout(platform, packagedArch, names)
  if (!existsSync(layout.executable)) {
    problems.push(`${platform}-${packagedArch}: no packaged app at ${layout.executable}`)
    continue
  }
  for (const item of packagedAppContents(platform, packagedArch)) {
    if (!existsSync(join(layout.resources, item.path))) problems.push(`${platform}-${packagedArch}: ${item.path} is missing (${item.why})`)
  }
  const wire = await getCurrentFuseWire(layout.executable)
  for (const fuse of expectedFuses(config.electronFuses)) {
    const state = wire[fuse.index]
    if (state !== (fuse.enabled ? 49 : 48)) problems.push(`${platform}-${packagedArch}: fuse ${fuse.name} is not ${fuse.enabled ? 'on' : 'off'}`)
  }
  if (platform === 'darwin') {
    try {
      execFileSync('codesign', ['--verify', '--deep', '--strict', layout.appDir], { stdio: 'pipe' })
    } catch (error) {
      problems.push(`${platform}-${packagedArch}: the signature does not verify (${String(error.stderr ?? error).trim()})`)
    }
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`packagedApp: ${problem}`)
  process.exit(1)
}

const layout = packagedAppLayout(platform, arch, names)
const smoke = packagedAppLayout(platform, arch, { ...names, dist: 'dist/smoke' })
rmSync(dirname(smoke.appDir), { recursive: true, force: true })
// verbatimSymlinks: a macOS bundle's frameworks are symlinks and must stay so.
cpSync(layout.appDir, smoke.appDir, { recursive: true, verbatimSymlinks: true })
await flipFuses(smoke.executable, {
  version: FuseVersion.V1,
  [FuseV1Options.EnableNodeCliInspectArguments]: true,
  resetAdHocDarwinSignature: platform === 'darwin'
})
const executable = join(process.cwd(), smoke.executable)
console.log(`packagedApp: ${relative('.', layout.appDir)} checked; smoke-test copy at ${executable}`)
if (process.env.GITHUB_ENV) appendFileSync(process.env.GITHUB_ENV, `SPEAKLOOP_PACKAGED_APP=${executable}\n`)
