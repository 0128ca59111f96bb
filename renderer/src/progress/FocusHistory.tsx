import type { FocusEntry } from './focusHistory.ts'
import { formatDate, labelOfKey } from '../ui/format.ts'

const VERDICTS: Record<FocusEntry['verdict'], string> = {
  improved: 'Improved',
  same: 'About the same',
  worse: 'Needs more work',
  'not-enough-evidence': 'Not enough evidence',
  unchecked: 'Not checked',
  pending: 'Your current goal'
}

/** Every focus goal with the verdict the following session gave it, newest first. */
export function FocusHistory({ entries }: { entries: FocusEntry[] }) {
  return (
    <section aria-labelledby="focus-history-title" data-testid="focus-history">
      <h2 id="focus-history-title">Focus goals</h2>
      {entries.length === 0 ? (
        <p className="muted" data-testid="focus-history-empty">
          Each session ends with one goal for the next; they collect here with how you did.
        </p>
      ) : (
        <ol className="focus-history">
          {entries.map((e) => (
            <li key={e.sessionId} className="card focus-history-item" data-testid="focus-history-item" data-verdict={e.verdict} data-pattern-key={e.patternKey}>
              <div className="focus-history-head">
                <span className={`badge verdict-badge verdict-badge-${e.verdict}`}>{VERDICTS[e.verdict]}</span>
                <span className="muted">
                  {labelOfKey(e.patternKey)} · set <time dateTime={e.setAt}>{formatDate(e.setAt)}</time>
                </span>
              </div>
              <p className="focus-history-goal">{e.goal}</p>
              {e.evidence && <p className="muted focus-history-evidence">{e.evidence}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
