import fs from 'node:fs'
import path from 'node:path'

/**
 * Remembers the main window's size, position and maximized state in `<dataDir>/window-state.json`
 * and fits saved bounds back onto the displays that exist now (a monitor may have been unplugged).
 */

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  bounds: Rect
  maximized: boolean
}

export const WINDOW_STATE_FILE = 'window-state.json'
export const DEFAULT_SIZE = { width: 1180, height: 800 } as const
export const MIN_SIZE = { width: 720, height: 520 } as const

/**
 * Bounds to open the window with: the saved ones moved and shrunk to fit the display they mostly
 * overlap, or the default size centred on the primary display (`workAreas[0]`) when nothing usable
 * was saved or the saved display is gone.
 */
export function restoreBounds(saved: WindowState | null, workAreas: readonly Rect[]): { bounds: Rect; maximized: boolean } {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height }
  const target = saved ? bestDisplay(saved.bounds, workAreas) : null
  if (!saved || !target) return { bounds: centred(DEFAULT_SIZE, primary), maximized: saved?.maximized ?? false }
  const width = clamp(Math.round(saved.bounds.width), Math.min(MIN_SIZE.width, target.width), target.width)
  const height = clamp(Math.round(saved.bounds.height), Math.min(MIN_SIZE.height, target.height), target.height)
  const x = clamp(Math.round(saved.bounds.x), target.x, target.x + target.width - width)
  const y = clamp(Math.round(saved.bounds.y), target.y, target.y + target.height - height)
  return { bounds: { x, y, width, height }, maximized: saved.maximized }
}

/** Parses a saved window state, or null when it is missing, malformed or has non-finite numbers. */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null
  const { bounds, maximized } = raw as { bounds?: Partial<Rect>; maximized?: unknown }
  if (typeof bounds !== 'object' || bounds === null) return null
  const values = [bounds.x, bounds.y, bounds.width, bounds.height]
  if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) return null
  const [x, y, width, height] = values as number[]
  if (width! <= 0 || height! <= 0) return null
  return { bounds: { x: x!, y: y!, width: width!, height: height! }, maximized: maximized === true }
}

/** Reads `<dataDir>/window-state.json`; null when absent or unreadable. */
export function loadWindowState(dataDir: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(fs.readFileSync(path.join(dataDir, WINDOW_STATE_FILE), 'utf8')))
  } catch {
    return null
  }
}

/** Writes the window state; failures are ignored (losing a window position is not worth an error). */
export function saveWindowState(dataDir: string, state: WindowState): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true })
    fs.writeFileSync(path.join(dataDir, WINDOW_STATE_FILE), `${JSON.stringify(state)}\n`)
  } catch {
    // ignored on purpose
  }
}

function bestDisplay(bounds: Rect, workAreas: readonly Rect[]): Rect | null {
  let best: Rect | null = null
  let bestArea = 0
  for (const area of workAreas) {
    const overlap = intersectionArea(bounds, area)
    if (overlap > bestArea) {
      best = area
      bestArea = overlap
    }
  }
  return best
}

function intersectionArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  const width = Math.min(size.width, area.width)
  const height = Math.min(size.height, area.height)
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value))
}
