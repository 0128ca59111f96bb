import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wavToWhisperPcm } from '../../../electron/core/localModels/whisperAudio.ts'
import {
  gpuPackage,
  loadWhisperBinding,
  nativeCandidates,
  platformPackage,
  WhisperCancelledError,
  wrapNativeModule,
  type LoadBindingOptions
} from '../../../electron/core/localModels/whisperBinding.ts'
import { speech16k } from '../../support/whisperModel/recordings.ts'
import { writeTinyWhisperModel } from '../../support/whisperModel/tinyModel.ts'
import { whisperAddonInstalled } from '../../support/whisperModel/addon.ts'

/** A stand-in for the addon: records how it was constructed and answers like whisper.cpp. */
function fakeAddon(calls: string[]) {
  return {
    WhisperContext: Object.assign(
      class {
        constructor(options: { filePath: string }) {
          calls.push(`new ${JSON.stringify(options)}`)
          if (options.filePath.includes('broken')) throw new Error('Failed to initialize whisper context')
        }
        transcribeData(audio: ArrayBuffer, options: object) {
          calls.push(`data ${audio.byteLength} ${JSON.stringify(options)}`)
          return { stop: async () => void calls.push('stop'), promise: new Promise(() => undefined) }
        }
        async release() {
          calls.push('release')
        }
      },
      { toggleNativeLog: (enable: boolean) => void calls.push(`log ${enable}`) }
    )
  }
}

/**
 * A `require` that resolves each installed package's addon to its path in `installed` (any other
 * package is not found) and loads only the files in `files`.
 */
function fakeRequire(installed: Record<string, string>, files: Record<string, unknown>, loaded: string[] = []): NonNullable<LoadBindingOptions['require']> {
  return Object.assign(
    (id: string) => {
      loaded.push(id)
      if (!(id in files)) throw new Error(`${id}: wrong ELF class: ELFCLASS32`)
      return files[id]
    },
    {
      resolve: ((id: string) => {
        const packageName = id.replace(/\/index\.node$/, '')
        if (!(packageName in installed)) throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' })
        return installed[packageName]
      }) as unknown as NodeJS.RequireResolve
    }
  )
}

/** Where a package's addon is in a node_modules folder. */
const addonPath = (packageName: string) => ['', 'app', 'node_modules', ...packageName.split('/'), 'index.node'].join(sep)

describe('platformPackage', () => {
  it('names the CPU package for an OS and architecture', () => {
    expect(platformPackage('darwin', 'arm64')).toBe('@fugood/node-whisper-darwin-arm64')
    expect(platformPackage('win32', 'x64')).toBe('@fugood/node-whisper-win32-x64')
    expect(platformPackage()).toBe(`@fugood/node-whisper-${process.platform}-${process.arch}`)
  })
})

describe('nativeCandidates', () => {
  const inAsar = ['', 'Applications', 'Speakloop.app', 'Contents', 'Resources', 'app.asar', 'node_modules', '@fugood', 'x', 'index.node'].join(sep)
  const unpacked = inAsar.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`)

  it('tries the unpacked copy of a file inside app.asar first, since no OS maps a library from an archive', () => {
    expect(nativeCandidates(inAsar, (p) => p === unpacked)).toEqual([unpacked, inAsar])
  })

  it('keeps the asar path alone when nothing was unpacked, and leaves other paths as they are', () => {
    expect(nativeCandidates(inAsar, () => false)).toEqual([inAsar])
    const plain = ['', 'repo', 'node_modules', 'index.node'].join(sep)
    expect(nativeCandidates(plain, () => true)).toEqual([plain])
  })
})

describe('loadWhisperBinding with a stand-in addon', () => {
  const where = ['', 'app', 'resources', 'app.asar', 'node_modules', '@fugood', 'node-whisper-linux-x64', 'index.node'].join(sep)
  const unpacked = where.replace('app.asar', 'app.asar.unpacked')

  it('is null when this platform has no package (the build does not ship one)', () => {
    expect(loadWhisperBinding({ platform: 'aix', arch: 'ppc64' })).toBeNull()
  })

  it('loads the unpacked addon of a packaged app and routes whisper.cpp’s log away from stderr', () => {
    const calls: string[] = []
    const loaded: string[] = []
    const binding = loadWhisperBinding({
      platform: 'linux',
      arch: 'x64',
      require: fakeRequire({ '@fugood/node-whisper-linux-x64': where }, { [unpacked]: fakeAddon(calls) }, loaded),
      exists: (p) => p === unpacked
    })
    expect(binding?.packageName).toBe('@fugood/node-whisper-linux-x64')
    expect(binding?.gpu).toBeNull()
    expect(loaded).toEqual([unpacked])
    expect(calls).toEqual(['log true'])
  })

  it('says the addon failed to load when the package is there but the library is not loadable', () => {
    const require = fakeRequire({ '@fugood/node-whisper-linux-x64': where }, {})
    expect(() => loadWhisperBinding({ platform: 'linux', arch: 'x64', require, exists: () => false })).toThrow(
      /^Failed to load whisper\.node: .*wrong ELF class/
    )
  })

  it('wraps only the addon’s exports', () => {
    expect(wrapNativeModule({ something: 1 }, 'p')).toBeNull()
    expect(wrapNativeModule(null, 'p')).toBeNull()
  })

  it('passes exactly the samples as an ArrayBuffer, and stop() settles the job even though the addon never does', async () => {
    const calls: string[] = []
    const binding = wrapNativeModule(fakeAddon(calls), 'p')!
    const context = await binding.initWhisper({ filePath: '/m.bin' })
    const backing = new Int16Array(10)
    const job = context.transcribeData(backing.subarray(2, 6), { language: 'en' })
    await job.stop()
    await expect(job.promise).rejects.toBeInstanceOf(WhisperCancelledError)
    expect(calls).toEqual(['log true', 'new {"filePath":"/m.bin"}', 'data 8 {"language":"en"}', 'stop'])
  })
})

describe('loadWhisperBinding with GPU builds installed', () => {
  const cpu = '@fugood/node-whisper-linux-x64'
  const vulkan = '@fugood/node-whisper-linux-x64-vulkan'
  const cuda = '@fugood/node-whisper-linux-x64-cuda'
  const load = (installed: string[], loadable: string[], loaded: string[] = []) =>
    loadWhisperBinding({
      platform: 'linux',
      arch: 'x64',
      require: fakeRequire(
        Object.fromEntries(installed.map((name) => [name, addonPath(name)])),
        Object.fromEntries(loadable.map((name) => [addonPath(name), fakeAddon([])])),
        loaded
      ),
      exists: () => false
    })

  it('loads an installed GPU build instead of the CPU one, and says which GPU it is for', () => {
    const loaded: string[] = []
    const binding = load([cpu, vulkan], [cpu, vulkan], loaded)
    expect(binding?.packageName).toBe(vulkan)
    expect(binding?.gpu).toBe('vulkan')
    expect(binding?.gpuFallback).toBeUndefined()
    expect(loaded).toEqual([addonPath(vulkan)])
  })

  it('tries CUDA before Vulkan, and keeps why CUDA was passed over', () => {
    expect(load([cpu, vulkan, cuda], [cpu, vulkan, cuda])?.gpu).toBe('cuda')
    const binding = load([cpu, vulkan, cuda], [cpu, vulkan])
    expect(binding?.gpu).toBe('vulkan')
    expect(binding?.gpuFallback).toMatch(/^@fugood\/node-whisper-linux-x64-cuda: Failed to load whisper\.node: .*wrong ELF class/)
  })

  it('falls back to the CPU build when the GPU addon does not load, keeping the reason for the worker to report', () => {
    const loaded: string[] = []
    const binding = load([cpu, vulkan], [cpu], loaded)
    expect(binding?.packageName).toBe(cpu)
    expect(binding?.gpu).toBeNull()
    expect(binding?.gpuFallback).toMatch(/^@fugood\/node-whisper-linux-x64-vulkan: Failed to load whisper\.node: .*wrong ELF class/)
    expect(loaded).toEqual([addonPath(vulkan), addonPath(cpu)])
  })

  it('loads only the CPU build when no GPU build is installed', () => {
    const loaded: string[] = []
    const binding = load([cpu], [cpu], loaded)
    expect(binding?.packageName).toBe(cpu)
    expect(binding?.gpu).toBeNull()
    expect(binding?.gpuFallback).toBeUndefined()
    expect(loaded).toEqual([addonPath(cpu)])
  })

  it('gives the GPU build’s reason when it fails and there is no CPU build to fall back on', () => {
    expect(() => load([vulkan], [])).toThrow(/^Failed to load whisper\.node: .*node-whisper-linux-x64-vulkan.*wrong ELF class/)
  })

  it('names each GPU build after the CPU package it stands in for', () => {
    expect(gpuPackage('vulkan', 'win32', 'arm64')).toBe('@fugood/node-whisper-win32-arm64-vulkan')
    expect(gpuPackage('cuda', 'linux', 'x64')).toBe(cuda)
  })
})

// The real addon of this platform, in this process: what the worker does, minus the process.
const installed = whisperAddonInstalled()

describe.skipIf(!installed)(`the real ${platformPackage()} addon with a generated tiny model`, () => {
  let dir: string
  let modelFile: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'speakloop-binding-'))
    modelFile = writeTinyWhisperModel(join(dir, 'tiny.bin'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('loads the model and transcribes 16 kHz samples into timed segments', async () => {
    const binding = loadWhisperBinding()!
    const context = await binding.initWhisper({ filePath: modelFile })
    const samples = wavToWhisperPcm(await readFile(speech16k('Hello, I am testing the speech model.')))
    try {
      const result = await context.transcribeData(samples, { language: 'fr', temperature: 0, maxThreads: 2 }).promise
      expect(result.language).toBe('fr')
      expect(typeof result.result).toBe('string')
      expect(result.segments.length).toBeGreaterThan(0)
      for (const s of result.segments) expect(s.t1).toBeGreaterThanOrEqual(s.t0)
    } finally {
      await context.release()
    }
  })

  it('rejects a missing model with whisper.cpp’s own reason in the message', async () => {
    const binding = loadWhisperBinding()!
    await expect(binding.initWhisper({ filePath: join(dir, 'absent.bin') })).rejects.toThrow(
      /^Failed to initialize whisper context \(.*failed to open/
    )
  })

  it('falls back to it from a GPU build whose library the OS cannot load, as on a computer without the GPU driver', async () => {
    // A node_modules with this CPU package and a GPU build whose index.node is no library at all.
    const app = join(dir, 'app')
    const scope = join(app, 'node_modules', '@fugood')
    const gpuDir = join(scope, gpuPackage('vulkan').slice('@fugood/'.length))
    await mkdir(gpuDir, { recursive: true })
    await writeFile(join(gpuDir, 'index.node'), 'not a shared library')
    const cpuDir = dirname(createRequire(import.meta.url).resolve(`${platformPackage()}/index.node`))
    await symlink(cpuDir, join(scope, platformPackage().slice('@fugood/'.length)), process.platform === 'win32' ? 'junction' : 'dir')
    const binding = loadWhisperBinding({ require: createRequire(join(app, 'out', 'main', 'transcribeWorker.js')) })!
    expect(binding.packageName).toBe(platformPackage())
    expect(binding.gpu).toBeNull()
    expect(binding.gpuFallback).toMatch(new RegExp(`^${gpuPackage('vulkan')}: Failed to load whisper\\.node: `))
    const context = await binding.initWhisper({ filePath: modelFile })
    await context.release()
  })

  it('settles a stopped job as cancelled at once', async () => {
    const binding = loadWhisperBinding()!
    const context = await binding.initWhisper({ filePath: modelFile })
    const samples = wavToWhisperPcm(await readFile(speech16k('Hello, I am testing the speech model.')))
    const job = context.transcribeData(samples, { language: 'en', maxThreads: 1 })
    await job.stop()
    await expect(job.promise).rejects.toBeInstanceOf(WhisperCancelledError)
    await context.release()
  })
})

if (!installed) {
  describe('the real whisper addon', () => {
    it.skip(`${platformPackage()} is not installed on this machine`, () => undefined)
  })
}
