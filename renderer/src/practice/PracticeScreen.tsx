import { useEffect } from 'react'
import type { DrillView } from '../../../electron/shared/contract.ts'
import { EmptyState, ErrorState, Skeleton } from '../ui/States.tsx'
import { formatDate } from '../ui/format.ts'
import { hrefOf } from '../shell/route.ts'
import { usePractice } from './store.ts'
import { DrillPanel } from './DrillPanel.tsx'
import './practice.css'

/** Practice: drills made from the learner's own sentences, focus pattern first, each said and checked. */
export function PracticeScreen({ drillId }: { drillId?: string }) {
  const { drills, focus, loading, error, selectedId, loadedAt, load, select } = usePractice()

  useEffect(() => {
    void load().then(() => {
      if (drillId) select(drillId)
    })
  }, [load, select, drillId])

  const selected = drills?.find((d) => d.id === selectedId) ?? null

  return (
    <div className="screen practice-screen">
      <h1 tabIndex={-1}>Practice</h1>
      {focus && (
        <p className="practice-focus" data-testid="practice-focus">
          <strong>Focus:</strong> {focus.label} — {focus.goal}
        </p>
      )}
      <p>
        <a href={hrefOf({ name: 'retell' })} data-testid="open-retell">
          Retell 4-3-2
        </a>
        <span className="muted">: tell one story three times in less time, and compare your fluency across the rounds.</span>
      </p>
      {error && <ErrorState message={`Your drills could not be loaded: ${error}`} onRetry={() => void load()} />}
      {!drills && !error && loading && <Skeleton lines={4} />}
      {drills && drills.length === 0 && (
        <EmptyState title="No drills yet" testId="practice-empty">
          Finish a session: every verified example in its analysis becomes a short sentence to practise.
        </EmptyState>
      )}
      {selected && <DrillPanel drill={selected} />}
      {drills && drills.length > 0 && (
        <section aria-labelledby="drill-list-title">
          <h2 id="drill-list-title">Your drills</h2>
          <ul className="drill-list" data-testid="drill-list">
            {drills.map((drill) => (
              <DrillRow key={drill.id} drill={drill} selected={drill.id === selectedId} due={new Date(drill.due).getTime() <= loadedAt} onSelect={() => select(drill.id)} />
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}

function DrillRow({ drill, selected, due, onSelect }: { drill: DrillView; selected: boolean; due: boolean; onSelect: () => void }) {
  return (
    <li className={`card drill-row${selected ? ' drill-row-selected' : ''}`} data-testid="drill-row" data-drill-id={drill.id} data-due={due}>
      <div className="drill-row-text">
        <span className="drill-row-pattern">
          {drill.pattern}
          {drill.focus && <span className="tag tag-focus">Focus</span>}
        </span>
        <span className="drill-row-target">{drill.target}</span>
        <span className="muted drill-row-meta">
          <span data-testid="drill-due">{due ? 'Due now' : `Next review ${formatDate(drill.due)}`}</span>
          {drill.lastResult && <> · last try {drill.lastResult.passed ? 'passed' : 'not yet'}</>}
        </span>
      </div>
      <button type="button" className="btn" onClick={onSelect} aria-pressed={selected} data-testid="drill-select">
        {selected ? 'Practising' : 'Practise'}
        <span className="visually-hidden"> {drill.target}</span>
      </button>
    </li>
  )
}
