/** The places between durable steps where a crash must lose nothing. */
export type CrashPoint =
  | 'transcribe:before-call'
  | 'transcribe:after-commit'
  | 'transcribe:after-audio-delete'
  | 'stretch:before-call'
  | 'stretch:after-commit'
  | 'analyze:before-call'
  | 'analyze:after-commit'
  | 'practice:before-call'
  | 'practice:after-commit'

/**
 * Fault injection for the crash tests: when `SPEAKLOOP_CRASH_AT` names this point the process
 * kills itself with SIGKILL, as a power cut would. A no-op otherwise.
 */
export function crashPoint(point: CrashPoint): void {
  if (process.env.SPEAKLOOP_CRASH_AT === point) process.kill(process.pid, 'SIGKILL')
}
