/** A pattern's occurrences in each of the latest finished sessions, as small bars (oldest left). */
export function PatternTrend({ trend }: { trend: number[] }) {
  if (trend.length === 0) return <span className="muted">No finished sessions</span>
  const max = Math.max(1, ...trend)
  const width = trend.length * 8
  const label = `Occurrences in your last ${trend.length} sessions, oldest first: ${trend.join(', ')}`
  return (
    <svg className="pattern-trend" width={width} height={20} viewBox={`0 0 ${width} 20`} role="img" aria-label={label} data-testid="pattern-trend" data-values={trend.join(',')}>
      {trend.map((value, i) => {
        const height = value === 0 ? 1 : Math.max(3, Math.round((value / max) * 18))
        return <rect key={i} x={i * 8 + 1} y={20 - height} width={6} height={height} className={value === 0 ? 'pattern-trend-empty' : 'pattern-trend-bar'} />
      })}
    </svg>
  )
}
