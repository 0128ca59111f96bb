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
    hardenedRuntime: boolean
    entitlements: string
    entitlementsInherit: string
    extendInfo: { NSMicrophoneUsageDescription: string }
    target: { target: string; arch: string[] }[]
  }
  win: { target: { target: string }[] }
  linux: { target: string[] }
  publish: { provider: string }[]
}

const require = createRequire(import.meta.url)
const root = path.resolve(import.meta.dirname, '../../..')
const config = require(path.join(root, 'build/electron-builder.config.cjs')) as BuilderConfig

describe('electron-builder config', () => {
  it('is valid for the installed electron-builder', async () => {
    // The same schema check `electron-builder` runs before building.
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js')
    const { DebugLogger } = require('builder-util')
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
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

  it('asks for the microphone on macOS with a usage string and the hardened-runtime entitlement', () => {
    expect(config.mac.hardenedRuntime).toBe(true)
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

  it('publishes to GitHub releases (what electron-updater reads)', () => {
    expect(config.publish).toContainEqual(expect.objectContaining({ provider: 'github' }))
  })

  it('has a 512x512 PNG icon', () => {
    const png = fs.readFileSync(path.join(root, 'build/icon.png'))
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])
  })
})
