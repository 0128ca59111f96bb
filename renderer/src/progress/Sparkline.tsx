import { useId } from 'react'
import { formatDate, formatNumber } from '../ui/format.ts'

interface SparklineProps {
  title: string
  unit: string
  points: { at: string; value: number }[]
  digits?: number
  /** An optional reference band (e.g. native pace), drawn behind the line as context. */
  band?: readonly [number, number]
  testId: string
}

const W = 320
const H = 120
const PAD = { top: 12, right: 12, bottom: 20, left: 36 }

/**
 * A small inline-SVG trend. Stand-in until a chart library is chosen; the data is also offered as
 * a table so the numbers are reachable without seeing the line.
 */
export function Sparkline({ title, unit, points, digits = 0, band, testId }: SparklineProps) {
  const titleId = useId()
  if (points.length === 0) {
    return (
      <figure className="card trend" data-testid={testId}>
        <figcaption className="trend-title">{title}</figcaption>
        <p className="muted trend-empty">No finished sessions with metrics yet.</p>
      </figure>
    )
  }
  const values = points.map((p) => p.value)
  const lo = Math.min(...values, ...(band ? [band[0]] : []))
  const hi = Math.max(...values, ...(band ? [band[1]] : []))
  const span = hi - lo || 1
  const x = (i: number) => PAD.left + (points.length === 1 ? (W - PAD.left - PAD.right) / 2 : (i / (points.length - 1)) * (W - PAD.left - PAD.right))
  const y = (v: number) => PAD.top + (1 - (v - lo) / span) * (H - PAD.top - PAD.bottom)
  const latest = points[points.length - 1]!
  const summary = `${title}: ${points.length} sessions, from ${formatNumber(values[0]!, digits)} to ${formatNumber(latest.value, digits)} ${unit}.`

  return (
    <figure className="card trend" data-testid={testId}>
      <figcaption className="trend-title" id={titleId}>
        {title} <span className="trend-latest">{formatNumber(latest.value, digits)} {unit}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="trend-svg" role="img" aria-label={summary}>
        {band && <rect className="trend-band" x={PAD.left} width={W - PAD.left - PAD.right} y={y(band[1])} height={y(band[0]) - y(band[1])} />}
        <line className="trend-axis" x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
        <text className="trend-tick" x={PAD.left - 6} y={y(hi) + 4} textAnchor="end">
          {formatNumber(hi, digits)}
        </text>
        <text className="trend-tick" x={PAD.left - 6} y={y(lo) + 4} textAnchor="end">
          {formatNumber(lo, digits)}
        </text>
        <polyline className="trend-line" points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')} />
        {points.map((p, i) => (
          <circle key={i} className="trend-point" cx={x(i)} cy={y(p.value)} r={3}>
            <title>{`${formatDate(p.at)}: ${formatNumber(p.value, digits)} ${unit}`}</title>
          </circle>
        ))}
      </svg>
      <details className="trend-data">
        <summary>Show data</summary>
        <table aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">{unit}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={i}>
                <td>{formatDate(p.at)}</td>
                <td>{formatNumber(p.value, digits)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
