/** The record toggle shortcut, shown the way the platform writes it. */
export const IS_MAC = /Mac|iPhone|iPad/.test(navigator.userAgent)
export const RECORD_SHORTCUT_KEYS = IS_MAC ? ['⌘', '⇧', 'R'] : ['Ctrl', 'Shift', 'R']
export const RECORD_SHORTCUT_ARIA = IS_MAC ? 'Meta+Shift+R' : 'Control+Shift+R'

/** Ctrl+Shift+R or Cmd+Shift+R on any platform (tests and external keyboards send either). */
export function isRecordShortcut(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'r'
}
