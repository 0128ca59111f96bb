import type { SessionDetail } from '../../../electron/shared/contract.ts'

/** What a finished session without a goal shows where the goal would be. */
export const TOO_LITTLE_SPEECH = 'Too little speech to judge: record at least a minute next time'

/**
 * A finished session with no goal was too short to judge: it set no goal and gave no verdict, and the
 * goal set before it still stands. (A session still in progress, or failed, has no goal yet.)
 */
export function tooShortToJudge(detail: Pick<SessionDetail, 'status' | 'focusNext'>): boolean {
  return detail.status === 'DONE' && detail.focusNext === null
}
