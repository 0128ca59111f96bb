import { useAnnouncer } from './announcer.ts'

/** The single aria-live region; keyed by seq so a repeated message is re-announced. */
export function LiveRegion() {
  const { message, seq } = useAnnouncer()
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
      <span key={seq}>{message}</span>
    </div>
  )
}
