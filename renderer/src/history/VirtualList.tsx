import { useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react'

interface VirtualListProps {
  count: number
  rowHeight: number
  label: string
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps. */
  overscan?: number
  /** `active` rows make their controls tabbable; the row's main control carries `data-row-primary`. */
  renderRow: (index: number, active: boolean) => ReactNode
  rowKey: (index: number) => string
  onRangeChange: (start: number, end: number) => void
  /** A click on the row outside its own links and buttons. */
  onActivate: (index: number) => void
  /** When this changes (a new filter), the list scrolls back to the top. */
  resetKey?: unknown
  busy?: boolean
  testId?: string
}

/**
 * A windowed list: only the rows in view (plus overscan) exist in the DOM, each placed with a
 * transform, so 10,000 rows scroll like 20. Rows are list items holding a link and buttons (so
 * each row can carry its own actions); one roving tab stop, with Up/Down, Page Up/Down, Home/End
 * moving focus from row to row, and aria-setsize/posinset giving the total.
 */
export function VirtualList(props: VirtualListProps) {
  const { count, rowHeight, label, overscan = 6, renderRow, rowKey, onRangeChange, onActivate, resetKey, busy, testId } = props
  const viewport = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(600)
  const [active, setActive] = useState(0)
  const pendingFocus = useRef<number | null>(null)

  useLayoutEffect(() => {
    const el = viewport.current
    if (!el) return
    const observer = new ResizeObserver(() => setHeight(el.clientHeight))
    observer.observe(el)
    setHeight(el.clientHeight)
    return () => observer.disconnect()
  }, [])

  // A new filter starts at the top, with the first row as the tab stop.
  const lastReset = useRef(resetKey)
  useLayoutEffect(() => {
    if (lastReset.current === resetKey) return
    lastReset.current = resetKey
    if (viewport.current) viewport.current.scrollTop = 0
    setScrollTop(0)
    setActive(0)
  }, [resetKey])

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan)

  useEffect(() => {
    onRangeChange(first, last)
  }, [first, last, onRangeChange])

  const current = Math.min(active, Math.max(0, count - 1))
  const currentRendered = count > 0 && current >= first && current < last

  // Keyboard moves focus to a row that may only exist after the scroll re-renders the window.
  useEffect(() => {
    const target = pendingFocus.current
    if (target === null || target < first || target >= last) return
    const row = viewport.current?.querySelector<HTMLElement>(`[data-vrow="${target}"]`)
    const primary = row?.querySelector<HTMLElement>('[data-row-primary]') ?? row
    if (!primary) return
    pendingFocus.current = null
    primary.focus({ preventScroll: true })
  })

  const moveTo = (index: number) => {
    if (count === 0) return
    const next = Math.max(0, Math.min(count - 1, index))
    setActive(next)
    pendingFocus.current = next
    const el = viewport.current
    if (!el) return
    // Scroll just enough to bring the row into view, as native lists do.
    const top = next * rowHeight
    if (top < el.scrollTop) el.scrollTop = top
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight
    setScrollTop(el.scrollTop)
  }

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height / rowHeight) - 1)
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: count - 1
    }
    if (e.key in moves) {
      e.preventDefault()
      moveTo(moves[e.key]!)
    }
  }

  // Tabbing in while the active row is scrolled away lands on the list itself: hand focus to a visible row.
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || count === 0) return
    const visible = Math.min(count - 1, Math.max(current, Math.ceil(scrollTop / rowHeight)))
    moveTo(currentRendered ? current : visible)
  }

  const rows: ReactNode[] = []
  for (let i = first; i < last; i++) {
    const isActive = i === current
    rows.push(
      <div
        key={rowKey(i)}
        data-vrow={i}
        role="listitem"
        aria-setsize={count}
        aria-posinset={i + 1}
        className={`vrow${isActive ? ' vrow-active' : ''}`}
        style={{ height: rowHeight, transform: `translateY(${i * rowHeight}px)` }}
        onFocus={() => setActive(i)}
        onClick={(e: MouseEvent) => {
          setActive(i)
          if (!(e.target as HTMLElement).closest('a, button')) onActivate(i)
        }}
      >
        {renderRow(i, isActive)}
      </div>
    )
  }

  return (
    <div
      ref={viewport}
      className="vlist"
      role="list"
      aria-label={label}
      aria-busy={busy || undefined}
      tabIndex={currentRendered ? -1 : 0}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      data-testid={testId}
      data-count={count}
    >
      <div className="vlist-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  )
}
