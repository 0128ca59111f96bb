// Packaging step: makes sure whisper.cpp's CPU addon is in node_modules for EVERY architecture
// electron-builder packages on this machine (packagedArches), then stops packaging (exit 2) if one
// is still missing. npm installs only the optional dependency of the machine's own CPU, so on an
// arm64 Mac the Intel package would otherwise ship without on-device transcription.
//   node scripts/whisperAddons.mjs [--check] [--root DIR] [--platform P] [--arch A]
// --check only checks (no download); --root, --platform and --arch are for tests.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { missingWhisperAddons, packagedArches } from './desktopPlan.mjs'

const { values } = parseArgs({
  options: { check: { type: 'boolean', default: false }, root: { type: 'string' }, platform: { type: 'string' }, arch: { type: 'string' } }
})
const root = resolve(values.root ?? '.')
const platform = values.platform ?? process.platform
const config = createRequire(import.meta.url)(resolve(import.meta.dirname, '../build/electron-builder.config.cjs'))
const arches = packagedArches(config, platform, values.arch ?? process.arch)
const scope = join(root, 'node_modules', '@fugood')
const installed = () => (existsSync(scope) ? readdirSync(scope) : [])

if (!values.check) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  for (const arch of missingWhisperAddons(platform, arches, installed())) {
    const name = `@fugood/node-whisper-${platform}-${arch}`
    const version = manifest.optionalDependencies?.[name]
    if (!version) continue
    fetchPackage(`${name}@${version}`, join(scope, `node-whisper-${platform}-${arch}`))
  }
}

const missing = missingWhisperAddons(platform, arches, installed())
if (missing.length > 0) {
  console.error(
    `whisperAddons: no whisper.cpp addon for ${missing.map((arch) => `${platform}-${arch}`).join(', ')} in node_modules/@fugood, ` +
      'so that package could not transcribe on-device; run `npm install` with network, then package again.'
  )
  process.exit(2)
}
console.log(`whisperAddons: whisper.cpp addon present for ${arches.map((arch) => `${platform}-${arch}`).join(', ')}`)

/**
 * Unpacks one package's tarball into `into`, as npm would have on that CPU. `npm install --force`
 * would do it too, but would also prune and re-run install scripts over the whole tree.
 */
function fetchPackage(spec, into) {
  const temp = mkdtempSync(join(tmpdir(), 'speakloop-addon-'))
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const tarball = execFileSync(npm, ['pack', spec, '--silent', '--pack-destination', temp], { encoding: 'utf8', shell: process.platform === 'win32' }).trim().split(/\r?\n/).pop()
    execFileSync('tar', ['-xzf', join(temp, tarball), '-C', temp])
    rmSync(into, { recursive: true, force: true })
    // A copy, not a rename: the temporary folder may be on another drive (Windows runners).
    cpSync(join(temp, 'package'), into, { recursive: true })
    console.log(`whisperAddons: added ${spec}`)
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}
