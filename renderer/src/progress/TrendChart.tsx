import { useEffect, useId, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { readChartColors, useThemeVersion, type ChartColors } from './chartTheme.ts'
import { valueRange } from './chartScale.ts'
import { formatDateTime, formatNumber } from '../ui/format.ts'

export interface ChartPoint {
  at: string
  value: number
  /** Drawn with a ring and flagged in the table (MATTR from under 100 words). */
  lowConfidence?: boolean
}

interface TrendChartProps {
  title: string
  unit: string
  points: ChartPoint[]
  digits?: number
  /** A reference band drawn behind the line (native pace): context, not a target. */
  band?: readonly [number, number]
  /** A dashed reference line (soft filler guidance). */
  guide?: number
  /** One sentence under the chart saying what the band, line or rings mean. */
  note?: string
  testId: string
}

const HEIGHT = 180
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' })

/**
 * One metric over time, drawn with uPlot on a canvas in the theme's token colours (redrawn when
 * the theme changes). The numbers are also in a "Show data" table, the accessible form of the chart.
 */
export function TrendChart({ title, unit, points, digits = 0, band, guide, note, testId }: TrendChartProps) {
  const titleId = useId()
  const host = useRef<HTMLDivElement>(null)
  const readout = useRef<HTMLParagraphElement>(null)
  const themeVersion = useThemeVersion()

  useEffect(() => {
    const el = host.current
    if (!el || points.length === 0) return
    const colors = readChartColors()
    const show = (idx: number | null | undefined) => {
      const p = idx == null ? undefined : points[idx]
      if (readout.current) readout.current.textContent = p ? `${formatDateTime(p.at)}: ${formatNumber(p.value, digits)} ${unit}` : '\u00a0'
    }
    const chart = new uPlot(chartOptions({ colors, width: el.clientWidth || 300, points, band, guide, onCursor: show }), chartData(points), el)
    const resize = new ResizeObserver(() => {
      if (el.clientWidth > 0 && el.clientWidth !== chart.width) chart.setSize({ width: el.clientWidth, height: HEIGHT })
    })
    resize.observe(el)
    return () => {
      resize.disconnect()
      chart.destroy()
    }
  }, [points, digits, unit, band, guide, themeVersion])

  if (points.length === 0) {
    return (
      <figure className="card trend" data-testid={testId} data-points={0}>
        <figcaption className="trend-title">{title}</figcaption>
        <p className="muted trend-empty">No finished sessions with metrics yet.</p>
      </figure>
    )
  }

  const first = points[0]!
  const latest = points[points.length - 1]!
  const summary =
    points.length === 1
      ? `${title}: one session, ${formatNumber(latest.value, digits)} ${unit}.`
      : `${title}: ${points.length} sessions, from ${formatNumber(first.value, digits)} to ${formatNumber(latest.value, digits)} ${unit}.`
  const anyLow = points.some((p) => p.lowConfidence)

  return (
    <figure className="card trend" data-testid={testId} data-points={points.length}>
      <figcaption className="trend-title" id={titleId}>
        {title}{' '}
        <span className="trend-latest">
          {formatNumber(latest.value, digits)} {unit}
        </span>
      </figcaption>
      <div ref={host} className="trend-chart" role="img" aria-label={summary} data-testid="trend-chart" />
      <p ref={readout} className="muted trend-readout" aria-hidden="true">
        {'\u00a0'}
      </p>
      {note && <p className="muted trend-chart-note">{note}</p>}
      <details className="trend-data">
        <summary>Show data</summary>
        <table aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">{unit}</th>
              {anyLow && <th scope="col">Confidence</th>}
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={i}>
                <td>{formatDateTime(p.at)}</td>
                <td>{formatNumber(p.value, digits)}</td>
                {anyLow && <td>{p.lowConfidence ? 'Low (under 100 words)' : 'Normal'}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}

// x is the session's index, not its time: sessions a few minutes apart must not collapse onto one
// spot, and a week without practice is not part of a metric's trend. Ticks carry the dates.
function chartData(points: ChartPoint[]): uPlot.AlignedData {
  const xs = points.map((_, i) => i)
  const ys = points.map((p) => p.value)
  if (!points.some((p) => p.lowConfidence)) return [xs, ys]
  return [xs, ys, points.map((p) => (p.lowConfidence ? p.value : null))]
}

function chartOptions(o: {
  colors: ChartColors
  width: number
  points: ChartPoint[]
  band?: readonly [number, number]
  guide?: number
  onCursor: (idx: number | null | undefined) => void
}): uPlot.Options {
  const { colors, band, guide } = o
  const axis: uPlot.Axis = {
    stroke: colors.muted,
    font: colors.font,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.axis, width: 1, size: 4 }
  }
  const series: uPlot.Series[] = [
    {},
    { label: 'value', stroke: colors.series, width: 2, points: { show: true, size: 7, width: 2, stroke: colors.series, fill: colors.surface } }
  ]
  if (o.points.some((p) => p.lowConfidence)) {
    // Rings over the low-confidence points only; no line of their own.
    series.push({ label: 'low confidence', stroke: colors.guide, paths: () => null, points: { show: true, size: 12, width: 2, stroke: colors.guide, fill: colors.surface } })
  }
  return {
    width: o.width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 9 } },
    scales: {
      x: { time: false, range: (_u, min, max) => [min - 0.4, max + 0.4] },
      y: { range: (_u, min, max) => valueRange(min, max, [...(band ?? []), ...(guide === undefined ? [] : [guide])]) }
    },
    axes: [
      {
        ...axis,
        splits: (u) => sessionTicks(o.points.length, u.bbox.width / devicePixelRatio),
        values: (_u, splits) => splits.map((i) => (o.points[i] ? shortDate.format(new Date(o.points[i]!.at)) : ''))
      },
      { ...axis, size: 46, values: (_u, splits) => splits.map((v) => formatNumber(v, tickDecimals(splits))) }
    ],
    series,
    hooks: {
      drawClear: [(u) => drawReferences(u, colors, band, guide)],
      setCursor: [(u) => o.onCursor(u.cursor.idx)]
    }
  }
}

/** Just enough decimals to tell neighbouring ticks apart (0.05 steps get two, 20 steps none). */
function tickDecimals(splits: number[]): number {
  const step = splits.length > 1 ? Math.abs(splits[1]! - splits[0]!) : 1
  return step > 0 ? Math.min(3, Math.max(0, -Math.floor(Math.log10(step) + 1e-9))) : 0
}

/** Every session's index when they fit, else every n-th, about one label per 72 px. */
function sessionTicks(count: number, widthPx: number): number[] {
  const step = Math.max(1, Math.ceil(count / Math.max(1, Math.floor(widthPx / 72))))
  const ticks: number[] = []
  for (let i = 0; i < count; i += step) ticks.push(i)
  return ticks
}

function drawReferences(u: uPlot, colors: ChartColors, band?: readonly [number, number], guide?: number): void {
  const { ctx, bbox } = u
  ctx.save()
  if (band) {
    const top = u.valToPos(band[1], 'y', true)
    const bottom = u.valToPos(band[0], 'y', true)
    ctx.fillStyle = colors.band
    ctx.fillRect(bbox.left, top, bbox.width, bottom - top)
  }
  if (guide !== undefined) {
    const y = Math.round(u.valToPos(guide, 'y', true)) + 0.5
    ctx.strokeStyle = colors.guide
    ctx.lineWidth = Math.max(1, devicePixelRatio)
    ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio])
    ctx.beginPath()
    ctx.moveTo(bbox.left, y)
    ctx.lineTo(bbox.left + bbox.width, y)
    ctx.stroke()
  }
  ctx.restore()
}
