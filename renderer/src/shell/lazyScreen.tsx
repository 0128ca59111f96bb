import { lazy, useState, type ComponentType } from 'react'

/**
 * A screen whose code loads on first use, so the window parses only what Home needs before it
 * shows Home. `preloadScreens()` fetches every such screen once Home is up; a screen already
 * loaded renders at once, without suspending, so a navigation neither shows the fallback nor waits
 * for React's 300 ms Suspense reveal throttle, and the heading exists when focus moves to it.
 * Render inside a `<Suspense>`: only a screen opened before its preload finished suspends.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined
  let loading: Promise<ComponentType<P>> | undefined
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = undefined
        throw error
      }
    ))
  const Suspending = lazy(() => preload().then((component) => ({ default: component })))
  PRELOADS.push(preload)

  function Screen(props: P) {
    // Decided once per mount: switching from the suspending wrapper to the bare component later
    // would remount the screen and lose its state.
    const [Ready] = useState(() => loaded)
    return Ready ? <Ready {...props} /> : <Suspending {...props} />
  }
  return Screen
}

const PRELOADS: (() => Promise<unknown>)[] = []

/** Starts loading every lazy screen; a failed load is retried when the screen is opened. */
export function preloadScreens(): void {
  for (const preload of PRELOADS) preload().catch(() => undefined)
}
