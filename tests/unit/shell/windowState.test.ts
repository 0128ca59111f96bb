import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  WINDOW_STATE_FILE,
  loadWindowState,
  parseWindowState,
  restoreBounds,
  saveWindowState
} from '../../../electron/main/windowState.ts'

const LAPTOP = { x: 0, y: 25, width: 1440, height: 875 }
const EXTERNAL = { x: 1440, y: 0, width: 2560, height: 1440 }

describe('restoreBounds', () => {
  it('reopens where the window was when that spot is still on screen', () => {
    const saved = { bounds: { x: 100, y: 120, width: 1000, height: 700 }, maximized: false }
    expect(restoreBounds(saved, [LAPTOP, EXTERNAL])).toEqual(saved)
  })

  it('keeps the maximized flag', () => {
    const saved = { bounds: { x: 100, y: 120, width: 1000, height: 700 }, maximized: true }
    expect(restoreBounds(saved, [LAPTOP]).maximized).toBe(true)
  })

  it('centres the default size on the primary display when the saved display was unplugged', () => {
    const saved = { bounds: { x: 2000, y: 200, width: 1600, height: 1000 }, maximized: false }
    const { bounds } = restoreBounds(saved, [LAPTOP])
    expect(bounds.width).toBe(DEFAULT_SIZE.width)
    expect(bounds.height).toBe(Math.min(DEFAULT_SIZE.height, LAPTOP.height))
    expect(bounds.x).toBe(LAPTOP.x + Math.round((LAPTOP.width - bounds.width) / 2))
    expect(bounds.y).toBeGreaterThanOrEqual(LAPTOP.y)
  })

  it('pulls a window hanging off an edge fully onto the display it mostly covers', () => {
    const saved = { bounds: { x: 1300, y: 600, width: 800, height: 600 }, maximized: false }
    const { bounds } = restoreBounds(saved, [LAPTOP, EXTERNAL])
    // Mostly on the external display: kept there, moved inside it.
    expect(bounds.x).toBeGreaterThanOrEqual(EXTERNAL.x)
    expect(bounds.x + bounds.width).toBeLessThanOrEqual(EXTERNAL.x + EXTERNAL.width)
  })

  it('shrinks a window larger than its display, not below the minimum size', () => {
    const saved = { bounds: { x: 0, y: 25, width: 3000, height: 2000 }, maximized: false }
    expect(restoreBounds(saved, [LAPTOP]).bounds).toEqual({ x: 0, y: 25, width: 1440, height: 875 })
    const tiny = { bounds: { x: 10, y: 30, width: 100, height: 50 }, maximized: false }
    const { bounds } = restoreBounds(tiny, [LAPTOP])
    expect(bounds.width).toBe(MIN_SIZE.width)
    expect(bounds.height).toBe(MIN_SIZE.height)
  })

  it('uses defaults when nothing was saved, and copes with no displays reported', () => {
    expect(restoreBounds(null, [LAPTOP]).bounds.width).toBe(DEFAULT_SIZE.width)
    expect(restoreBounds(null, []).bounds).toMatchObject(DEFAULT_SIZE)
  })
})

describe('parseWindowState', () => {
  it('rejects malformed or non-finite state', () => {
    expect(parseWindowState(null)).toBeNull()
    expect(parseWindowState({})).toBeNull()
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: 'big', height: 1 } })).toBeNull()
    expect(parseWindowState({ bounds: { x: NaN, y: 0, width: 100, height: 100 } })).toBeNull()
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: 0, height: 100 } })).toBeNull()
  })

  it('accepts valid state and defaults maximized to false', () => {
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: 3, height: 4 } })).toEqual({
      bounds: { x: 1, y: 2, width: 3, height: 4 },
      maximized: false
    })
  })
})

describe('loadWindowState / saveWindowState', () => {
  it('round-trips through the data dir and tolerates a corrupt file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'speakloop-window-'))
    try {
      expect(loadWindowState(dir)).toBeNull()
      const state = { bounds: { x: 5, y: 6, width: 900, height: 700 }, maximized: true }
      saveWindowState(dir, state)
      expect(loadWindowState(dir)).toEqual(state)
      fs.writeFileSync(path.join(dir, WINDOW_STATE_FILE), 'garbage')
      expect(loadWindowState(dir)).toBeNull()
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
