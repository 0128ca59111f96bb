import type {
  Channel,
  ErrorCode,
  EventName,
  Events,
  Request,
  Responses,
  Result,
  SpeakloopApi
} from '../../../electron/shared/contract.ts'

/** An error main returned (`ok: false`), or a transport failure mapped to `internal`. */
export class ApiError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string) {
    super(message)
    this.name = 'ApiError'
    this.code = code
  }
}

/** Calls one channel and unwraps its `Result`: resolves with the value or throws an `ApiError`. */
export async function call<C extends Channel>(channel: C, request: Request<C>): Promise<Responses[C]> {
  const fn = bridge()[channel] as unknown as (req: Request<C>) => Promise<Result<Responses[C]>>
  let result: Result<Responses[C]>
  try {
    result = await fn(request)
  } catch (error) {
    // A rejected promise means the transport itself broke (preload gone, bridge down), not a handler error.
    throw new ApiError('internal', error instanceof Error ? error.message : String(error))
  }
  if (!result.ok) throw new ApiError(result.error.code, result.error.message)
  return result.value
}

/** Listens to an event main pushes; returns the unsubscribe function. */
export function subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return bridge().on(event, listener)
}

/** True when the preload (or the test bridge) exposed the API; the shell shows a clear error otherwise. */
export function isApiAvailable(): boolean {
  return typeof window !== 'undefined' && typeof window.speakloop === 'object' && window.speakloop !== null
}

/** A user-readable message for anything a call threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message
  if (error instanceof Error) return error.message
  return String(error)
}

export const api = { call, subscribe }

function bridge(): SpeakloopApi {
  if (!isApiAvailable()) throw new ApiError('internal', 'The Speakloop bridge is not available in this window.')
  return window.speakloop
}
