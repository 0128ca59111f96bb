import type { Page } from '@playwright/test'

/**
 * Opens a screen by its hash route. The app is one page whose origin differs per target (the
 * bridge's http URL, the app's protocol in Electron), so setting the hash works where goto cannot.
 */
export async function openRoute(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h
  }, hash)
}
