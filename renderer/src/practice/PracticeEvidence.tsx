import { useEffect } from 'react'
import { hrefOf } from '../shell/route.ts'
import { evidenceLine, usePracticeSummary } from './summaryStore.ts'
import './practice.css'

/** Drill results beside the pattern profile: evidence of this week, never counted as session occurrences. */
export function PracticeEvidence() {
  const evidence = usePracticeSummary((s) => s.evidence)
  const loadEvidence = usePracticeSummary((s) => s.loadEvidence)

  useEffect(() => {
    void loadEvidence()
  }, [loadEvidence])

  return (
    <section aria-labelledby="drill-evidence-title" data-testid="drill-evidence">
      <h2 id="drill-evidence-title">Drills this week</h2>
      {evidence && evidence.length > 0 ? (
        <ul className="practice-evidence">
          {evidence.map((e) => (
            <li key={e.patternKey} data-testid="drill-evidence-line" data-pattern-key={e.patternKey}>
              {evidenceLine(e)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          No drills tried this week. <a href={hrefOf({ name: 'practice' })}>Practise</a> the sentences from your sessions.
        </p>
      )}
    </section>
  )
}
