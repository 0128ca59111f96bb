import { create } from 'zustand'

/** The screens, addressed by the location hash so Back/Forward and deep links work without a router library. */
export type Route =
  | { name: 'record' }
  | { name: 'session'; id: string }
  | { name: 'history' }
  | { name: 'progress' }
  | { name: 'practice'; drillId?: string }
  | { name: 'retell'; id?: string }
  | { name: 'settings' }

interface RouteState {
  route: Route
  navigate: (route: Route) => void
}

export const useRoute = create<RouteState>(() => ({
  route: parseHash(window.location.hash),
  navigate: (route) => {
    const next = hrefOf(route)
    if (window.location.hash !== next) window.location.hash = next
  }
}))

window.addEventListener('hashchange', () => {
  useRoute.setState({ route: parseHash(window.location.hash) })
})

/** `#/session/abc` → `{ name: 'session', id: 'abc' }`; anything unknown lands on Record. */
export function parseHash(hash: string): Route {
  const [name, id] = hash.replace(/^#\/?/, '').split('/')
  switch (name) {
    case 'session':
      return id ? { name: 'session', id: decodeURIComponent(id) } : { name: 'history' }
    case 'practice':
      return id ? { name: 'practice', drillId: decodeURIComponent(id) } : { name: 'practice' }
    case 'retell':
      return id ? { name: 'retell', id: decodeURIComponent(id) } : { name: 'retell' }
    case 'history':
    case 'progress':
    case 'settings':
      return { name }
    default:
      return { name: 'record' }
  }
}

export function hrefOf(route: Route): string {
  if (route.name === 'session') return `#/session/${encodeURIComponent(route.id)}`
  if (route.name === 'practice' && route.drillId) return `#/practice/${encodeURIComponent(route.drillId)}`
  if (route.name === 'retell' && route.id) return `#/retell/${encodeURIComponent(route.id)}`
  return `#/${route.name}`
}

export function navigate(route: Route): void {
  useRoute.getState().navigate(route)
}
