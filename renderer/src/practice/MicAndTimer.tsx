import type { ReactNode } from 'react'
import { useRecorder } from '../record/store.ts'
import { MicPicker } from '../record/MicPicker.tsx'
import { LevelMeter } from '../record/LevelMeter.tsx'

interface MicAndTimerProps {
  /** The microphone cannot change while recording. */
  disabled: boolean
  timerLabel: string
  timerTestId: string
  children: ReactNode
  level: () => number
  active: boolean
}

/** The short recorders' shared controls (drill attempts, retell rounds): the microphone choice of Record, a timer and the level meter. */
export function MicAndTimer({ disabled, timerLabel, timerTestId, children, level, active }: MicAndTimerProps) {
  const devices = useRecorder((s) => s.devices)
  const deviceId = useRecorder((s) => s.deviceId)
  const selectDevice = useRecorder((s) => s.selectDevice)
  return (
    <>
      <MicPicker devices={devices} deviceId={deviceId} disabled={disabled} onChange={selectDevice} />
      <div className="drill-meter">
        <div className="timer" role="timer" aria-label={timerLabel} data-testid={timerTestId}>
          {children}
        </div>
        <LevelMeter level={level} active={active} />
      </div>
    </>
  )
}
