import { useEffect } from 'react'
import { ErrorState, Skeleton } from '../ui/States.tsx'
import { useImprovedTranscript } from './improvedStore.ts'

/**
 * The learner's transcript with every verified correction applied: changed words are marked and
 * say what they replaced; removed words are struck through. Nothing but verified examples is applied.
 */
export function ImprovedTranscript({ sessionId, version }: { sessionId: string; version: string }) {
  const { parts, changes, error, load } = useImprovedTranscript()

  useEffect(() => {
    void load(sessionId)
  }, [load, sessionId, version])

  if (error) return <ErrorState message={`The improved transcript could not be made: ${error}`} onRetry={() => void load(sessionId)} />
  if (!parts) return <Skeleton lines={3} />
  return (
    <>
      <div className="transcript-text improved-text" data-testid="improved-transcript">
        {parts.map((part, i) =>
          part.original === undefined ? (
            <span key={i}>{part.text}</span>
          ) : part.text === '' ? (
            <del key={i} className="improved-removed" data-testid="improved-change" data-original={part.original}>
              {part.original}
              <span className="visually-hidden"> (left out)</span>
            </del>
          ) : (
            <ins key={i} className="improved-change" data-testid="improved-change" data-original={part.original}>
              {part.text}
              <span className="visually-hidden">{part.original ? ` (you said: ${part.original})` : ' (added)'}</span>
            </ins>
          )
        )}
      </div>
      <p className="muted transcript-meta" data-testid="improved-count">
        {changes === 0 ? 'No verified correction to apply.' : `${changes} ${changes === 1 ? 'change' : 'changes'}, from the verified examples only.`}
      </p>
    </>
  )
}
