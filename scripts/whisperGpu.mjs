// Packaging step for on-device transcription's GPU builds (build/README.md). With
// SPEAKLOOP_WHISPER_GPU unset or empty, deletes every whisper.cpp GPU build from node_modules and
// out/node_modules, so the package holds the CPU build only. With `vulkan` or `cuda`, installs that
// build for this OS and CPU into out/node_modules, at the version of the installed CPU package.
// Run from the project root after `npm run build` (electron-vite) and before electron-builder.
// Exits 2, changing nothing, when the request cannot be met.
import { execSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { whisperGpuPlan } from './whisperGpuPlan.mjs'

const { platform, arch } = process
const scopes = [join('node_modules', '@fugood'), join('out', 'node_modules', '@fugood')]
const folders = scopes.flatMap((scope) => (existsSync(scope) ? readdirSync(scope).map((name) => join(scope, name)) : []))
const cpuManifest = join('node_modules', '@fugood', `node-whisper-${platform}-${arch}`, 'package.json')
const cpuVersion = existsSync(cpuManifest) ? JSON.parse(readFileSync(cpuManifest, 'utf8')).version : null

const plan = whisperGpuPlan({ variant: process.env.SPEAKLOOP_WHISPER_GPU, platform, arch, folders, cpuVersion })
if ('error' in plan) {
  console.error(`whisperGpu: ${plan.error}`)
  process.exit(2)
}

for (const folder of plan.remove) {
  rmSync(folder, { recursive: true, force: true })
  console.log(`whisperGpu: removed ${folder}`)
}
if (!plan.install) {
  console.log('whisperGpu: CPU-only whisper.cpp build (SPEAKLOOP_WHISPER_GPU is not set)')
  process.exit(0)
}

console.log(`whisperGpu: installing ${plan.install.spec} into ${plan.install.prefix}/node_modules`)
execSync(`npm install --prefix ${plan.install.prefix} --no-save --no-package-lock --no-audit --no-fund ${plan.install.spec}`, { stdio: 'inherit' })
// npm's record of what it installed there would otherwise be packed into app.asar.
rmSync(join(plan.install.prefix, 'node_modules', '.package-lock.json'), { force: true })
