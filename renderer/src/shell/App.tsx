import { Suspense, useEffect, useRef, type MouseEvent } from 'react'
import { useRoute, navigate } from './route.ts'
import { Sidebar } from './Sidebar.tsx'
import { LiveRegion } from './LiveRegion.tsx'
import { useSettings } from '../settings/store.ts'
import { startSessionSync } from '../sessions/store.ts'
import { useRecorder, watchMicrophones } from '../record/store.ts'
import { isRecordShortcut } from '../record/shortcut.ts'
import { isApiAvailable } from '../api/client.ts'
import { RecordScreen } from '../record/RecordScreen.tsx'
import { startPracticeSync } from '../practice/store.ts'
import { startRetellSync } from '../retell/store.ts'
import { ErrorState, Skeleton } from '../ui/States.tsx'
import { lazyScreen, preloadScreens } from './lazyScreen.tsx'
import './shell.css'

// Record is Home and comes in the first bundle; every other screen loads on first use (lazyScreen.tsx).
const SessionScreen = lazyScreen(() => import('../session/SessionScreen.tsx').then((m) => m.SessionScreen))
const HistoryScreen = lazyScreen(() => import('../history/HistoryScreen.tsx').then((m) => m.HistoryScreen))
const ProgressScreen = lazyScreen(() => import('../progress/ProgressScreen.tsx').then((m) => m.ProgressScreen))
const SettingsScreen = lazyScreen(() => import('../settings/SettingsScreen.tsx').then((m) => m.SettingsScreen))
const Onboarding = lazyScreen(() => import('../settings/Onboarding.tsx').then((m) => m.Onboarding))
const PracticeScreen = lazyScreen(() => import('../practice/PracticeScreen.tsx').then((m) => m.PracticeScreen))
const RetellScreen = lazyScreen(() => import('../retell/RetellScreen.tsx').then((m) => m.RetellScreen))

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
  usePreloadScreens(apiAvailable)
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
        <Suspense fallback={<Skeleton lines={4} />}>
          <Onboarding />
        </Suspense>
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
        <Suspense fallback={<Skeleton lines={4} />}>
          {route.name === 'record' && <RecordScreen />}
          {route.name === 'session' && <SessionScreen key={route.id} id={route.id} />}
          {route.name === 'history' && <HistoryScreen />}
          {route.name === 'progress' && <ProgressScreen />}
          {route.name === 'practice' && <PracticeScreen drillId={route.drillId} />}
          {route.name === 'retell' && <RetellScreen id={route.id} />}
          {route.name === 'settings' && <SettingsScreen />}
        </Suspense>
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

/** From the start, fetch the screens in the background so the first one, and opening any later, does not wait. */
function usePreloadScreens(started: boolean) {
  useEffect(() => {
    if (!started) return
    const timer = setTimeout(preloadScreens, 0)
    return () => clearTimeout(timer)
  }, [started])
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
