import type { MicDevice } from './microphone.ts'

interface MicPickerProps {
  devices: MicDevice[]
  deviceId: string
  disabled: boolean
  onChange: (deviceId: string) => void
}

export function MicPicker({ devices, deviceId, disabled, onChange }: MicPickerProps) {
  // Before the first permission grant, Chromium lists no usable ids: offer the default only.
  const known = devices.some((d) => d.deviceId === deviceId)
  return (
    <div className="field">
      <label htmlFor="mic-select">Microphone</label>
      <select
        id="mic-select"
        value={known ? deviceId : ''}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        data-testid="mic-select"
      >
        <option value="">System default</option>
        {devices
          .filter((d) => d.deviceId !== 'default')
          .map((d, i) => (
            <option key={d.deviceId} value={d.deviceId}>
              {d.label || `Microphone ${i + 1}`}
            </option>
          ))}
      </select>
      {devices.every((d) => d.label === '') && (
        <span className="field-hint">Names of microphones appear after you allow microphone access once.</span>
      )}
    </div>
  )
}
