import { useEffect, useMemo, useState } from 'react'
import type { SessionDetail } from '../../../electron/shared/contract.ts'
import { useSessions } from '../sessions/store.ts'
import { errorMessage } from '../api/client.ts'
import { announce } from '../shell/announcer.ts'
import { navigate } from '../shell/route.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { EmptyState, ErrorState, Skeleton } from '../ui/States.tsx'
import { StatusBadge } from '../ui/StatusBadge.tsx'
import { isProcessing } from '../ui/status.ts'
import { formatDateTime, formatDuration } from '../ui/format.ts'
import { StageTimeline } from './StageTimeline.tsx'
import { failureTitle, retryExplanation } from './stages.ts'
import { FocusCards } from './FocusCards.tsx'
import { Insights } from './Insights.tsx'
import { MetricsPanel } from './MetricsPanel.tsx'
import { baselineFor } from './baseline.ts'
import { useBaselineTrends } from './store.ts'
import { Transcript } from './Transcript.tsx'
import { Ledger } from './Ledger.tsx'
import { exportFileName, sessionJson, sessionMarkdown } from './exportSession.ts'
import { downloadText } from '../ui/download.ts'
import './session.css'

export function SessionScreen({ id }: { id: string }) {
  const entry = useSessions((s) => s.details[id])
  const loadDetail = useSessions((s) => s.loadDetail)

  useEffect(() => {
    void loadDetail(id)
  }, [id, loadDetail])

  if (!entry?.detail) {
    return (
      <div className="screen session-screen" aria-busy={!entry?.error}>
        <h1 tabIndex={-1}>Session</h1>
        {entry?.error ? (
          entry.error.toLowerCase().includes('not found') ? (
            <EmptyState title="This session no longer exists">
              <a href="#/history">Back to history</a>
            </EmptyState>
          ) : (
            <ErrorState message={`The session could not be loaded: ${entry.error}`} onRetry={() => void loadDetail(id)} />
          )
        ) : (
          <Skeleton lines={8} height={20} />
        )}
      </div>
    )
  }
  return <SessionView detail={entry.detail} />
}

function SessionView({ detail }: { detail: SessionDetail }) {
  const { retry, reanalyze, cancel, remove } = useSessions()
  const transcribePercent = useSessions((s) => s.progress[detail.id])
  const [activeQuote, setActiveQuote] = useState<string | null>(null)
  const [activation, setActivation] = useState(0)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [busy, setBusy] = useState(false)
  const [actionError, setActionError] = useState<string | null>(null)

  const run = async (label: string, action: () => Promise<void>) => {
    setBusy(true)
    setActionError(null)
    try {
      await action()
      announce(label)
    } catch (error) {
      setActionError(errorMessage(error))
    } finally {
      setBusy(false)
    }
  }

  const done = detail.status === 'DONE'
  const failed = detail.status === 'FAILED'
  const processing = isProcessing(detail.status)
  // Main re-analyses only finished sessions; a failed one with a transcript is resumed by Retry.
  const canReanalyze = done && detail.transcript !== null

  const showMetrics = done || detail.metrics !== null
  const loadTrends = useBaselineTrends((s) => s.load)
  const trendPoints = useBaselineTrends((s) => s.points)
  const trendsComplete = useBaselineTrends((s) => s.complete)
  // Fetched again per session and status: a session finished elsewhere moves every later baseline.
  useEffect(() => {
    if (showMetrics) void loadTrends()
  }, [detail.id, detail.status, showMetrics, loadTrends])
  const baseline = useMemo(
    () => (trendPoints ? baselineFor(trendPoints, detail, trendsComplete) : ({ kind: 'unknown' } as const)),
    [trendPoints, trendsComplete, detail]
  )

  return (
    <div className="screen session-screen" data-testid="session-screen" data-session-id={detail.id}>
      <header className="screen-header">
        <div>
          <h1 tabIndex={-1}>{detail.topic || 'Session'}</h1>
          <p className="muted session-meta">
            {formatDateTime(detail.createdAt)} · {formatDuration(detail.durationMs)}
            {detail.wordCount != null && ` · ${detail.wordCount} words`} · <StatusBadge status={detail.status} />
          </p>
        </div>
        <div className="btn-row session-actions">
          {processing && (
            <button type="button" className="btn" disabled={busy} onClick={() => void run('Processing cancelled', () => cancel(detail.id))} data-testid="cancel-button">
              Cancel processing
            </button>
          )}
          <button type="button" className="btn" disabled={!canReanalyze || busy} onClick={() => void run('Re-analysis started', () => reanalyze(detail.id))} data-testid="reanalyze-button">
            Re-analyse
          </button>
          <button type="button" className="btn" onClick={() => downloadText(exportFileName(detail, 'json'), sessionJson(detail), 'application/json')} data-testid="export-json-button">
            Export JSON
          </button>
          <button type="button" className="btn" onClick={() => downloadText(exportFileName(detail, 'md'), sessionMarkdown(detail), 'text/markdown')} data-testid="export-markdown-button">
            Export Markdown
          </button>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => setConfirmDelete(true)} data-testid="delete-button">
            Delete
          </button>
        </div>
      </header>

      <StageTimeline status={detail.status} failedStage={detail.failedStage} hasTranscript={detail.transcript !== null} transcribePercent={transcribePercent} />

      {actionError && (
        <p className="alert alert-error" role="alert">
          {actionError}
        </p>
      )}

      {failed && (
        <section className="alert alert-error session-error" aria-labelledby="failure-title" data-testid="session-error" data-failed-stage={detail.failedStage ?? undefined}>
          <h2 id="failure-title">{failureTitle(detail.failedStage, detail.errorMessage)}</h2>
          <p data-testid="error-message">{detail.errorMessage ?? 'Something went wrong.'}</p>
          {detail.errorHint && <p data-testid="error-hint">{detail.errorHint}</p>}
          <p className="muted" data-testid="retry-explanation">
            {retryExplanation(detail.failedStage, detail.transcript !== null, detail.audioPresent)}
          </p>
          <button type="button" className="btn btn-primary" disabled={busy || (detail.transcript === null && !detail.audioPresent)} onClick={() => void run('Retry started', () => retry(detail.id))} data-testid="retry-button">
            Retry
          </button>
        </section>
      )}

      {!done && !failed && (
        <p className="muted processing-note" data-testid="processing-note">
          You can keep working; this page updates by itself when each stage finishes.
        </p>
      )}

      {done && (
        <>
          <section className="card summary-card" aria-labelledby="summary-title" data-testid="summary">
            <h2 id="summary-title">Summary</h2>
            <p>{detail.summary}</p>
            {detail.strengths.length > 0 && (
              <>
                <h3>Strengths</h3>
                <ul data-testid="strengths">
                  {detail.strengths.map((s, i) => (
                    <li key={i}>{s}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <FocusCards detail={detail} />
          <Insights
            insights={detail.insights}
            activeQuote={activeQuote}
            onQuote={(id) => {
              setActiveQuote(id)
              setActivation((n) => n + 1)
            }}
          />
        </>
      )}

      {showMetrics && <MetricsPanel metrics={detail.metrics} baseline={baseline} />}
      <Transcript detail={detail} activeQuote={activeQuote} activation={activation} />
      <Ledger detail={detail} />

      <ConfirmDialog
        open={confirmDelete}
        title="Delete this session?"
        body="Its audio, transcript and analysis are deleted from this computer and the pattern profile is updated. This cannot be undone."
        confirmLabel="Delete session"
        danger
        onConfirm={() => {
          setConfirmDelete(false)
          void run('Session deleted', async () => {
            await remove(detail.id)
            navigate({ name: 'history' })
          })
        }}
        onCancel={() => setConfirmDelete(false)}
      />
    </div>
  )
}
