import { useEffect, useState } from 'react'

/** Canvas colours for the charts, resolved from the CSS tokens of the active theme. */
export interface ChartColors {
  text: string
  muted: string
  grid: string
  axis: string
  series: string
  seriesSoft: string
  band: string
  guide: string
  surface: string
  font: string
}

const TOKENS: Record<Exclude<keyof ChartColors, 'font'>, string> = {
  text: '--text',
  muted: '--text-muted',
  grid: '--border',
  axis: '--border-strong',
  series: '--accent',
  seriesSoft: '--accent-soft',
  band: '--success-soft',
  guide: '--warning',
  surface: '--bg-raised'
}

/**
 * Reads the tokens through a probe element: a custom property's computed value is its unresolved
 * text (`light-dark(#…, #…)`), while `color` on a real element resolves it for the current scheme.
 */
export function readChartColors(root: HTMLElement = document.body): ChartColors {
  const probe = document.createElement('span')
  probe.hidden = true
  root.append(probe)
  const colors = {} as ChartColors
  for (const [name, token] of Object.entries(TOKENS)) {
    probe.style.color = `var(${token})`
    colors[name as keyof typeof TOKENS] = getComputedStyle(probe).color
  }
  probe.remove()
  colors.font = `12px ${getComputedStyle(root).fontFamily}`
  return colors
}

/**
 * A number that changes whenever the applied theme may have: data-theme on <html> (Settings) or
 * the OS scheme (for `system`). Charts drawn on canvas re-read their colours when it changes.
 */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1)
    const observer = new MutationObserver(bump)
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] })
    const media = window.matchMedia('(prefers-color-scheme: dark)')
    media.addEventListener('change', bump)
    return () => {
      observer.disconnect()
      media.removeEventListener('change', bump)
    }
  }, [])
  return version
}
