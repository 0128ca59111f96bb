import { useEffect } from 'react'
import { useProgress } from './store.ts'
import { rankPatterns } from './persistence.ts'
import { Sparkline } from './Sparkline.tsx'
import { PACE_BANDS } from '../session/MetricsPanel.tsx'
import { EmptyState, ErrorState, Skeleton } from '../ui/States.tsx'
import { capitalize, formatDate } from '../ui/format.ts'
import './progress.css'

export function ProgressScreen() {
  const { loading, error, patterns, doneSessions, trend, load } = useProgress()

  useEffect(() => {
    void load()
  }, [load])

  const first = patterns === null
  return (
    <div className="screen progress-screen" aria-busy={loading}>
      <h1 tabIndex={-1}>Progress</h1>
      {error && <ErrorState message={`Your progress could not be loaded: ${error}`} onRetry={() => void load()} />}
      {first && !error && <Skeleton lines={8} height={22} />}
      {patterns !== null && doneSessions.length === 0 && patterns.length === 0 && (
        <EmptyState title="Your profile builds up as you practise" testId="progress-empty">
          <p>After a few sessions, this page shows which habits persist and which are fading.</p>
          <a className="btn btn-primary" href="#/record">
            Record a session
          </a>
        </EmptyState>
      )}
      {patterns !== null && (doneSessions.length > 0 || patterns.length > 0) && (
        <>
          <section aria-labelledby="trends-title">
            <h2 id="trends-title">Trends</h2>
            <div className="trends">
              <Sparkline
                title="Pace"
                unit="wpm"
                points={trend.map((t) => ({ at: t.at, value: t.pace }))}
                band={PACE_BANDS.conversation}
                testId="trend-pace"
              />
              <Sparkline
                title="Fillers per minute"
                unit="per min"
                digits={1}
                points={trend.map((t) => ({ at: t.at, value: t.fillersPerMinute }))}
                testId="trend-fillers"
              />
            </div>
            <p className="muted trend-note">
              The shaded band on pace is native conversation (110–150 wpm): context, not a target. Trends cover your latest {trend.length} finished
              sessions.
            </p>
          </section>
          <PatternTable />
        </>
      )}
    </div>
  )
}

function PatternTable() {
  const { patterns, doneSessions } = useProgress()
  if (!patterns) return null
  const ranked = rankPatterns(patterns, doneSessions.map((s) => s.createdAt))
  return (
    <section aria-labelledby="patterns-title" data-testid="pattern-profile">
      <h2 id="patterns-title">Pattern profile</h2>
      {ranked.length === 0 ? (
        <p className="muted" data-testid="pattern-profile-empty">
          No recurring patterns yet.
        </p>
      ) : (
        <div className="card table-card">
          <table className="pattern-table">
            <caption className="visually-hidden">Recurring patterns across your sessions</caption>
            <thead>
              <tr>
                <th scope="col">Pattern</th>
                <th scope="col">Category</th>
                <th scope="col" className="num">
                  Sessions
                </th>
                <th scope="col" className="num">
                  Occurrences
                </th>
                <th scope="col">First seen</th>
                <th scope="col">Last seen</th>
                <th scope="col">Trend</th>
              </tr>
            </thead>
            <tbody>
              {ranked.map(({ pattern, persistence }) => (
                <tr key={pattern.patternKey} data-testid="pattern-row" data-pattern-key={pattern.patternKey} data-persistence={persistence}>
                  <th scope="row">{pattern.label}</th>
                  <td>{capitalize(pattern.category)}</td>
                  <td className="num">{pattern.sessions}</td>
                  <td className="num">{pattern.occurrences}</td>
                  <td>{formatDate(pattern.firstSeenAt)}</td>
                  <td>{formatDate(pattern.lastSeenAt)}</td>
                  <td>
                    <span className={`badge persistence-${persistence}`}>{persistence === 'persistent' ? 'Persistent' : 'Fading'}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted trend-note">Persistent: seen in 3 or more sessions and in at least one of your latest 3. Everything else is fading.</p>
    </section>
  )
}
