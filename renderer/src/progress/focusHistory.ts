import type { TrendPoint } from '../../../electron/shared/contract.ts'

type Verdict = NonNullable<TrendPoint['previousFocus']>['verdict']

export interface FocusEntry {
  /** The session that set the goal. */
  sessionId: string
  setAt: string
  patternKey: string
  goal: string
  /** The next judged session's verdict on the goal; `pending` until there is one, `unchecked` when it gave none. */
  verdict: Verdict | 'pending' | 'unchecked'
  evidence: string | null
  checkedAt: string | null
}

/**
 * The goals the learner was given, newest first: the focusNext of session N with the verdict that
 * the next judged session gave it in previousFocus. A session too short to judge (no goal, no
 * verdict) is skipped: the goal stayed in force past it. `points` are oldest first.
 */
export function focusHistory(points: readonly Point[]): FocusEntry[] {
  const entries: FocusEntry[] = []
  // Walking back from the newest, `next` is the nearest later session that was judged.
  let next: Point | undefined
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i]!
    if (point.focusNext) {
      const check = next?.previousFocus ?? null
      entries.push({
        sessionId: point.id,
        setAt: point.createdAt,
        patternKey: point.focusNext.patternKey,
        goal: point.focusNext.goal,
        verdict: !next ? 'pending' : check ? check.verdict : 'unchecked',
        evidence: check?.evidence || null,
        checkedAt: next ? next.createdAt : null
      })
    }
    if (point.focusNext || point.previousFocus) next = point
  }
  return entries
}

type Point = Pick<TrendPoint, 'id' | 'createdAt' | 'focusNext' | 'previousFocus'>
