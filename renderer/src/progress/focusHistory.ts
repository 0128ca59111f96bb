import type { TrendPoint } from '../../../electron/shared/contract.ts'

type Verdict = NonNullable<TrendPoint['previousFocus']>['verdict']

export interface FocusEntry {
  /** The session that set the goal. */
  sessionId: string
  setAt: string
  patternKey: string
  goal: string
  /** The next session's verdict on the goal; `pending` until there is a next session, `unchecked` when it gave none. */
  verdict: Verdict | 'pending' | 'unchecked'
  evidence: string | null
  checkedAt: string | null
}

/**
 * The goals the learner was given, newest first: the focusNext of session N with the verdict that
 * session N+1 (the next finished one) gave it in previousFocus. `points` are oldest first.
 */
export function focusHistory(points: readonly Pick<TrendPoint, 'id' | 'createdAt' | 'focusNext' | 'previousFocus'>[]): FocusEntry[] {
  const entries: FocusEntry[] = []
  points.forEach((point, i) => {
    if (!point.focusNext) return
    const next = points[i + 1]
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
  })
  return entries.reverse()
}
