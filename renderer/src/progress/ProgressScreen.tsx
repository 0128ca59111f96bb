import { useEffect, useMemo } from 'react'
import { useProgress } from './store.ts'
import { rankPatterns } from './persistence.ts'
import { TrendChart, type ChartPoint } from './TrendChart.tsx'
import { PracticeCard } from './PracticeCard.tsx'
import { FocusHistory } from './FocusHistory.tsx'
import { minutesPerDay, practiceStreak } from './practice.ts'
import { focusHistory } from './focusHistory.ts'
import { FILLER_GUIDANCE_PER_MINUTE, PACE_BANDS } from '../session/metricBands.ts'
import { EmptyState, ErrorState, Skeleton } from '../ui/States.tsx'
import { capitalize, formatDate } from '../ui/format.ts'
import './progress.css'
import { PatternTrend } from './PatternTrend.tsx'
import { PracticeEvidence } from '../practice/PracticeEvidence.tsx'
import { usePracticeSummary } from '../practice/summaryStore.ts'

export function ProgressScreen() {
  const { loading, error, patterns, points, load } = useProgress()

  useEffect(() => {
    void load()
  }, [load])

  const charts = useMemo(
    () => ({
      pace: points.map((p): ChartPoint => ({ at: p.createdAt, value: p.speakingRate })),
      fillers: points.map((p): ChartPoint => ({ at: p.createdAt, value: p.fillersPerMinute })),
      midClause: points.map((p): ChartPoint => ({ at: p.createdAt, value: p.midClausePausesPerMinute })),
      mattr: points.map((p): ChartPoint => ({ at: p.createdAt, value: p.mattr, lowConfidence: p.mattrLowConfidence }))
    }),
    [points]
  )
  const practice = useMemo(() => {
    const today = new Date()
    return { streak: practiceStreak(points, today), days: minutesPerDay(points, today, 14) }
  }, [points])
  const goals = useMemo(() => focusHistory(points), [points])

  const first = patterns === null
  const empty = patterns !== null && points.length === 0 && patterns.length === 0
  return (
    <div className="screen progress-screen" aria-busy={loading}>
      <h1 tabIndex={-1}>Progress</h1>
      {error && <ErrorState message={`Your progress could not be loaded: ${error}`} onRetry={() => void load()} />}
      {first && !error && <Skeleton lines={8} height={22} />}
      {empty && (
        <EmptyState title="Your profile builds up as you practise" testId="progress-empty">
          <p>After a few sessions, this page shows your practice streak, how your pace and fillers change, and which habits persist or fade.</p>
          <a className="btn btn-primary" href="#/record">
            Record a session
          </a>
        </EmptyState>
      )}
      {patterns !== null && !empty && (
        <>
          <section aria-labelledby="practice-title">
            <h2 id="practice-title">Practice</h2>
            <PracticeCard streak={practice.streak} days={practice.days} />
          </section>
          <section aria-labelledby="trends-title">
            <h2 id="trends-title">Trends</h2>
            <div className="trends">
              <TrendChart
                title="Pace"
                unit="wpm"
                points={charts.pace}
                band={PACE_BANDS.conversation}
                note={`Shaded: native conversation, ${PACE_BANDS.conversation[0]}–${PACE_BANDS.conversation[1]} wpm. Context, not a target.`}
                testId="trend-pace"
              />
              <TrendChart
                title="Fillers per minute"
                unit="per min"
                digits={1}
                points={charts.fillers}
                guide={FILLER_GUIDANCE_PER_MINUTE}
                note={`Dashed: soft guidance of about ${FILLER_GUIDANCE_PER_MINUTE} per minute.`}
                testId="trend-fillers"
              />
              <TrendChart
                title="Mid-clause pauses per minute"
                unit="per min"
                digits={1}
                points={charts.midClause}
                note="Pauses inside a clause rather than at a boundary; fewer reads as more fluent."
                testId="trend-mid-clause"
              />
              <TrendChart
                title="Lexical diversity (MATTR)"
                unit="MATTR"
                digits={2}
                points={charts.mattr}
                note={
                  charts.mattr.some((p) => p.lowConfidence)
                    ? 'Ringed: from under 100 words, low confidence. Compare with your own sessions.'
                    : 'Moving-average type-token ratio; compare with your own sessions.'
                }
                testId="trend-mattr"
              />
            </div>
            <p className="muted trend-note">Trends cover your latest {points.length === 1 ? 'finished session' : `${points.length} finished sessions`}.</p>
          </section>
          <FocusHistory entries={goals} />
          <PatternTable />
          <PracticeEvidence />
        </>
      )}
    </div>
  )
}

function PatternTable() {
  const { patterns, points } = useProgress()
  // Drill results sit beside each pattern as evidence; they never change its counts.
  const evidence = usePracticeSummary((s) => s.evidence)
  if (!patterns) return null
  const ranked = rankPatterns(patterns, points.map((p) => p.createdAt))
  return (
    <section aria-labelledby="patterns-title" data-testid="pattern-profile">
      <h2 id="patterns-title">Pattern profile</h2>
      {ranked.length === 0 ? (
        <p className="muted" data-testid="pattern-profile-empty">
          No recurring patterns yet.
        </p>
      ) : (
        // Scrolls sideways on narrow windows: focusable so the keyboard can scroll it too.
        <div className="card table-card" tabIndex={0} role="region" aria-label="Pattern profile table">
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
                <th scope="col">Per session</th>
                <th scope="col">Trend</th>
                <th scope="col">Drills this week</th>
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
                    <PatternTrend trend={pattern.trend} />
                  </td>
                  <td>
                    <span className={`badge persistence-${persistence}`}>{persistence === 'persistent' ? 'Persistent' : 'Fading'}</span>
                  </td>
                  <td data-testid="pattern-drills">{drillsCell(evidence?.find((e) => e.patternKey === pattern.patternKey))}</td>
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

function drillsCell(evidence: { passed: number; attempts: number } | undefined): string {
  return evidence ? `${evidence.passed} of ${evidence.attempts} passed` : '–'
}
