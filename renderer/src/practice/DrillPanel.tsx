import { ATTEMPT_MAX_MS, ATTEMPT_MIN_MS, type DrillView } from '../../../electron/shared/contract.ts'
import { useRecorder } from '../record/store.ts'
import { useSettings } from '../settings/store.ts'
import { MicAndTimer } from './MicAndTimer.tsx'
import { formatDuration } from '../ui/format.ts'
import { usePractice } from './store.ts'
import { AttemptResult } from './AttemptResult.tsx'

/** One drill: the sentence to say, the recorder (microphone, level, 3–30 s) and the verdict. */
export function DrillPanel({ drill }: { drill: DrillView }) {
  const p = usePractice()
  const live = p.phase === 'recording' || p.phase === 'starting' || p.phase === 'stopping'
  const sessionRecording = useRecorder((s) => s.phase !== 'idle')
  const claude = useSettings((s) => s.settings?.anthropicKey.set === true)
  const free = drill.kind === 'free'

  return (
    <section className="card drill-panel" aria-labelledby="drill-title" data-testid="drill-panel" data-drill-id={drill.id} data-phase={p.phase}>
      <h2 id="drill-title">
        {drill.pattern}
        {drill.focus && <span className="tag tag-focus">Focus</span>}
      </h2>
      <p className="drill-say-label">{free ? 'Answer in your own words:' : 'Say this sentence:'}</p>
      <p className="drill-target" data-testid="drill-target">
        {drill.target}
      </p>
      {free ? (
        <p className="muted drill-original">Claude checks how you use this pattern; only words you really said count.</p>
      ) : (
        <p className="muted drill-original">
          You said: <q>{drill.quote}</q> · listen for <span data-testid="drill-expected">{drill.expected.map((f) => `“${f}”`).join(', ')}</span>
        </p>
      )}
      {claude && !free && (
        <p>
          <button type="button" className="btn btn-quiet" disabled={live} onClick={() => void p.openFreeDrill(drill.patternKey)} data-testid="open-free-drill">
            Try a sentence of your own on this pattern
          </button>
        </p>
      )}

      <div className="drill-recorder">
        <MicAndTimer disabled={live} timerLabel="Recorded time" timerTestId="attempt-timer" level={p.level} active={p.phase === 'recording'}>
          {formatDuration(p.elapsedMs)} <span className="muted">/ {formatDuration(ATTEMPT_MAX_MS)}</span>
        </MicAndTimer>
        <div className="btn-row">
          {p.phase === 'recording' || p.phase === 'stopping' ? (
            <button type="button" className="btn btn-primary btn-large" onClick={() => void p.stop()} disabled={p.phase === 'stopping'} data-testid="attempt-stop">
              <span className="rec-dot" aria-hidden="true" /> Stop and check
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-primary btn-large"
              onClick={() => void p.start()}
              disabled={p.phase === 'starting' || p.phase === 'judging' || sessionRecording}
              data-testid="attempt-start"
            >
              {p.phase === 'starting' ? 'Starting…' : p.attempt ? 'Try again' : 'Start speaking'}
            </button>
          )}
        </div>
        <p className="field-hint">
          Speak for {ATTEMPT_MIN_MS / 1000} to {ATTEMPT_MAX_MS / 1000} seconds; fillers and restarts do not count against you.
          {sessionRecording && ' A session is being recorded: finish it first.'}
        </p>
      </div>

      {p.notice && (
        <p className="alert alert-warning" data-testid="attempt-too-short">
          {p.notice}
        </p>
      )}
      {p.recordError && (
        <p className="alert alert-error" role="alert" data-testid="attempt-record-error">
          {p.recordError}
        </p>
      )}
      {p.attempt && <AttemptResult attempt={p.attempt} onRetry={() => void p.retry()} />}
    </section>
  )
}
