import { describe, expect, it } from 'vitest'
import {
  attentionFallback,
  beforeQuitDecision,
  failureDialog,
  isLoadFailure,
  rendererGoneAction,
  rendererGoneReason,
  shouldNotify
} from '../../../electron/main/lifecycle.ts'

describe('beforeQuitDecision', () => {
  it('holds a normal quit while the core stops, once, then lets the repeated quit through', () => {
    expect(beforeQuitDecision('running', false)).toEqual({ preventDefault: true, startShutdown: true })
    expect(beforeQuitDecision('stopping', false)).toEqual({ preventDefault: true, startShutdown: false })
    expect(beforeQuitDecision('stopped', false)).toEqual({ preventDefault: false, startShutdown: false })
  })

  it('never holds a quit while the system logs out, restarts or shuts down (holding would cancel it on macOS)', () => {
    expect(beforeQuitDecision('running', true)).toEqual({ preventDefault: false, startShutdown: true })
    expect(beforeQuitDecision('stopping', true)).toEqual({ preventDefault: false, startShutdown: false })
    expect(beforeQuitDecision('stopped', true)).toEqual({ preventDefault: false, startShutdown: false })
  })
})

describe('failureDialog', () => {
  it('gives the reason and where the log is, for a failed start', () => {
    expect(failureDialog('start', 'This data folder was written by a newer Speakloop.', '/home/u/.config/Speakloop/logs')).toEqual({
      title: 'Speakloop could not start',
      message: 'This data folder was written by a newer Speakloop.',
      detail: 'Details are in the log in /home/u/.config/Speakloop/logs. Your recordings and sessions are kept.'
    })
  })

  it('names a window that could not load or whose renderer went, and never shows an empty reason', () => {
    expect(failureDialog('load', 'ERR_FILE_NOT_FOUND (-6)', '/l').title).toBe('Speakloop could not show its window')
    expect(failureDialog('renderer', 'The window crashed.', '/l').title).toBe('Speakloop’s window stopped unexpectedly')
    expect(failureDialog('start', '  ', '/l').message).toBe('An unexpected error occurred.')
  })
})

describe('window failures', () => {
  it('reports a main frame that failed to load, but not an aborted navigation or a subframe', () => {
    expect(isLoadFailure(-6, true)).toBe(true)
    expect(isLoadFailure(-105, true)).toBe(true)
    expect(isLoadFailure(-3, true)).toBe(false)
    expect(isLoadFailure(-6, false)).toBe(false)
  })

  it('offers a reload when the renderer is gone, except after a clean exit', () => {
    for (const reason of ['crashed', 'oom', 'killed', 'launch-failed', 'integrity-failure', 'abnormal-exit', 'memory-eviction']) {
      expect(rendererGoneAction(reason), reason).toBe('offer-reload')
    }
    expect(rendererGoneAction('clean-exit')).toBe('ignore')
  })

  it('says why the renderer went in the learner’s words', () => {
    expect(rendererGoneReason('oom')).toBe('The window ran out of memory.')
    expect(rendererGoneReason('crashed')).toBe('The window crashed.')
    expect(rendererGoneReason('integrity-failure')).toMatch(/Reinstall Speakloop/)
    expect(rendererGoneReason('something-new')).toBe('The window stopped (something-new).')
  })
})

describe('notifications', () => {
  it('shows native notifications until the OS refuses one, then only the in-app indicator', () => {
    expect(shouldNotify({ supported: true, failedBefore: false })).toBe(true)
    expect(shouldNotify({ supported: true, failedBefore: true })).toBe(false)
    expect(shouldNotify({ supported: false, failedBefore: false })).toBe(false)
  })

  it('bounces the dock on macOS and flashes the taskbar elsewhere instead', () => {
    expect(attentionFallback('darwin')).toBe('dock-bounce')
    expect(attentionFallback('win32')).toBe('flash-frame')
    expect(attentionFallback('linux')).toBe('flash-frame')
  })
})
