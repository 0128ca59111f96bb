import type { ReactNode } from 'react'
import type { SessionMetrics } from '../../../electron/core/analysis/contract.ts'
import { formatNumber, formatPercent } from '../ui/format.ts'
import { FILLER_GUIDANCE_PER_MINUTE, PACE_BANDS } from './metricBands.ts'
import { compareWithUsual, directionText, type Baseline, type BaselineMetric } from './baseline.ts'

/**
 * This session's figures, each of pace, fillers, mid-clause pauses and MATTR beside the learner's
 * own usual value (`baseline`, computed by the screen) and, where they exist, native bands.
 */
export function MetricsPanel({ metrics, baseline }: { metrics: SessionMetrics | null; baseline: Baseline }) {
  if (!metrics) {
    return (
      <section className="card" aria-labelledby="metrics-title" data-testid="metrics-panel">
        <h2 id="metrics-title">Metrics</h2>
        <p className="muted">Metrics appear once the transcript is ready.</p>
      </section>
    )
  }
  const m = metrics
  const fillerTypes = Object.entries(m.fillers.byType).sort((a, b) => b[1] - a[1])
  const usual = (metric: BaselineMetric, value: number, format: (v: number) => string, comparable = true) => (
    <UsualNote metric={metric} value={value} baseline={baseline} format={format} comparable={comparable} />
  )
  return (
    <section className="card" aria-labelledby="metrics-title" data-testid="metrics-panel">
      <h2 id="metrics-title">Metrics</h2>
      <dl className="metrics-grid">
        <Metric id="pace" label="Pace" value={`${formatNumber(m.speakingRate)} wpm`} usual={usual('pace', m.speakingRate, (v) => `${formatNumber(v)} wpm`)}>
          Native conversation is about {PACE_BANDS.conversation[0]}–{PACE_BANDS.conversation[1]} wpm, presenters{' '}
          {PACE_BANDS.presenter[0]}–{PACE_BANDS.presenter[1]}. Context, not a target.
        </Metric>
        <Metric id="articulation" label="Articulation rate" value={`${formatNumber(m.articulationRate)} wpm`}>
          Words per minute with silent pauses removed.
        </Metric>
        <Metric id="pauses" label="Pauses per minute" value={formatNumber(m.pauses.perMinute, 1)}>
          {m.pauses.count} pauses ≥ 250 ms, {m.pauses.longCount} over 1 s; mean {formatNumber(m.pauses.meanMs)} ms, longest{' '}
          {formatNumber(m.pauses.longestMs / 1000, 1)} s.
        </Metric>
        <Metric
          id="mid-clause"
          label="Mid-clause pauses per minute"
          value={formatNumber(m.pauses.midClausePerMinute, 1)}
          usual={usual('midClause', m.pauses.midClausePerMinute, (v) => formatNumber(v, 1))}
        >
          {formatPercent(m.pauses.midClauseShare)} of pauses fall inside a clause rather than at a boundary; fewer reads as more fluent.
        </Metric>
        <Metric
          id="fillers"
          label="Fillers per minute"
          value={formatNumber(m.fillers.perMinute, 1)}
          usual={usual('fillers', m.fillers.perMinute, (v) => formatNumber(v, 1))}
        >
          {formatNumber(m.fillers.per100Words, 1)} per 100 words. Soft guidance: about {FILLER_GUIDANCE_PER_MINUTE} per minute.
          {fillerTypes.length > 0 && (
            <span className="filler-types" data-testid="filler-types">
              {fillerTypes.map(([type, count]) => (
                <span key={type} className="badge">
                  {type} × {count}
                </span>
              ))}
            </span>
          )}
        </Metric>
        <Metric
          id="mattr"
          label="Lexical diversity (MATTR)"
          value={formatNumber(m.lexicalDiversity.mattr, 2)}
          usual={usual('mattr', m.lexicalDiversity.mattr, (v) => formatNumber(v, 2), !m.lexicalDiversity.lowConfidence)}
        >
          {m.lexicalDiversity.lowConfidence ? (
            <span data-testid="mattr-low-confidence">Low confidence: fewer than 100 words were spoken.</span>
          ) : (
            'Moving-average type-token ratio over 50-word windows; compare with your own sessions.'
          )}
        </Metric>
        <Metric id="run" label="Mean length of run" value={`${formatNumber(m.meanLengthOfRun, 1)} words`}>
          Words between silent pauses.
        </Metric>
        <Metric id="repeats" label="Repeats" value={String(m.repetition.immediateRepeats)}>
          {m.repetition.examples.length > 0 ? `Immediate repeats such as “${m.repetition.examples.slice(0, 3).join('”, “')}”.` : 'No immediate repeats.'}
          {m.repetition.topPhrases.length > 0 && (
            <> Most repeated: {m.repetition.topPhrases.slice(0, 3).map((p) => `“${p.phrase}” × ${p.count}`).join(', ')}.</>
          )}
        </Metric>
      </dl>
    </section>
  )
}

function Metric({ id, label, value, usual, children }: { id: string; label: string; value: string; usual?: ReactNode; children: ReactNode }) {
  return (
    <div className="metric" data-testid={`metric-${id}`}>
      <dt>{label}</dt>
      <dd>
        <span className="metric-value">{value}</span>
        {usual}
        <span className="metric-note">{children}</span>
      </dd>
    </div>
  )
}

const ARROWS = { up: '▲', down: '▼', same: '=' } as const

/** "Your usual: 118 wpm · ▲ faster than usual", or why there is no usual value yet. */
function UsualNote({
  metric,
  value,
  baseline,
  format,
  comparable
}: {
  metric: BaselineMetric
  value: number
  baseline: Baseline
  format: (v: number) => string
  /** False when this session's value is too uncertain to call a change (a short session's MATTR). */
  comparable: boolean
}) {
  if (baseline.kind === 'unknown') return null
  const usual = baseline.kind === 'usual' ? baseline.usual[metric] : null
  if (!usual) {
    return (
      <span className="metric-usual muted" data-testid={`usual-${metric}`} data-direction="none">
        No baseline yet
        {baseline.kind === 'usual' && metric === 'mattr' && ': your earlier sessions were under 100 words'}
      </span>
    )
  }
  const direction = comparable ? compareWithUsual(metric, value, usual.value) : null
  const over = usual.sessions === 1 ? 'last session' : `last ${usual.sessions} sessions`
  return (
    <span className="metric-usual" data-testid={`usual-${metric}`} data-direction={direction ?? 'none'} data-usual={usual.value}>
      Your usual: {format(usual.value)} <span className="muted">({over})</span>
      {direction && (
        <span className="usual-direction">
          {' · '}
          <span aria-hidden="true">{ARROWS[direction]} </span>
          {directionText(metric, direction)}
        </span>
      )}
    </span>
  )
}
