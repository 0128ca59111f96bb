import type { EventName, SpeakloopApi } from '../shared/contract.ts'
import { CHANNELS, EVENT_NAMES } from '../shared/channels.ts'

/**
 * Builds `window.speakloop` from the channel lists: one function per channel that forwards only the
 * request, and `on` for contract events that passes only the payload (never the IPC event, whose
 * `sender` would hand the page `ipcRenderer`).
 */

/** The part of `ipcRenderer` the API needs. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
}

/** The object exposed as `window.speakloop`. */
export function buildApi(ipc: RendererIpc): SpeakloopApi {
  const api: Record<string, unknown> = {}
  for (const channel of CHANNELS) {
    api[channel] = (request: unknown) => ipc.invoke(channel, request)
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`Unknown event ${String(event)}`)
    if (typeof listener !== 'function') throw new Error('listener must be a function')
    const handler = (_event: unknown, payload: unknown) => listener(payload)
    ipc.on(event, handler)
    return () => {
      ipc.removeListener(event, handler)
    }
  }
  return Object.freeze(api) as unknown as SpeakloopApi
}
