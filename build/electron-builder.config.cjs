// electron-builder configuration for Speakloop (used by `npm run package`).
// What is in build/ and why: build/README.md.

const MIC_USAGE =
  'Speakloop records your voice while you practise speaking, so it can transcribe the session and give you feedback.'

// The GitHub repository releases are published to. In CI GITHUB_REPOSITORY is "owner/repo"; the value is
// baked into app-update.yml, which electron-updater reads to find new versions. A local build has no
// repository, so it gets no publish target, no app-update.yml, and never looks for updates.
const repository = process.env.GITHUB_REPOSITORY || null

// macOS: a build with a Developer ID certificate (CSC_LINK or CSC_NAME) is signed with it and keeps the
// hardened runtime. Without one, electron-builder would skip signing, leaving the arm64 binary's
// signature broken by the flipped fuses (Apple silicon refuses to launch it): such a build is signed
// ad hoc instead, without the hardened runtime, whose library validation would refuse the unsigned
// native addons (better-sqlite3, whisper.cpp) an ad-hoc identity cannot vouch for.
const macSigned = Boolean(process.env.CSC_LINK || process.env.CSC_NAME)

// The .deb's dependencies: electron-builder's defaults for Electron, plus libgomp1 (OpenMP), which the
// whisper.cpp addon links against.
const DEB_DEPENDS = ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0', 'libgomp1']

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'dev.speakloop.app',
  productName: 'Speakloop',
  copyright: 'Copyright © Speakloop contributors',
  directories: { output: 'dist', buildResources: 'build' },
  // The electron-vite output and the manifest. Production dependencies are added by electron-builder.
  files: ['out/**', 'package.json', '!out/**/*.map'],
  asar: true,
  // Native modules cannot be loaded from inside an asar archive.
  // Native modules load from the unpacked copy; whisper.cpp's CPU build is one package per OS and arch.
  asarUnpack: ['**/node_modules/better-sqlite3/**/*.node', '**/node_modules/@fugood/node-whisper-*/**'],
  // Migrations are read at start-up by the core (process.resourcesPath/migrations).
  extraResources: [{ from: 'prisma/migrations', to: 'migrations', filter: ['**/*'] }],
  artifactName: '${productName}-${version}-${os}-${arch}.${ext}',

  mac: {
    category: 'public.app-category.education',
    icon: 'build/icon.png',
    target: [
      { target: 'dmg', arch: ['arm64', 'x64'] },
      // The zip is what electron-updater downloads on macOS.
      { target: 'zip', arch: ['arm64', 'x64'] }
    ],
    identity: macSigned ? undefined : '-',
    hardenedRuntime: macSigned,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    extendInfo: { NSMicrophoneUsageDescription: MIC_USAGE }
  },
  dmg: { sign: false },
  win: {
    icon: 'build/icon.png',
    target: [{ target: 'nsis', arch: ['x64'] }]
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    deleteAppDataOnUninstall: false
  },
  linux: {
    icon: 'build/icon.png',
    category: 'Education',
    synopsis: 'Privacy-first speaking coach',
    maintainer: 'Speakloop contributors',
    target: ['AppImage', 'deb']
  },
  // electron-builder's .deb also installs an AppArmor profile allowing user namespaces on Ubuntu 24.04+
  // (its after-install script; see build/README.md for the AppImage).
  deb: { depends: DEB_DEPENDS },

  // Flipped in the packaged binary: it cannot be turned into a Node runtime, take NODE_OPTIONS or
  // --inspect, or load app code from anything but the integrity-checked app.asar.
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // We serve the UI from app://, never file://.
    grantFileProtocolExtraPrivileges: false,
    // Flipping fuses rewrites the binary; on macOS its ad-hoc signature must be redone or arm64 refuses it.
    resetAdHocDarwinSignature: true
  },

  publish: repository ? [{ provider: 'github', owner: repository.split('/')[0], repo: repository.split('/')[1], releaseType: 'draft' }] : null
}
