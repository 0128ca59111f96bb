import { describe, expect, it } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { menuTemplate } from '../../../electron/main/menu.ts'

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])
  ])
}

describe('menuTemplate', () => {
  it('gives macOS its application menu and the standard edit, view and window menus', () => {
    const template = menuTemplate('darwin', false)
    expect(template[0]).toEqual({ role: 'appMenu' })
    expect(roles(template)).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'zoomIn', 'togglefullscreen']))
  })

  it('has no application menu on Windows and Linux', () => {
    expect(roles(menuTemplate('win32', false))).not.toContain('appMenu')
    expect(roles(menuTemplate('linux', false))).not.toContain('appMenu')
  })

  it('offers developer tools only in development', () => {
    expect(roles(menuTemplate('linux', false))).not.toContain('toggleDevTools')
    expect(roles(menuTemplate('linux', true))).toContain('toggleDevTools')
  })

  it('uses roles only, so no custom click handler can run privileged code', () => {
    const hasClick = (items: MenuItemConstructorOptions[]): boolean =>
      items.some((item) => item.click !== undefined || (Array.isArray(item.submenu) && hasClick(item.submenu)))
    expect(hasClick(menuTemplate('darwin', true))).toBe(false)
  })
})
