import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/** The parts of the config the tests read (the file is plain CommonJS). */
interface BuilderConfig {
  appId: string
  productName: string
  files: string[]
  asar: boolean
  asarUnpack: string[]
  extraResources: { from: string; to: string }[]
  electronFuses: Record<string, boolean>
  mac: {
    identity?: string
    hardenedRuntime: boolean
    entitlements: string
    entitlementsInherit: string
    extendInfo: { NSMicrophoneUsageDescription: string }
    target: { target: string; arch: string[] }[]
  }
  win: { target: { target: string }[] }
  linux: { target: string[] }
  deb: { depends: string[] }
  publish: { provider: string; owner: string; repo: string }[] | null
}

const require = createRequire(import.meta.url)
const root = path.resolve(import.meta.dirname, '../../..')
const CONFIG = path.join(root, 'build/electron-builder.config.cjs')

/** The config as electron-builder would read it with `env` set (it reads the environment when loaded). */
function loadConfig(env: Record<string, string | undefined>): BuilderConfig {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]))
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
  apply(env)
  try {
    delete require.cache[require.resolve(CONFIG)]
    return require(CONFIG) as BuilderConfig
  } finally {
    apply(saved)
    delete require.cache[require.resolve(CONFIG)]
  }
}

const UNSIGNED_LOCAL = { GITHUB_REPOSITORY: undefined, CSC_LINK: undefined, CSC_NAME: undefined }
const SIGNED_RELEASE = { GITHUB_REPOSITORY: 'speakloop/speakloop', CSC_LINK: 'base64-p12', CSC_NAME: undefined }
const config = loadConfig(UNSIGNED_LOCAL)

describe('electron-builder config', () => {
  it('is valid for the installed electron-builder, for a local build and a signed release alike', async () => {
    // The same schema check `electron-builder` runs before building.
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js')
    const { DebugLogger } = require('builder-util')
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    await expect(validateConfiguration(loadConfig(SIGNED_RELEASE), new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('identifies the app', () => {
    expect(config.appId).toBe('dev.speakloop.app')
    expect(config.productName).toBe('Speakloop')
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']))
  })

  it('unpacks the better-sqlite3 native module from the asar', () => {
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toEqual(expect.arrayContaining([expect.stringMatching(/better-sqlite3.*\.node$/)]))
  })

  it('ships the migrations where the shell looks for them', () => {
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'prisma/migrations', to: 'migrations' }))
    expect(fs.existsSync(path.join(root, 'prisma/migrations'))).toBe(true)
  })

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('signs an unsigned macOS build ad hoc, without the hardened runtime that would refuse its unsigned addons', () => {
    expect(config.mac.identity).toBe('-')
    expect(config.mac.hardenedRuntime).toBe(false)
    // The flipped fuses rewrite the binary: its ad-hoc signature is redone, or Apple silicon refuses it.
    expect(config.electronFuses.resetAdHocDarwinSignature).toBe(true)
  })

  it('keeps the hardened runtime for a build signed with a Developer ID', () => {
    const signed = loadConfig(SIGNED_RELEASE)
    expect(signed.mac.identity).toBeUndefined()
    expect(signed.mac.hardenedRuntime).toBe(true)
    expect(loadConfig({ ...UNSIGNED_LOCAL, CSC_NAME: 'Developer ID Application: Speakloop' }).mac.hardenedRuntime).toBe(true)
  })

  it('makes the .deb depend on libgomp1, which the whisper.cpp addon links, beside electron-builder’s own list', () => {
    const FpmTarget = require('app-builder-lib/out/targets/FpmTarget.js').default as { prototype: { getDefaultDepends(target: string): string[] } }
    const defaults = FpmTarget.prototype.getDefaultDepends('deb')
    expect(defaults.length).toBeGreaterThan(0)
    expect(config.deb.depends).toEqual([...defaults, 'libgomp1'])
  })

  it('asks for the microphone on macOS with a usage string and the hardened-runtime entitlement', () => {
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/record/i)
    const plist = fs.readFileSync(path.join(root, config.mac.entitlements), 'utf8')
    expect(plist).toMatch(/<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/)
    // Only the microphone and V8's JIT: no broad runtime exceptions, no camera.
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]).sort()
    expect(keys).toEqual(['com.apple.security.cs.allow-jit', 'com.apple.security.device.audio-input'])
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements)
  })

  it('builds dmg+zip for both Mac architectures, nsis for Windows, AppImage+deb for Linux', () => {
    const mac = config.mac.target
    for (const target of ['dmg', 'zip']) {
      expect(mac.find((t) => t.target === target)?.arch.sort()).toEqual(['arm64', 'x64'])
    }
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis'])
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
  })

  it('publishes a CI build to its own repository’s GitHub releases (what electron-updater reads)', () => {
    expect(loadConfig(SIGNED_RELEASE).publish).toEqual([{ provider: 'github', owner: 'speakloop', repo: 'speakloop', releaseType: 'draft' }])
  })

  it('gives a local build no update repository at all, rather than a fallback one', () => {
    expect(config.publish).toBeNull()
  })

  it('has a 512x512 PNG icon', () => {
    const png = fs.readFileSync(path.join(root, 'build/icon.png'))
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])
  })

  it('declares @prisma/client and the prisma CLI at one exact version, and the lock installs exactly that', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string>>
    const client = manifest.dependencies!['@prisma/client']!
    expect(client).toMatch(/^\d+\.\d+\.\d+$/)
    expect(manifest.devDependencies!.prisma).toBe(client)
    expect(manifest.dependencies!['@prisma/adapter-better-sqlite3']).toBe(client)
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> }
    for (const name of ['@prisma/client', 'prisma', '@prisma/adapter-better-sqlite3']) {
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(client)
    }
  })
})
