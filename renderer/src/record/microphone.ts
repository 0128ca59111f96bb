/** Microphone access shared by recording and the onboarding mic test: device list, stream and a level probe. */

export interface MicDevice {
  deviceId: string
  /** Empty until the user granted microphone access once. */
  label: string
}

export interface MicInput {
  stream: MediaStream
  /** Current input level, 0 (silence, -60 dBFS or less) to 1 (full scale). */
  level: () => number
  close: () => void
}

/** Below this level (about -50 dBFS) the input counts as near-silence. */
export const SILENCE_LEVEL = 1 / 6

export async function listMicrophones(): Promise<MicDevice[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return []
  const devices = await navigator.mediaDevices.enumerateDevices()
  return devices
    .filter((d) => d.kind === 'audioinput' && d.deviceId !== '')
    .map((d) => ({ deviceId: d.deviceId, label: d.label }))
}

/** Opens the chosen microphone ('' = system default) with an AnalyserNode for the live level. */
export async function openMicrophone(deviceId: string): Promise<MicInput> {
  if (!navigator.mediaDevices?.getUserMedia) throw new Error('This window has no microphone access.')
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: deviceId ? { deviceId: { exact: deviceId } } : true
  })
  const context = new AudioContext()
  // Contexts created outside a user gesture start suspended; the level would read as silence.
  void context.resume()
  const analyser = context.createAnalyser()
  analyser.fftSize = 1024
  context.createMediaStreamSource(stream).connect(analyser)
  const samples = new Float32Array(analyser.fftSize)

  return {
    stream,
    level: () => {
      analyser.getFloatTimeDomainData(samples)
      let sum = 0
      for (const s of samples) sum += s * s
      const rms = Math.sqrt(sum / samples.length)
      const db = rms > 0 ? 20 * Math.log10(rms) : -Infinity
      return Math.min(1, Math.max(0, (db + 60) / 60))
    },
    close: () => {
      for (const track of stream.getTracks()) track.stop()
      void context.close()
    }
  }
}

/** A readable message for getUserMedia's DOMExceptions. */
export function micErrorMessage(error: unknown): string {
  const name = error instanceof DOMException ? error.name : ''
  if (name === 'NotAllowedError') return 'Microphone access was denied. Allow it in your system settings and try again.'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No microphone was found. Connect one and try again.'
  if (name === 'NotReadableError') return 'The microphone is in use by another app or could not be opened.'
  return error instanceof Error ? error.message : String(error)
}
