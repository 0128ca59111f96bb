import { useEffect, useRef, type MouseEvent } from 'react'
import { useRoute, navigate } from './route.ts'
import { Sidebar } from './Sidebar.tsx'
import { LiveRegion } from './LiveRegion.tsx'
import { useSettings } from '../settings/store.ts'
import { startSessionSync } from '../sessions/store.ts'
import { useRecorder, watchMicrophones } from '../record/store.ts'
import { isRecordShortcut } from '../record/shortcut.ts'
import { isApiAvailable } from '../api/client.ts'
import { RecordScreen } from '../record/RecordScreen.tsx'
import { SessionScreen } from '../session/SessionScreen.tsx'
import { HistoryScreen } from '../history/HistoryScreen.tsx'
import { ProgressScreen } from '../progress/ProgressScreen.tsx'
import { SettingsScreen } from '../settings/SettingsScreen.tsx'
import { PracticeScreen } from '../practice/PracticeScreen.tsx'
import { startPracticeSync } from '../practice/store.ts'
import { RetellScreen } from '../retell/RetellScreen.tsx'
import { startRetellSync } from '../retell/store.ts'
import { Onboarding } from '../settings/Onboarding.tsx'
import { ErrorState, Skeleton } from '../ui/States.tsx'
import './shell.css'

export function App() {
  const route = useRoute((s) => s.route)
  const { settings, error, load } = useSettings()
  const theme = settings?.theme ?? 'system'
  const apiAvailable = isApiAvailable()

  useEffect(() => {
    if (!apiAvailable) return
    void load()
    startSessionSync()
    startPracticeSync()
    startRetellSync()
    watchMicrophones()
  }, [apiAvailable, load])

  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])

  useGlobalShortcuts(settings?.onboarded === true)
  useFocusOnNavigate(route.name === 'session' ? `session/${route.id}` : route.name)

  if (!apiAvailable) {
    return (
      <main className="fatal">
        <h1>Speakloop cannot start</h1>
        <ErrorState message="This window has no connection to the Speakloop core (window.speakloop is missing)." />
      </main>
    )
  }
  if (!settings) {
    return (
      <main className="fatal" aria-busy={!error}>
        <h1>Speakloop</h1>
        {error ? <ErrorState message={`Settings could not be loaded: ${error}`} onRetry={() => void load()} /> : <Skeleton lines={4} />}
      </main>
    )
  }
  if (!settings.onboarded) {
    return (
      <>
        <Onboarding />
        <LiveRegion />
      </>
    )
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <Sidebar current={route.name} />
      <main id="main" className="main" tabIndex={-1}>
        {route.name === 'record' && <RecordScreen />}
        {route.name === 'session' && <SessionScreen key={route.id} id={route.id} />}
        {route.name === 'history' && <HistoryScreen />}
        {route.name === 'progress' && <ProgressScreen />}
        {route.name === 'practice' && <PracticeScreen drillId={route.drillId} />}
        {route.name === 'retell' && <RetellScreen id={route.id} />}
        {route.name === 'settings' && <SettingsScreen />}
      </main>
      <LiveRegion />
    </div>
  )
}

// A hash link to #main would replace the route hash; move focus instead.
function skipToMain(e: MouseEvent) {
  e.preventDefault()
  document.getElementById('main')?.focus()
}

/** Ctrl/Cmd+Shift+R toggles recording from anywhere; dropped files never navigate the window away. */
function useGlobalShortcuts(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (!isRecordShortcut(e) || e.repeat) return
      e.preventDefault()
      const recorder = useRecorder.getState()
      if (recorder.phase === 'idle') navigate({ name: 'record' })
      recorder.toggle()
    }
    const blockDrop = (e: DragEvent) => e.preventDefault()
    window.addEventListener('keydown', onKey)
    window.addEventListener('dragover', blockDrop)
    window.addEventListener('drop', blockDrop)
    return () => {
      window.removeEventListener('keydown', onKey)
      window.removeEventListener('dragover', blockDrop)
      window.removeEventListener('drop', blockDrop)
    }
  }, [enabled])
}

/** After a navigation, focus the new screen's heading so screen readers announce where the user is. */
function useFocusOnNavigate(key: string) {
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    const frame = requestAnimationFrame(() => document.querySelector<HTMLElement>('#main h1')?.focus())
    return () => cancelAnimationFrame(frame)
  }, [key])
}
