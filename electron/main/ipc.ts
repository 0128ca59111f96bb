import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { CHANNELS, EVENT_NAMES, type EventName, type Result } from '../shared/contract.ts'
import type { Core } from '../core/app.ts'
import { isTrustedSender, trustedOrigins } from './security.ts'

/**
 * The IPC boundary: one `ipcMain.handle` per contract channel, each going through `handleInvoke`,
 * which checks the sender before looking at the payload and never throws. Electron modules are
 * injected so the whole file is testable without the Electron binary.
 */

/** The part of Electron's `WebFrameMain` the sender check needs (it may be gone when the frame navigated away). */
export interface SenderFrame {
  url: string
  /** True when this frame is its page's main frame (`frame.parent === null` in Electron). */
  isMainFrame: boolean
}

/** The part of the core this file uses. */
export type DispatchingCore = Pick<Core, 'dispatch' | 'subscribe'>

/** Checks the sender, then hands the payload to the core (which validates it); always resolves to a Result. */
export async function handleInvoke(
  core: Pick<Core, 'dispatch'>,
  senderFrame: SenderFrame | null | undefined,
  channel: string,
  payload: unknown,
  origins: readonly string[] = trustedOrigins()
): Promise<Result<unknown>> {
  // The sender is checked before the payload is even looked at: an untrusted frame learns nothing.
  if (!senderFrame || !isTrustedSender(senderFrame.url, senderFrame.isMainFrame, origins)) {
    return { ok: false, error: { code: 'forbidden', message: 'This request did not come from Speakloop.' } }
  }
  if (!(CHANNELS as readonly string[]).includes(channel)) {
    return { ok: false, error: { code: 'invalid-request', message: `Unknown channel ${channel}.` } }
  }
  try {
    const result = await core.dispatch(channel, payload)
    if (isResult(result)) return result
    return { ok: false, error: { code: 'internal', message: 'The request failed unexpectedly.' } }
  } catch {
    // core.dispatch promises not to throw; if it does anyway the renderer still gets a Result,
    // and the error (which might quote request data) is not echoed back.
    return { ok: false, error: { code: 'internal', message: 'The request failed unexpectedly.' } }
  }
}

/** The Electron sender frame in the shape `handleInvoke` needs (null when the frame is already gone). */
export function senderFrameOf(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): SenderFrame | null {
  const frame = event.senderFrame
  if (!frame) return null
  try {
    return { url: frame.url, isMainFrame: frame.parent === null }
  } catch {
    // Accessing a destroyed frame throws.
    return null
  }
}

/** What every channel answers once dispatch has stopped (the app is quitting). */
export const CLOSING: Result<never> = { ok: false, error: { code: 'internal', message: 'Speakloop is closing.' } }

/**
 * Registers a handler for every contract channel and forwards core events to the window that is
 * current when they fire. Returns the function that stops both, which shutdown calls before the core
 * closes: from then on every channel answers `CLOSING` without reaching the core (a request in
 * flight would otherwise hit a closed database), and no event is forwarded. The handlers stay
 * registered, so a late invoke still resolves instead of rejecting for want of a handler.
 */
export function registerIpc(options: {
  ipcMain: Pick<IpcMain, 'handle'>
  core: DispatchingCore
  getWebContents: () => Pick<WebContents, 'send' | 'isDestroyed'> | null
  origins?: readonly string[]
  onRequest?: (channel: string, ok: boolean) => void
}): () => void {
  const { ipcMain, core, getWebContents, origins = trustedOrigins(), onRequest } = options
  let stopped = false
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      if (stopped) return CLOSING
      const result = await handleInvoke(core, senderFrameOf(event), channel, payload, origins)
      onRequest?.(channel, result.ok)
      return result
    })
  }
  const unsubscribe = core.subscribe((event, payload) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) return
    const contents = getWebContents()
    if (contents && !contents.isDestroyed()) contents.send(event satisfies EventName, payload)
  })
  return () => {
    stopped = true
    unsubscribe()
  }
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  const candidate = value as { ok: unknown; error?: unknown }
  if (candidate.ok === true) return 'value' in candidate
  if (candidate.ok !== false) return false
  const error = candidate.error as { code?: unknown; message?: unknown } | undefined
  return typeof error?.code === 'string' && typeof error.message === 'string'
}
