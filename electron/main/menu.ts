import type { MenuItemConstructorOptions } from 'electron'

/**
 * The application menu as data: standard roles only, so every platform gets its native shortcuts
 * (copy/paste in text fields, zoom, quit) without custom handlers. Developer tools only in development.
 */

/** The menu template for `platform`; `isDev` adds reload-from-disk and developer tools. */
export function menuTemplate(platform: NodeJS.Platform, isDev: boolean): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(isDev
        ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' }
    ]
  }
  return [
    // macOS puts About, Hide and Quit in the application menu; elsewhere Quit lives in File.
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' }
  ]
}
