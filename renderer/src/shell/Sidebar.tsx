import type { KeyboardEvent } from 'react'
import { hrefOf, type Route } from './route.ts'
import { useProcessingCount } from '../sessions/store.ts'
import { useRecorder } from '../record/store.ts'
import { formatDuration } from '../ui/format.ts'

const ITEMS: { route: Route; label: string; icon: string }[] = [
  { route: { name: 'record' }, label: 'Record', icon: '●' },
  { route: { name: 'practice' }, label: 'Practice', icon: '✎' },
  { route: { name: 'history' }, label: 'History', icon: '☰' },
  { route: { name: 'progress' }, label: 'Progress', icon: '↗' },
  { route: { name: 'settings' }, label: 'Settings', icon: '⚙' }
]

/** The main navigation: links (Tab), plus Up/Down/Home/End between them like a desktop sidebar. */
export function Sidebar({ current }: { current: Route['name'] }) {
  const processing = useProcessingCount()
  const phase = useRecorder((s) => s.phase)
  const elapsed = useRecorder((s) => s.elapsedMs)
  const active = current === 'session' ? 'history' : current === 'retell' ? 'practice' : current

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const links = Array.from(e.currentTarget.querySelectorAll<HTMLAnchorElement>('a.nav-link'))
    const index = links.indexOf(document.activeElement as HTMLAnchorElement)
    if (index < 0) return
    const next =
      e.key === 'ArrowDown' ? (index + 1) % links.length
      : e.key === 'ArrowUp' ? (index - 1 + links.length) % links.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? links.length - 1
      : -1
    if (next < 0) return
    e.preventDefault()
    links[next]?.focus()
  }

  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">◖◗</span> Speakloop
      </div>
      <nav aria-label="Main" onKeyDown={onKeyDown}>
        <ul className="nav-list">
          {ITEMS.map((item) => (
            <li key={item.route.name}>
              <a
                className="nav-link"
                href={hrefOf(item.route)}
                aria-current={active === item.route.name ? 'page' : undefined}
                data-testid={`nav-${item.route.name}`}
              >
                <span className="nav-icon" aria-hidden="true">
                  {item.icon}
                </span>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sidebar-footer">
        {(phase === 'recording' || phase === 'paused') && current !== 'record' && (
          <a className="sidebar-pill sidebar-pill-rec" href={hrefOf({ name: 'record' })} data-testid="recording-indicator">
            <span className="rec-dot" aria-hidden="true" />
            {phase === 'paused' ? 'Paused' : 'Recording'} {formatDuration(elapsed)}
          </a>
        )}
        <a
          className="sidebar-pill"
          href={hrefOf({ name: 'history' })}
          data-testid="processing-indicator"
          data-count={processing}
          hidden={processing === 0}
        >
          <span className="spinner" aria-hidden="true" />
          {processing} processing
        </a>
      </div>
    </aside>
  )
}
