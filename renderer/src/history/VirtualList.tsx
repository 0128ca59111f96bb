import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'

interface VirtualListProps {
  count: number
  rowHeight: number
  label: string
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps. */
  overscan?: number
  renderRow: (index: number) => ReactNode
  rowKey: (index: number) => string
  onRangeChange: (start: number, end: number) => void
  onActivate: (index: number) => void
  testId?: string
}

/**
 * A windowed listbox: only the rows in view (plus overscan) exist in the DOM, each placed with a
 * transform, so 10,000 rows scroll like 20. Keyboard: Up/Down, Page Up/Down, Home/End, Enter.
 * The active row is announced through aria-activedescendant, with aria-setsize/posinset giving the total.
 */
export function VirtualList({ count, rowHeight, label, overscan = 6, renderRow, rowKey, onRangeChange, onActivate, testId }: VirtualListProps) {
  const viewport = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(600)
  const [active, setActive] = useState(0)

  useLayoutEffect(() => {
    const el = viewport.current
    if (!el) return
    const observer = new ResizeObserver(() => setHeight(el.clientHeight))
    observer.observe(el)
    setHeight(el.clientHeight)
    return () => observer.disconnect()
  }, [])

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan)

  useEffect(() => {
    onRangeChange(first, last)
  }, [first, last, onRangeChange])

  const current = Math.min(active, Math.max(0, count - 1))

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index))
    setActive(next)
    const el = viewport.current
    if (!el) return
    // Scroll just enough to bring the row into view, as native lists do.
    const top = next * rowHeight
    if (top < el.scrollTop) el.scrollTop = top
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight
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
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      if (count > 0) onActivate(current)
    }
  }

  const rows: ReactNode[] = []
  for (let i = first; i < last; i++) {
    rows.push(
      <div
        key={rowKey(i)}
        id={`vrow-${i}`}
        role="option"
        aria-selected={i === current}
        aria-setsize={count}
        aria-posinset={i + 1}
        className={`vrow${i === current ? ' vrow-active' : ''}`}
        style={{ height: rowHeight, transform: `translateY(${i * rowHeight}px)` }}
        onClick={() => {
          setActive(i)
          onActivate(i)
        }}
      >
        {renderRow(i)}
      </div>
    )
  }

  return (
    <div
      ref={viewport}
      className="vlist"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={count > 0 && current >= first && current < last ? `vrow-${current}` : undefined}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      data-testid={testId}
      data-count={count}
    >
      <div className="vlist-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  )
}
