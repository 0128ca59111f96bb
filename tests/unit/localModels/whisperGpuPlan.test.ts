import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { gpuPackage, WHISPER_GPUS, type WhisperGpu } from '../../../electron/core/localModels/whisperBinding.ts'

type Plan = { remove: string[]; install: { spec: string; prefix: string } | null } | { error: string }
interface PlanModule {
  GPU_VARIANTS: Record<string, string[]>
  GPU_PREFIX: string
  publishedGpuPackage(platform: string, arch: string, variant: string): string | null
  whisperGpuPlan(input: { variant?: string; platform: string; arch: string; folders: string[]; cpuVersion: string | null }): Plan
}

// Plain JavaScript, so the packaging script runs under node without tsx; typed here, as
// tsconfig does not check JavaScript.
const SCRIPT = fileURLToPath(new URL('../../../scripts/whisperGpu.mjs', import.meta.url))
const { GPU_VARIANTS, GPU_PREFIX, publishedGpuPackage, whisperGpuPlan } = (await import(new URL('../../../scripts/whisperGpuPlan.mjs', import.meta.url).href)) as PlanModule

const folders = [
  'node_modules/@fugood/node-whisper-linux-x64',
  'node_modules/@fugood/node-whisper-linux-x64-cuda',
  'out/node_modules/@fugood/node-whisper-linux-x64-vulkan',
  'node_modules/@fugood/whisper.node'
]

describe('whisperGpuPlan (what `npm run package` does about GPU builds)', () => {
  it('without SPEAKLOOP_WHISPER_GPU, deletes every GPU build it finds and installs none', () => {
    for (const variant of [undefined, '', '  ']) {
      expect(whisperGpuPlan({ variant, platform: 'linux', arch: 'x64', folders, cpuVersion: '1.1.1' })).toEqual({
        remove: ['node_modules/@fugood/node-whisper-linux-x64-cuda', 'out/node_modules/@fugood/node-whisper-linux-x64-vulkan'],
        install: null
      })
    }
  })

  it('with vulkan on Linux x64, installs that build at the CPU package’s version into out/, after clearing any other', () => {
    expect(whisperGpuPlan({ variant: 'vulkan', platform: 'linux', arch: 'x64', folders, cpuVersion: '1.1.1' })).toEqual({
      remove: ['node_modules/@fugood/node-whisper-linux-x64-cuda', 'out/node_modules/@fugood/node-whisper-linux-x64-vulkan'],
      install: { spec: '@fugood/node-whisper-linux-x64-vulkan@1.1.1', prefix: 'out' }
    })
    expect(whisperGpuPlan({ variant: 'CUDA', platform: 'win32', arch: 'x64', folders: [], cpuVersion: '1.2.0' })).toEqual({
      remove: [],
      install: { spec: '@fugood/node-whisper-win32-x64-cuda@1.2.0', prefix: 'out' }
    })
  })

  it('refuses a GPU build for macOS, which already has Metal, and one a platform does not have', () => {
    const mac = whisperGpuPlan({ variant: 'cuda', platform: 'darwin', arch: 'arm64', folders, cpuVersion: '1.1.1' })
    expect(mac).toEqual({ error: expect.stringMatching(/^No cuda build of whisper\.cpp is published for darwin-arm64\. .*Metal/) })
    const armCuda = whisperGpuPlan({ variant: 'cuda', platform: 'win32', arch: 'arm64', folders, cpuVersion: '1.1.1' })
    expect(armCuda).toEqual({ error: 'No cuda build of whisper.cpp is published for win32-arm64. This platform has: vulkan.' })
  })

  it('refuses an unknown variant, and a GPU build without the CPU package to match its version', () => {
    expect(whisperGpuPlan({ variant: 'metal', platform: 'linux', arch: 'x64', folders, cpuVersion: '1.1.1' })).toEqual({
      error: 'SPEAKLOOP_WHISPER_GPU must be "vulkan" or "cuda", or unset for a CPU-only build, not "metal".'
    })
    expect(whisperGpuPlan({ variant: 'vulkan', platform: 'linux', arch: 'x64', folders, cpuVersion: null })).toEqual({
      error: expect.stringMatching(/^@fugood\/node-whisper-linux-x64 is not installed/)
    })
  })

  it('installs each GPU build where the app’s loader looks for it, under the name it looks for', () => {
    // The worker runs from out/main: Node finds out/node_modules before the app's own node_modules.
    expect(GPU_PREFIX).toBe('out')
    for (const [target, variants] of Object.entries(GPU_VARIANTS)) {
      const [platform, arch] = target.split('-') as [string, string]
      for (const variant of variants) {
        expect(WHISPER_GPUS).toContain(variant)
        expect(publishedGpuPackage(platform, arch, variant)).toBe(gpuPackage(variant as WhisperGpu, platform, arch))
      }
    }
  })
})

describe('scripts/whisperGpu.mjs, run as `npm run package` runs it', () => {
  let root: string
  const scope = (...parts: string[]) => join(root, ...parts, 'node_modules', '@fugood')
  const cpu = `node-whisper-${process.platform}-${process.arch}`
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'speakloop-whisper-gpu-'))
    await mkdir(join(scope(), cpu), { recursive: true })
    await writeFile(join(scope(), cpu, 'package.json'), JSON.stringify({ name: `@fugood/${cpu}`, version: '1.1.1' }))
    await mkdir(join(scope(), `${cpu}-cuda`), { recursive: true })
    await mkdir(join(scope('out'), `${cpu}-vulkan`), { recursive: true })
  })
  afterEach(async () => {
    await rm(root, { recursive: true, force: true })
  })
  const run = (variant?: string) => {
    const env = { ...process.env }
    delete env.SPEAKLOOP_WHISPER_GPU
    if (variant !== undefined) env.SPEAKLOOP_WHISPER_GPU = variant
    return spawnSync(process.execPath, [SCRIPT], { cwd: root, env, encoding: 'utf8' })
  }

  it('leaves a CPU-only build when the variable is unset, saying what it removed', () => {
    const result = run()
    expect(result.status).toBe(0)
    expect(existsSync(join(scope(), `${cpu}-cuda`))).toBe(false)
    expect(existsSync(join(scope('out'), `${cpu}-vulkan`))).toBe(false)
    expect(existsSync(join(scope(), cpu))).toBe(true)
    expect(result.stdout).toContain(`removed ${join('node_modules', '@fugood', `${cpu}-cuda`)}`)
    expect(result.stdout).toContain(`removed ${join('out', 'node_modules', '@fugood', `${cpu}-vulkan`)}`)
  })

  it('exits 2 and changes nothing when the request cannot be met', () => {
    const result = run('metal')
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/SPEAKLOOP_WHISPER_GPU must be "vulkan" or "cuda"/)
    expect(existsSync(join(scope(), `${cpu}-cuda`))).toBe(true)
    expect(existsSync(join(scope('out'), `${cpu}-vulkan`))).toBe(true)
  })
})
