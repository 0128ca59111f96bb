import { useEffect, useMemo } from 'react'
import { useSettings } from '../settings/store.ts'
import { filterPrompts, PROMPTS } from '../record/prompts.ts'
import { MicAndTimer } from '../practice/MicAndTimer.tsx'
import { formatDuration } from '../ui/format.ts'
import { hrefOf } from '../shell/route.ts'
import { ErrorState } from '../ui/States.tsx'
import { useRetell } from './store.ts'
import { ROUND_PRESETS, remainingMs } from './rounds.ts'
import { RetellComparison } from './RetellComparison.tsx'
import '../practice/practice.css'

/** Retell 4-3-2: one prompt told three times in shorter rounds, each an ordinary session, then compared. */
export function RetellScreen({ id }: { id?: string }) {
  const r = useRetell()
  const { open, reset } = r
  const level = useSettings((s) => s.settings?.level ?? 'B1')
  const prompts = useMemo(() => filterPrompts(PROMPTS, { category: '', level }), [level])

  useEffect(() => {
    if (id) void open(id)
    else reset()
  }, [id, open, reset])

  const live = r.phase === 'recording' || r.phase === 'starting' || r.phase === 'saving'
  const seconds = r.retell?.roundSeconds[r.round - 1] ?? 0

  return (
    <div className="screen retell-screen" data-testid="retell-screen" data-phase={r.phase}>
      <h1 tabIndex={-1}>Retell 4-3-2</h1>
      <p className="muted">
        Tell the same story three times, each time in less time. Fluency grows from one round to the next; each round is an ordinary session.{' '}
        <a href={hrefOf({ name: 'practice' })}>Back to Practice</a>
      </p>
      {r.error && <ErrorState message={r.error} />}

      {r.phase === 'setup' && (
        <section className="card" aria-labelledby="retell-setup-title">
          <h2 id="retell-setup-title">Choose what to tell</h2>
          <div className="field">
            <label htmlFor="retell-prompt">Prompt</label>
            <select id="retell-prompt" value={r.prompt} onChange={(e) => r.setPrompt(e.target.value)} data-testid="retell-prompt">
              <option value="">Choose a prompt…</option>
              {prompts.map((p) => (
                <option key={p.id} value={p.text}>
                  {p.text}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="retell-rounds">Round lengths</label>
            <select id="retell-rounds" value={r.presetId} onChange={(e) => r.setPreset(e.target.value)} data-testid="retell-rounds">
              {ROUND_PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          <div className="btn-row">
            <button type="button" className="btn btn-primary" disabled={r.prompt === ''} onClick={() => void r.begin()} data-testid="retell-begin">
              Start the retell
            </button>
          </div>
        </section>
      )}

      {r.retell && (r.phase !== 'done' || r.retell.rounds.length < 3) && r.round <= 3 && (
        <section className="card" aria-labelledby="retell-round-title" data-testid="retell-round" data-round={r.round}>
          <h2 id="retell-round-title">
            Round {r.round} of 3 · {formatDuration(seconds * 1000)}
          </h2>
          <p className="drill-target">{r.retell.prompt}</p>
          <div className="drill-recorder">
            <MicAndTimer disabled={live} timerLabel="Time left in this round" timerTestId="retell-countdown" level={r.level} active={r.phase === 'recording'}>
              {formatDuration(remainingMs(seconds, r.elapsedMs))}
            </MicAndTimer>
            <div className="btn-row">
              {r.phase === 'recording' || r.phase === 'saving' ? (
                <button type="button" className="btn btn-primary btn-large" onClick={() => void r.stopRound()} disabled={r.phase === 'saving'} data-testid="retell-stop">
                  <span className="rec-dot" aria-hidden="true" /> Stop this round
                </button>
              ) : (
                <button type="button" className="btn btn-primary btn-large" onClick={() => void r.startRound()} disabled={r.phase === 'starting'} data-testid="retell-start-round">
                  Start round {r.round}
                </button>
              )}
            </div>
            <p className="field-hint">The round stops by itself when the time is up.</p>
          </div>
          {r.notice && <p className="alert alert-warning">{r.notice}</p>}
        </section>
      )}

      {r.retell && r.retell.rounds.length > 0 && <RetellComparison retell={r.retell} />}
      {r.phase === 'done' && (
        <div className="btn-row">
          <a className="btn" href={hrefOf({ name: 'retell' })} data-testid="retell-new">
            Start another retell
          </a>
        </div>
      )}
    </div>
  )
}
