import { useEffect } from 'react'
import { hrefOf } from '../shell/route.ts'
import { usePracticeSummary } from './summaryStore.ts'
import './practice.css'

/** "Today's practice" on the Record screen: up to five due drills, the focus goal, and a prompt for the focus pattern. */
export function TodayPractice({ onUsePrompt, disabled }: { onUsePrompt: (prompt: string) => void; disabled: boolean }) {
  const today = usePracticeSummary((s) => s.today)
  const loadToday = usePracticeSummary((s) => s.loadToday)

  useEffect(() => {
    void loadToday()
  }, [loadToday])

  if (!today || (today.drills.length === 0 && !today.focus)) return null
  return (
    <section className="card today-practice" aria-labelledby="today-practice-title" data-testid="today-practice">
      <h2 id="today-practice-title">Today’s practice</h2>
      {today.focus && (
        <p data-testid="today-focus">
          <strong>Focus:</strong> {today.focus.goal}
        </p>
      )}
      {today.drills.length > 0 ? (
        <>
          <p className="muted">
            {today.due === 1 ? '1 drill is due' : `${today.due} drills are due`}
            {today.due > today.drills.length && `; here are the first ${today.drills.length}`}.
          </p>
          <ol data-testid="today-drills">
            {today.drills.map((d) => (
              <li key={d.id}>
                <a href={hrefOf({ name: 'practice', drillId: d.id })}>{d.target}</a> <span className="muted">({d.pattern})</span>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="muted">No drills are due today.</p>
      )}
      <p>
        <strong>Speaking prompt:</strong> <span data-testid="today-prompt">{today.prompt}</span>
      </p>
      <div className="btn-row">
        <button type="button" className="btn" disabled={disabled} onClick={() => onUsePrompt(today.prompt)} data-testid="today-use-prompt">
          Use this prompt
        </button>
        <a className="btn" href={hrefOf({ name: 'practice' })}>
          Open Practice
        </a>
      </div>
    </section>
  )
}
