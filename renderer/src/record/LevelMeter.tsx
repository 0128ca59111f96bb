import { useEffect, useRef } from 'react'

/**
 * A live input level bar. It reads the level in requestAnimationFrame and writes the bar's
 * transform directly, so 60 updates a second never re-render React.
 */
export function LevelMeter({ level, active }: { level: () => number; active: boolean }) {
  const bar = useRef<HTMLDivElement>(null)
  const meter = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const el = bar.current
    const host = meter.current
    if (!el || !host) return
    if (!active) {
      el.style.transform = 'scaleX(0)'
      host.setAttribute('aria-valuenow', '0')
      return
    }
    let frame = 0
    let smoothed = 0
    let lastAria = 0
    const tick = (now: number) => {
      // Fast attack, slow release: reads like a hardware meter instead of flickering.
      const value = level()
      smoothed = value > smoothed ? value : smoothed * 0.9 + value * 0.1
      el.style.transform = `scaleX(${smoothed.toFixed(3)})`
      if (now - lastAria > 500) {
        lastAria = now
        host.setAttribute('aria-valuenow', String(Math.round(smoothed * 100)))
      }
      frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)
    return () => cancelAnimationFrame(frame)
  }, [level, active])

  return (
    <div
      ref={meter}
      className="level-meter"
      role="meter"
      aria-label="Microphone level"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={0}
      data-testid="level-meter"
    >
      <div ref={bar} className="level-meter-bar" />
    </div>
  )
}
