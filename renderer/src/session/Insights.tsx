import type { InsightView } from '../../../electron/shared/contract.ts'
import { capitalize } from '../ui/format.ts'
import { groupInsights, quoteId } from './insightOrder.ts'

interface InsightsProps {
  insights: InsightView[]
  activeQuote: string | null
  onQuote: (id: string) => void
}

export function Insights({ insights, activeQuote, onQuote }: InsightsProps) {
  if (insights.length === 0) {
    return (
      <section className="card" aria-labelledby="insights-title" data-testid="insights">
        <h2 id="insights-title">Patterns</h2>
        <p className="muted" data-testid="insights-empty">
          No recurring patterns were found in this session. Keep going!
        </p>
      </section>
    )
  }
  return (
    <section aria-labelledby="insights-title" data-testid="insights">
      <h2 id="insights-title">Patterns</h2>
      {groupInsights(insights).map((group) => (
        <section key={group.category} className="insight-group" aria-labelledby={`group-${group.category}`} data-testid={`insight-group-${group.category}`}>
          <h3 id={`group-${group.category}`}>{capitalize(group.category)}</h3>
          <ul className="insight-list">
            {group.insights.map((insight) => (
              <li key={insight.id}>
                <InsightCard insight={insight} activeQuote={activeQuote} onQuote={onQuote} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  )
}

function InsightCard({ insight, activeQuote, onQuote }: { insight: InsightView; activeQuote: string | null; onQuote: (id: string) => void }) {
  const titleId = `insight-${insight.id}`
  return (
    <article
      className={`card insight-card severity-${insight.severity}`}
      aria-labelledby={titleId}
      data-testid="insight-card"
      data-pattern-key={insight.patternKey}
      data-severity={insight.severity}
    >
      <header className="insight-header">
        <h4 id={titleId}>{insight.pattern}</h4>
        <span className={`badge severity-badge severity-badge-${insight.severity}`}>{capitalize(insight.severity)}</span>
        <span className="muted insight-frequency">{insight.frequency}× in this session</span>
      </header>
      {insight.detail && <p>{insight.detail}</p>}
      <ul className="examples" aria-label="Examples from your speech">
        {insight.examples.map((example, i) => {
          const id = quoteId(insight, i)
          return (
            <li key={id} className="example">
              <button
                type="button"
                className={`quote${activeQuote === id ? ' quote-active' : ''}`}
                aria-label={`Show in transcript: ${example.quote}`}
                aria-pressed={activeQuote === id}
                data-testid="insight-quote"
                onClick={() => onQuote(id)}
              >
                “{example.quote}”
              </button>
              {example.correction && (
                <span className="correction" data-testid="insight-correction">
                  <span aria-hidden="true">→ </span>
                  <span className="visually-hidden">Correction: </span>
                  {example.correction}
                </span>
              )}
            </li>
          )
        })}
      </ul>
      {insight.suggestion && (
        <p className="suggestion" data-testid="insight-suggestion">
          <strong>Try this:</strong> {insight.suggestion}
        </p>
      )}
    </article>
  )
}
