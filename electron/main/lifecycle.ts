/**
 * The shell's lifecycle decisions as pure functions: whether a quit may go through, what a start-up
 * or window failure tells the learner, and what replaces a notification the OS refused. The wiring
 * in index.ts stays thin; what only real Electron shows (a logout, a crashed renderer, an unsigned
 * macOS build's notifications) is checked by the Electron workflow.
 */

/** Where the shell is in stopping the core. */
export type ShutdownState = 'running' | 'stopping' | 'stopped'

/**
 * What `before-quit` does. A normal quit is held (preventDefault) while the core stops, then
 * repeated. When the system is ending the session (powerMonitor 'shutdown' on macOS and Linux, a
 * window's 'session-end' on Windows) nothing is held: holding would cancel a macOS logout or
 * restart. The core is told to stop, and whatever it has not finished resumes at the next start
 * (jobs are durable rows; the runner lock is released by the OS).
 */
export function beforeQuitDecision(state: ShutdownState, systemEnding: boolean): { preventDefault: boolean; startShutdown: boolean } {
  if (state === 'stopped') return { preventDefault: false, startShutdown: false }
  if (systemEnding) return { preventDefault: false, startShutdown: state === 'running' }
  return { preventDefault: true, startShutdown: state === 'running' }
}

/** A failure the learner must hear about: the app could not start, or its window could not show. */
export interface FailureDialog {
  title: string
  message: string
  detail: string
}

/** The dialog for a failure, with its reason and where the log is (the log never holds transcripts). */
export function failureDialog(kind: 'start' | 'load' | 'renderer', reason: string, logDir: string): FailureDialog {
  const titles = {
    start: 'Speakloop could not start',
    load: 'Speakloop could not show its window',
    renderer: 'Speakloop’s window stopped unexpectedly'
  }
  return {
    title: titles[kind],
    message: reason.trim() || 'An unexpected error occurred.',
    detail: `Details are in the log in ${logDir}. Your recordings and sessions are kept.`
  }
}

/**
 * Whether a `did-fail-load` is a failure to report: the main frame only, and not ERR_ABORTED (-3),
 * which Chromium reports when a navigation is replaced by another (a reload, a route change).
 */
export function isLoadFailure(errorCode: number, isMainFrame: boolean): boolean {
  return isMainFrame && errorCode !== -3
}

/**
 * What to do when the renderer process is gone (`render-process-gone`): nothing after a clean exit
 * (the window is closing), otherwise tell the learner and offer to reload the window.
 */
export function rendererGoneAction(reason: string): 'ignore' | 'offer-reload' {
  return reason === 'clean-exit' ? 'ignore' : 'offer-reload'
}

/** Why a renderer went, in the learner's words. */
export function rendererGoneReason(reason: string): string {
  switch (reason) {
    case 'oom':
    case 'memory-eviction':
      return 'The window ran out of memory.'
    case 'crashed':
    case 'abnormal-exit':
      return 'The window crashed.'
    case 'killed':
      return 'The window was ended by the system.'
    case 'launch-failed':
      return 'The window could not be started.'
    case 'integrity-failure':
      return 'The window’s code failed its integrity check. Reinstall Speakloop.'
    default:
      return `The window stopped (${reason}).`
  }
}

/**
 * Whether to show a native notification. Not where the OS has none, and not again once one failed
 * this run (an unsigned macOS build, notifications turned off): the OS said no, and asking again
 * only fails again. The in-app indicator (dock badge and taskbar progress, the session's status in
 * the window) always shows; `attentionFallback` adds a bounce or flash for what the notification would
 * have said.
 */
export function shouldNotify(options: { supported: boolean; failedBefore: boolean }): boolean {
  return options.supported && !options.failedBefore
}

/** How to draw the learner's eye when a notification failed: bounce the dock on macOS, flash the taskbar elsewhere. */
export function attentionFallback(platform: NodeJS.Platform): 'dock-bounce' | 'flash-frame' {
  return platform === 'darwin' ? 'dock-bounce' : 'flash-frame'
}
