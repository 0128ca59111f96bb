import { useCallback, useEffect, useRef, useState } from 'react'
import { SESSION_STATUSES } from '../../../electron/shared/contract.ts'
import { useHistory, watchHistory } from './store.ts'
import { isFiltered, isRangeInverted } from './filters.ts'
import { useSessions } from '../sessions/store.ts'
import { errorMessage } from '../api/client.ts'
import { announce } from '../shell/announcer.ts'
import { hrefOf, navigate } from '../shell/route.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { StatusBadge } from '../ui/StatusBadge.tsx'
import { EmptyState, ErrorState, Skeleton } from '../ui/States.tsx'
import { STATUS_LABELS } from '../ui/status.ts'
import { formatDateTime, formatDuration, plural } from '../ui/format.ts'
import { VirtualList } from './VirtualList.tsx'
import './history.css'

const ROW_HEIGHT = 64

export function HistoryScreen() {
  const { filter, total, ids, loading, error, filterVersion, patterns, setQuery, toggleStatus, setDates, setPattern, clearFilter, ensureRange, reload } =
    useHistory()
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)
  const list = useRef<HTMLDivElement>(null)

  useEffect(() => {
    watchHistory()
    // Coming back to the screen: refresh what is there instead of flashing skeletons.
    const state = useHistory.getState()
    if (state.total === null) state.reload()
    else state.refresh()
    void state.loadPatterns()
  }, [])

  const onActivate = useCallback((index: number) => {
    const id = useHistory.getState().ids[index]
    if (id) navigate({ name: 'session', id })
  }, [])

  const retry = useCallback(async (id: string) => {
    setActionError(null)
    try {
      await useSessions.getState().retry(id)
      announce('Retry started')
    } catch (e) {
      setActionError(`The session could not be retried: ${errorMessage(e)}`)
    }
  }, [])

  const rowKey = useCallback((index: number) => ids[index] ?? `pending-${index}`, [ids])
  const renderRow = useCallback(
    (index: number, active: boolean) => (
      <HistoryRow id={ids[index] ?? null} active={active} onRetry={(id) => void retry(id)} onDelete={setConfirmDelete} />
    ),
    [ids, retry]
  )

  const deleteConfirmed = async (id: string) => {
    setConfirmDelete(null)
    setActionError(null)
    try {
      await useSessions.getState().remove(id)
      announce('Session deleted')
      useHistory.getState().refresh()
      // The row and its button are gone: keep focus in the list rather than on the page body.
      list.current?.querySelector<HTMLElement>('[role="list"]')?.focus()
    } catch (e) {
      setActionError(`The session could not be deleted: ${errorMessage(e)}`)
    }
  }

  const filtered = isFiltered(filter)
  const inverted = isRangeInverted(filter)
  const pendingSummary = confirmDelete ? useSessions.getState().byId[confirmDelete] : undefined

  return (
    <div className="screen history-screen">
      <header className="screen-header">
        <h1 tabIndex={-1}>History</h1>
        <p className="muted" data-testid="history-total">
          {total === null ? '\u00a0' : plural(total, 'session')}
        </p>
      </header>
      <div className="history-filters" role="search" aria-label="Filter sessions">
        <div className="field history-search-field">
          <label htmlFor="history-search">Search</label>
          <input
            id="history-search"
            type="search"
            value={filter.query}
            placeholder="Topic or words from the transcript"
            onChange={(e) => setQuery(e.target.value)}
            data-testid="history-search"
          />
        </div>
        <div className="field">
          <label htmlFor="history-pattern">Pattern</label>
          <select id="history-pattern" value={filter.patternKey} onChange={(e) => setPattern(e.target.value)} data-testid="history-pattern">
            <option value="">Any pattern</option>
            {patterns.map((p) => (
              <option key={p.patternKey} value={p.patternKey}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="history-from">From</label>
          <input
            id="history-from"
            type="date"
            value={filter.fromDate}
            max={filter.toDate || undefined}
            aria-invalid={inverted || undefined}
            aria-describedby={inverted ? 'history-range-error' : undefined}
            onChange={(e) => setDates({ fromDate: e.target.value })}
            data-testid="history-from"
          />
        </div>
        <div className="field">
          <label htmlFor="history-to">To</label>
          <input
            id="history-to"
            type="date"
            value={filter.toDate}
            min={filter.fromDate || undefined}
            aria-invalid={inverted || undefined}
            aria-describedby={inverted ? 'history-range-error' : undefined}
            onChange={(e) => setDates({ toDate: e.target.value })}
            data-testid="history-to"
          />
        </div>
        <fieldset className="history-statuses" data-testid="history-statuses">
          <legend>Status</legend>
          <div className="chip-row">
            {SESSION_STATUSES.map((s) => (
              <label key={s} className="chip">
                <input type="checkbox" checked={filter.statuses.includes(s)} onChange={() => toggleStatus(s)} data-testid={`history-status-${s}`} />
                {STATUS_LABELS[s]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="history-clear">
          <button type="button" className="btn btn-quiet" disabled={!filtered} onClick={clearFilter} data-testid="history-clear">
            Clear filters
          </button>
        </div>
      </div>
      {inverted && (
        <p className="field-error" id="history-range-error" role="alert">
          The “From” date is after the “To” date, so no session can match.
        </p>
      )}

      {error && <ErrorState message={`Sessions could not be loaded: ${error}`} onRetry={reload} />}
      {actionError && (
        <p className="alert alert-error" role="alert" data-testid="history-action-error">
          {actionError}
        </p>
      )}
      {total === null && !error && (
        <div className="vlist vlist-loading" aria-busy="true">
          <Skeleton lines={6} height={44} />
        </div>
      )}
      {total === 0 &&
        (filtered ? (
          <EmptyState title="No sessions match" testId="history-empty">
            <p>Try other words, more statuses, a wider date range or another pattern.</p>
            <button type="button" className="btn" onClick={clearFilter}>
              Clear filters
            </button>
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
        <div ref={list} className="vlist-host">
          <VirtualList
            count={total}
            rowHeight={ROW_HEIGHT}
            label="Sessions"
            rowKey={rowKey}
            renderRow={renderRow}
            onRangeChange={ensureRange}
            onActivate={onActivate}
            resetKey={filterVersion}
            busy={loading}
            testId="history-list"
          />
        </div>
      )}

      <ConfirmDialog
        open={confirmDelete !== null}
        title="Delete this session?"
        body={`${pendingSummary?.topic ? `“${pendingSummary.topic}”: its` : 'Its'} audio, transcript and analysis are deleted from this computer and the pattern profile is updated. This cannot be undone.`}
        confirmLabel="Delete session"
        danger
        onConfirm={() => confirmDelete && void deleteConfirmed(confirmDelete)}
        onCancel={() => setConfirmDelete(null)}
      />
    </div>
  )
}

interface HistoryRowProps {
  id: string | null
  active: boolean
  onRetry: (id: string) => void
  onDelete: (id: string) => void
}

function HistoryRow({ id, active, onRetry, onDelete }: HistoryRowProps) {
  const summary = useSessions((s) => (id ? s.byId[id] : undefined))
  if (!summary) {
    return (
      <div className="history-row" aria-hidden="true">
        <div className="skeleton history-row-skeleton" />
      </div>
    )
  }
  const title = summary.topic || 'Untitled session'
  const when = formatDateTime(summary.createdAt)
  const tab = active ? 0 : -1
  return (
    <div className="history-row" data-testid="history-row" data-session-id={summary.id} data-status={summary.status}>
      <div className="history-row-main">
        <a className="history-row-title" href={hrefOf({ name: 'session', id: summary.id })} tabIndex={tab} data-row-primary>
          {title}
        </a>
        <span className="muted history-row-meta">
          {when} · {formatDuration(summary.durationMs)}
          {summary.wordCount != null && ` · ${summary.wordCount} words`}
          {summary.status === 'DONE' && ` · ${plural(summary.insightCount, 'pattern')}`}
          {summary.status === 'FAILED' && summary.errorMessage && ` · ${summary.errorMessage}`}
        </span>
      </div>
      <StatusBadge status={summary.status} />
      <div className="history-row-actions">
        {summary.status === 'FAILED' && (
          <button type="button" className="btn btn-small" tabIndex={tab} onClick={() => onRetry(summary.id)} aria-label={`Retry ${title}, ${when}`} data-testid="row-retry">
            Retry
          </button>
        )}
        <button
          type="button"
          className="btn btn-small btn-quiet btn-danger-quiet"
          tabIndex={tab}
          onClick={() => onDelete(summary.id)}
          aria-label={`Delete ${title}, ${when}`}
          data-testid="row-delete"
        >
          Delete
        </button>
      </div>
    </div>
  )
}
