// What scripts/whisperGpu.mjs does for a value of SPEAKLOOP_WHISPER_GPU, decided without touching
// the disk or npm so it can be unit-tested. Plain JavaScript: the script runs under node, without tsx.
import { basename } from 'node:path'

/**
 * The GPU builds of whisper.cpp published beside the CPU packages, by `<platform>-<arch>`: the
 * optionalDependencies of @fugood/whisper.node 1.1.1. macOS has none because its CPU packages
 * already run on Metal (the addon defaults `useGpu` to true there).
 */
export const GPU_VARIANTS = {
  'linux-x64': ['vulkan', 'cuda'],
  'linux-arm64': ['vulkan', 'cuda'],
  'win32-x64': ['vulkan', 'cuda'],
  'win32-arm64': ['vulkan']
}

/**
 * Where an opted-in GPU build is installed. electron-builder packs only dependencies declared in
 * package.json, so a `--no-save` install in node_modules would be left out; everything under out/
 * is packed (`files`), unpacked by the existing `asarUnpack` glob, and found by Node from
 * out/main, where the worker runs.
 */
export const GPU_PREFIX = 'out'

/** Folders the GPU builds install as, e.g. `node-whisper-linux-x64-vulkan`. */
const GPU_FOLDER = /^node-whisper-.+-(vulkan|cuda)$/

/** The npm package of the `variant` GPU build for a platform and CPU; null when none is published. */
export function publishedGpuPackage(platform, arch, variant) {
  return GPU_VARIANTS[`${platform}-${arch}`]?.includes(variant) ? `@fugood/node-whisper-${platform}-${arch}-${variant}` : null
}

/**
 * The plan for one packaging run: which installed GPU folders to delete (every one found, so the
 * build holds at most the one asked for) and which package to install, or why the request cannot
 * be met.
 *
 * @param {{ variant?: string, platform: string, arch: string, folders: string[], cpuVersion: string | null }} input
 *   `variant` is SPEAKLOOP_WHISPER_GPU; `folders` the package folders under the `@fugood` scopes of
 *   node_modules and out/node_modules; `cpuVersion` the version of the installed CPU package.
 * @returns {{ remove: string[], install: { spec: string, prefix: string } | null } | { error: string }}
 */
export function whisperGpuPlan({ variant, platform, arch, folders, cpuVersion }) {
  const wanted = (variant ?? '').trim().toLowerCase()
  if (wanted !== '' && wanted !== 'vulkan' && wanted !== 'cuda') {
    return { error: `SPEAKLOOP_WHISPER_GPU must be "vulkan" or "cuda", or unset for a CPU-only build, not "${variant}".` }
  }
  const remove = folders.filter((folder) => GPU_FOLDER.test(basename(folder)))
  if (wanted === '') return { remove, install: null }

  const name = publishedGpuPackage(platform, arch, wanted)
  if (name === null) {
    const available = GPU_VARIANTS[`${platform}-${arch}`]
    const why =
      platform === 'darwin'
        ? 'macOS has no GPU variant: its standard package already uses Metal. Unset SPEAKLOOP_WHISPER_GPU to package for macOS.'
        : available
          ? `This platform has: ${available.join(', ')}.`
          : 'This platform has no GPU variant.'
    return { error: `No ${wanted} build of whisper.cpp is published for ${platform}-${arch}. ${why}` }
  }
  if (!cpuVersion) {
    return { error: `@fugood/node-whisper-${platform}-${arch} is not installed, and the GPU build must match its version: run npm install first.` }
  }
  return { remove, install: { spec: `${name}@${cpuVersion}`, prefix: GPU_PREFIX } }
}
