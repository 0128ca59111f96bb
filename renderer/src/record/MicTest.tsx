import { useEffect, useRef, useState } from 'react'
import { micErrorMessage, openMicrophone, type MicInput } from './microphone.ts'
import { useRecorder } from './store.ts'
import { LevelMeter } from './LevelMeter.tsx'
import { MicPicker } from './MicPicker.tsx'

/** A microphone check without recording: pick a device, speak, watch the meter move. */
export function MicTest() {
  const { devices, deviceId, selectDevice, refreshDevices } = useRecorder()
  const [input, setInput] = useState<MicInput | null>(null)
  const [error, setError] = useState<string | null>(null)
  const inputRef = useRef<MicInput | null>(null)

  const stop = () => {
    inputRef.current?.close()
    inputRef.current = null
    setInput(null)
  }

  const start = async (id: string) => {
    stop()
    setError(null)
    try {
      const mic = await openMicrophone(id)
      inputRef.current = mic
      setInput(mic)
      void refreshDevices()
    } catch (e) {
      setError(micErrorMessage(e))
    }
  }

  useEffect(() => () => inputRef.current?.close(), [])

  return (
    <div className="mic-test" data-testid="mic-test">
      <MicPicker
        devices={devices}
        deviceId={deviceId}
        disabled={false}
        onChange={(id) => {
          selectDevice(id)
          if (inputRef.current) void start(id)
        }}
      />
      <LevelMeter level={input ? input.level : zero} active={input !== null} />
      <div className="btn-row mic-test-buttons">
        {input ? (
          <button type="button" className="btn" onClick={stop}>
            Stop test
          </button>
        ) : (
          <button type="button" className="btn" onClick={() => void start(deviceId)} data-testid="mic-test-button">
            Test microphone
          </button>
        )}
      </div>
      <p className="field-hint">{input ? 'Say a few words: the bar should move.' : 'Nothing is recorded or sent during the test.'}</p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

const zero = () => 0
