import type { ReactNode } from 'react'
import type { SessionMetrics } from '../../../electron/core/analysis/contract.ts'
import { formatNumber, formatPercent } from '../ui/format.ts'
import { FILLER_GUIDANCE_PER_MINUTE, PACE_BANDS } from './metricBands.ts'


export function MetricsPanel({ metrics }: { metrics: SessionMetrics | null }) {
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
  return (
    <section className="card" aria-labelledby="metrics-title" data-testid="metrics-panel">
      <h2 id="metrics-title">Metrics</h2>
      <dl className="metrics-grid">
        <Metric id="pace" label="Pace" value={`${formatNumber(m.speakingRate)} wpm`}>
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
        <Metric id="mid-clause" label="Mid-clause pauses" value={formatPercent(m.pauses.midClauseShare)}>
          Share of pauses inside a clause rather than at a boundary; fewer reads as more fluent.
        </Metric>
        <Metric id="fillers" label="Fillers per minute" value={formatNumber(m.fillers.perMinute, 1)}>
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
        <Metric id="mattr" label="Lexical diversity (MATTR)" value={formatNumber(m.lexicalDiversity.mattr, 2)}>
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

function Metric({ id, label, value, children }: { id: string; label: string; value: string; children: ReactNode }) {
  return (
    <div className="metric" data-testid={`metric-${id}`}>
      <dt>{label}</dt>
      <dd>
        <span className="metric-value">{value}</span>
        <span className="metric-note">{children}</span>
      </dd>
    </div>
  )
}
