import { useMemo } from 'react'
import type { RetellView } from '../../../electron/shared/contract.ts'
import { TrendChart, type ChartPoint } from '../progress/TrendChart.tsx'
import { formatDuration, formatNumber } from '../ui/format.ts'
import { hrefOf } from '../shell/route.ts'
import '../progress/progress.css'

type Figures = NonNullable<RetellView['rounds'][number]['figures']>

const ROWS: { key: keyof Omit<Figures, 'mattrLowConfidence'>; label: string; unit: string; digits: number }[] = [
  { key: 'speakingRate', label: 'Pace', unit: 'wpm', digits: 0 },
  { key: 'fillersPerMinute', label: 'Fillers per minute', unit: '/min', digits: 1 },
  { key: 'midClausePausesPerMinute', label: 'Mid-clause pauses per minute', unit: '/min', digits: 1 },
  { key: 'mattr', label: 'MATTR (word variety)', unit: '', digits: 2 }
]

/** The rounds side by side: a table of the four figures, and a chart of each across the rounds. */
export function RetellComparison({ retell }: { retell: RetellView }) {
  const analysed = retell.rounds.filter((r) => r.figures !== null)
  const charts = useMemo(
    () =>
      ROWS.map((row) => ({
        row,
        points: retell.rounds.flatMap((r): ChartPoint[] =>
          r.figures ? [{ at: r.createdAt, value: r.figures[row.key], lowConfidence: row.key === 'mattr' && r.figures.mattrLowConfidence }] : []
        )
      })),
    [retell.rounds]
  )
  return (
    <section aria-labelledby="retell-compare-title" data-testid="retell-comparison">
      <h2 id="retell-compare-title">Your rounds compared</h2>
      <div className="card table-card" tabIndex={0} role="region" aria-label="Rounds compared">
        <table className="pattern-table">
          <caption className="visually-hidden">Pace, fillers, mid-clause pauses and MATTR in each round</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              {retell.rounds.map((r) => (
                <th scope="col" key={r.round} className="num">
                  <a href={hrefOf({ name: 'session', id: r.sessionId })}>Round {r.round}</a>
                  <span className="muted"> ({formatDuration(r.durationMs)})</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.key} data-testid="retell-row" data-figure={row.key}>
                <th scope="row">{row.label}</th>
                {retell.rounds.map((r) => (
                  <td key={r.round} className="num">
                    {r.figures ? `${formatNumber(r.figures[row.key], row.digits)}${row.unit ? ` ${row.unit}` : ''}` : statusText(r.status)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {analysed.length > 1 && (
        <div className="trends">
          {charts.map(({ row, points }) => (
            <TrendChart key={row.key} title={row.label} unit={row.unit || 'MATTR'} digits={row.digits} points={points} testId={`retell-chart-${row.key}`} />
          ))}
        </div>
      )}
    </section>
  )
}

function statusText(status: string): string {
  return status === 'FAILED' ? 'Failed' : status === 'DONE' ? '–' : 'Analysing…'
}
