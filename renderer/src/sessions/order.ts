import type { SessionSummary } from '../../../electron/shared/contract.ts'

/**
 * Whether `incoming` may replace `current`. A call's answer and main's pushed events travel
 * separately, so an older summary can arrive last (Retry's "UPLOADED" after the pipeline's
 * "DONE"); it must not move the session back. Equal times keep the arrival order.
 */
export function isNotOlder(incoming: SessionSummary, current: SessionSummary | undefined): boolean {
  return !current || Date.parse(incoming.updatedAt) >= Date.parse(current.updatedAt)
}
