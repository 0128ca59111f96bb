import { useCallback, useEffect } from 'react'
import { SESSION_STATUSES, type SessionStatus } from '../../../electron/shared/contract.ts'
import { useHistory, watchHistory } from './store.ts'
import { useSessions } from '../sessions/store.ts'
import { navigate } from '../shell/route.ts'
import { StatusBadge } from '../ui/StatusBadge.tsx'
import { EmptyState, ErrorState, Skeleton } from '../ui/States.tsx'
import { STATUS_LABELS } from '../ui/status.ts'
import { formatDateTime, formatDuration, plural } from '../ui/format.ts'
import { VirtualList } from './VirtualList.tsx'
import './history.css'

const ROW_HEIGHT = 64

export function HistoryScreen() {
  const { query, status, total, ids, error, setQuery, setStatus, ensureRange, reload } = useHistory()

  useEffect(() => {
    watchHistory()
    // Coming back to the screen: refresh what is there instead of flashing skeletons.
    const state = useHistory.getState()
    if (state.total === null) state.reload()
    else state.refresh()
  }, [])

  const onActivate = useCallback((index: number) => {
    const id = useHistory.getState().ids[index]
    if (id) navigate({ name: 'session', id })
  }, [])
  const rowKey = useCallback((index: number) => ids[index] ?? `pending-${index}`, [ids])
  const renderRow = useCallback((index: number) => <HistoryRow id={ids[index] ?? null} />, [ids])

  const filtered = query.trim() !== '' || status !== ''

  return (
    <div className="screen history-screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>History</h1>
        <p className="muted" data-testid="history-total">
          {total === null ? '\u00a0' : plural(total, 'session')}
        </p>
      </header>
      <div className="history-filters" role="search">
        <div className="field">
          <label htmlFor="history-search">Search</label>
          <input
            id="history-search"
            type="search"
            value={query}
            placeholder="Topic or words from the transcript"
            onChange={(e) => setQuery(e.target.value)}
            data-testid="history-search"
          />
        </div>
        <div className="field">
          <label htmlFor="history-status">Status</label>
          <select id="history-status" value={status} onChange={(e) => setStatus(e.target.value as SessionStatus | '')} data-testid="history-status">
            <option value="">All</option>
            {SESSION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
      </div>

      {error && <ErrorState message={`Sessions could not be loaded: ${error}`} onRetry={reload} />}
      {total === null && !error && (
        <div className="vlist vlist-loading" aria-busy="true">
          <Skeleton lines={6} height={44} />
        </div>
      )}
      {total === 0 &&
        (filtered ? (
          <EmptyState title="No sessions match" testId="history-empty">
            <p>Try other words or another status.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No sessions yet" testId="history-empty">
            <p>Record yourself speaking for a few minutes to get your first analysis.</p>
            <a className="btn btn-primary" href="#/record">
              Record a session
            </a>
          </EmptyState>
        ))}
      {total !== null && total > 0 && (
        <VirtualList
          count={total}
          rowHeight={ROW_HEIGHT}
          label="Sessions"
          rowKey={rowKey}
          renderRow={renderRow}
          onRangeChange={ensureRange}
          onActivate={onActivate}
          testId="history-list"
        />
      )}
    </div>
  )
}

function HistoryRow({ id }: { id: string | null }) {
  const summary = useSessions((s) => (id ? s.byId[id] : undefined))
  if (!summary) {
    return (
      <div className="history-row" aria-hidden="true">
        <div className="skeleton history-row-skeleton" />
      </div>
    )
  }
  return (
    <div className="history-row" data-testid="history-row" data-session-id={summary.id} data-status={summary.status}>
      <div className="history-row-main">
        <span className="history-row-title">{summary.topic || 'Untitled session'}</span>
        <span className="muted history-row-meta">
          {formatDateTime(summary.createdAt)} · {formatDuration(summary.durationMs)}
          {summary.wordCount != null && ` · ${summary.wordCount} words`}
          {summary.status === 'DONE' && ` · ${plural(summary.insightCount, 'pattern')}`}
        </span>
      </div>
      <StatusBadge status={summary.status} />
    </div>
  )
}
