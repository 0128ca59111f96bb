import type { AttemptView, HeardMark } from '../../../electron/shared/contract.ts'
import { formatDate } from '../ui/format.ts'

const MARK_NOTE: Partial<Record<Exclude<HeardMark, null>, string>> = {
  expected: 'corrected form',
  wrong: 'form to avoid',
  filler: 'filler, ignored',
  restart: 'restart, ignored'
}

/** The verdict on one attempt: what was heard (marked word by word), the expected forms, and why. */
export function AttemptResult({ attempt, onRetry }: { attempt: AttemptView; onRetry: () => void }) {
  if (attempt.status === 'RECORDING' || attempt.status === 'TRANSCRIBING') {
    return (
      <p className="attempt-pending" role="status" data-testid="attempt-pending">
        <span className="spinner" aria-hidden="true" /> Checking what you said…
      </p>
    )
  }
  if (attempt.status === 'FAILED' || !attempt.judgement) {
    return (
      <div className="alert alert-error" role="alert" data-testid="attempt-failed">
        <p>{attempt.errorMessage ?? 'This attempt could not be checked.'}</p>
        {attempt.errorHint && <p className="muted">{attempt.errorHint}</p>}
        <div className="btn-row">
          <button type="button" className="btn" onClick={onRetry} data-testid="attempt-retry">
            Retry
          </button>
        </div>
      </div>
    )
  }
  const j = attempt.judgement
  return (
    <div className={`attempt-result ${j.passed ? 'attempt-passed' : 'attempt-not-yet'}`} data-testid="attempt-result" data-passed={j.passed}>
      <h3 className="attempt-verdict" data-testid="attempt-verdict">
        {j.passed ? '✓ Passed' : 'Not yet'}
      </h3>
      <p data-testid="attempt-reason">{j.reason}</p>
      <p className="attempt-heard">
        <span className="attempt-label">We heard:</span>{' '}
        <span data-testid="attempt-heard">
          {j.heard.map((word, i) => (
            <span key={i}>
              {i > 0 && ' '}
              {word.mark ? (
                <mark className={`heard heard-${word.mark}`} data-mark={word.mark}>
                  {word.text}
                  <span className="visually-hidden"> ({MARK_NOTE[word.mark]})</span>
                </mark>
              ) : (
                word.text
              )}
            </span>
          ))}
        </span>
      </p>
      <dl className="attempt-forms">
        <dt>Expected</dt>
        <dd data-testid="attempt-expected">{j.expected.map((f) => `“${f}”`).join(', ')}</dd>
        {j.missing.length > 0 && (
          <>
            <dt>Missing</dt>
            <dd data-testid="attempt-missing">{j.missing.map((f) => `“${f}”`).join(', ')}</dd>
          </>
        )}
        {j.wrong.length > 0 && (
          <>
            <dt>Said instead</dt>
            <dd data-testid="attempt-wrong">{j.wrong.map((f) => `“${f}”`).join(', ')}</dd>
          </>
        )}
        {attempt.nextDue && (
          <>
            <dt>Next review</dt>
            <dd data-testid="attempt-next-due">{formatDate(attempt.nextDue)}</dd>
          </>
        )}
      </dl>
    </div>
  )
}
