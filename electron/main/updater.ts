/**
 * Update flow with the user in charge: check, ask before downloading, and install on the next
 * restart (or now, if the user says so). Never downloads or installs silently. `electron-updater`'s
 * `autoUpdater` is injected so the flow is tested with a fake.
 */

/** The part of electron-updater's `AppUpdater` used here. */
export interface UpdaterLike {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  allowPrerelease: boolean
  allowDowngrade: boolean
  on(event: 'update-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  checkForUpdates(): Promise<unknown>
  downloadUpdate(): Promise<unknown>
  quitAndInstall(): void
}

export interface UpdatePrompts {
  /** Asks whether to download `version`; true to download. */
  askToDownload(version: string): Promise<boolean>
  /** Says `version` is ready and will install on restart; true to restart now. */
  askToRestart(version: string): Promise<boolean>
}

/** Configures `updater` to ask first and install on quit, wires the prompts, and runs one check. */
export function setupUpdater(options: {
  updater: UpdaterLike
  prompts: UpdatePrompts
  log: (event: string, fields?: Record<string, string | number | boolean | null>) => void
}): Promise<void> {
  const { updater, prompts, log } = options
  updater.autoDownload = false
  updater.autoInstallOnAppQuit = true
  updater.allowPrerelease = false
  updater.allowDowngrade = false

  updater.on('update-available', (info) => {
    log('update:available', { version: info.version })
    void prompts
      .askToDownload(info.version)
      .then((yes) => {
        log('update:answer', { version: info.version, download: yes })
        return yes ? updater.downloadUpdate() : undefined
      })
      .catch(() => log('update:download-failed', { version: info.version }))
  })
  updater.on('update-downloaded', (info) => {
    log('update:downloaded', { version: info.version })
    void prompts
      .askToRestart(info.version)
      .then((now) => {
        if (now) updater.quitAndInstall()
      })
      .catch(() => undefined)
  })
  updater.on('error', (error) => log('update:error', { name: error.name }))

  return updater.checkForUpdates().then(
    () => undefined,
    // Offline or GitHub unreachable: not worth bothering the user about.
    () => log('update:check-failed')
  )
}
