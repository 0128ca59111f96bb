import { useEffect, useMemo, useRef, useState } from 'react'
import type { SessionDetail } from '../../../electron/shared/contract.ts'
import { quoteId } from './insightOrder.ts'
import { quoteSpans, segment } from './transcriptMatch.ts'
import { ImprovedTranscript } from '../practice/ImprovedTranscript.tsx'
import '../practice/practice.css'

interface TranscriptProps {
  detail: SessionDetail
  activeQuote: string | null
  /** Bumped on every click so clicking the same quote again scrolls to it again. */
  activation: number
}

/** The transcript with every example quote marked; the active one is scrolled to and highlighted. */
export function Transcript({ detail, activeQuote, activation }: TranscriptProps) {
  const text = detail.transcript?.text ?? ''
  const pieces = useMemo(() => {
    const quotes = detail.insights.flatMap((insight) =>
      insight.examples.map((e, i) => ({ id: quoteId(insight, i), quote: e.quote }))
    )
    return segment(text, quoteSpans(text, quotes))
  }, [text, detail.insights])
  const container = useRef<HTMLDivElement>(null)
  // The improved view is shown from the quote activation it was chosen at: clicking a quote in an
  // insight (a new activation) brings back the learner's own words, where the quote is marked.
  const [improvedAt, setImprovedAt] = useState<number | null>(null)
  const canImprove = detail.status === 'DONE' && detail.transcript !== null && detail.insights.length > 0
  const improved = canImprove && improvedAt === activation

  useEffect(() => {
    if (!activeQuote || !container.current) return
    const mark = container.current.querySelector<HTMLElement>(`[data-quote-id="${CSS.escape(activeQuote)}"]`)
    if (!mark) return
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches
    mark.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' })
    mark.focus({ preventScroll: true })
  }, [activeQuote, activation])

  return (
    <section className="card" aria-labelledby="transcript-title" data-testid="transcript">
      <h2 id="transcript-title">Transcript</h2>
      {canImprove && (
        <div className="transcript-toggle" role="group" aria-label="Transcript version">
          <button type="button" className="btn" aria-pressed={!improved} onClick={() => setImprovedAt(null)} data-testid="transcript-original">
            What you said
          </button>
          <button type="button" className="btn" aria-pressed={improved} onClick={() => setImprovedAt(activation)} data-testid="transcript-improved">
            Improved
          </button>
        </div>
      )}
      {improved ? (
        <ImprovedTranscript sessionId={detail.id} version={detail.completedAt ?? detail.updatedAt} />
      ) : detail.transcript ? (
        <div ref={container} className="transcript-text">
          {pieces.map((piece, i) =>
            piece.id ? (
              <mark
                key={i}
                tabIndex={-1}
                className={piece.id === activeQuote ? 'quote-mark quote-mark-active' : 'quote-mark'}
                data-quote-id={piece.id}
                data-testid={piece.id === activeQuote ? 'transcript-highlight' : undefined}
              >
                {piece.text}
              </mark>
            ) : (
              <span key={i}>{piece.text}</span>
            )
          )}
        </div>
      ) : (
        <p className="muted">{detail.status === 'FAILED' ? 'No transcript was saved.' : 'The transcript appears here once transcription is done.'}</p>
      )}
      {detail.transcript && !improved && <p className="muted transcript-meta">{detail.transcript.wordCount} words</p>}
    </section>
  )
}
