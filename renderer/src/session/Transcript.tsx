import { useEffect, useMemo, useRef } from 'react'
import type { SessionDetail } from '../../../electron/shared/contract.ts'
import { quoteId } from './insightOrder.ts'
import { quoteSpans, segment } from './transcriptMatch.ts'

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
      {detail.transcript ? (
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
      {detail.transcript && <p className="muted transcript-meta">{detail.transcript.wordCount} words</p>}
    </section>
  )
}
