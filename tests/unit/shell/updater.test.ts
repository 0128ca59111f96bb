import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { setupUpdater, type UpdatePrompts } from '../../../electron/main/updater.ts'

class FakeUpdater extends EventEmitter {
  autoDownload = true
  autoInstallOnAppQuit = false
  allowPrerelease = true
  allowDowngrade = true
  checkForUpdates = vi.fn(async () => null)
  downloadUpdate = vi.fn(async () => [])
  quitAndInstall = vi.fn()
}

function prompts(download: boolean, restart: boolean): UpdatePrompts & { askToDownload: ReturnType<typeof vi.fn> } {
  return { askToDownload: vi.fn(async () => download), askToRestart: vi.fn(async () => restart) }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('setupUpdater', () => {
  it('never downloads on its own and installs on quit', async () => {
    const updater = new FakeUpdater()
    await setupUpdater({ updater, prompts: prompts(false, false), log: () => {} })
    expect(updater.autoDownload).toBe(false)
    expect(updater.autoInstallOnAppQuit).toBe(true)
    expect(updater.allowPrerelease).toBe(false)
    expect(updater.allowDowngrade).toBe(false)
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1)
  })

  it('downloads only after the user says yes', async () => {
    const declined = new FakeUpdater()
    const ask = prompts(false, false)
    await setupUpdater({ updater: declined, prompts: ask, log: () => {} })
    declined.emit('update-available', { version: '1.2.0' })
    await flush()
    expect(ask.askToDownload).toHaveBeenCalledWith('1.2.0')
    expect(declined.downloadUpdate).not.toHaveBeenCalled()

    const accepted = new FakeUpdater()
    await setupUpdater({ updater: accepted, prompts: prompts(true, false), log: () => {} })
    accepted.emit('update-available', { version: '1.2.0' })
    await flush()
    expect(accepted.downloadUpdate).toHaveBeenCalledTimes(1)
  })

  it('restarts into the update only when asked to, otherwise waits for the next quit', async () => {
    const later = new FakeUpdater()
    await setupUpdater({ updater: later, prompts: prompts(true, false), log: () => {} })
    later.emit('update-downloaded', { version: '1.2.0' })
    await flush()
    expect(later.quitAndInstall).not.toHaveBeenCalled()

    const now = new FakeUpdater()
    await setupUpdater({ updater: now, prompts: prompts(true, true), log: () => {} })
    now.emit('update-downloaded', { version: '1.2.0' })
    await flush()
    expect(now.quitAndInstall).toHaveBeenCalledTimes(1)
  })

  it('treats an offline check as a log line, not an error', async () => {
    const updater = new FakeUpdater()
    updater.checkForUpdates.mockRejectedValueOnce(new Error('net::ERR_INTERNET_DISCONNECTED'))
    const log = vi.fn()
    await expect(setupUpdater({ updater, prompts: prompts(false, false), log })).resolves.toBeUndefined()
    expect(log).toHaveBeenCalledWith('update:check-failed')
  })
})
