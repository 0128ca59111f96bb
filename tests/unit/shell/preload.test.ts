import { describe, expect, it, vi } from 'vitest'
import { CHANNELS, requests } from '../../../electron/shared/contract.ts'
import { buildApi, type RendererIpc } from '../../../electron/preload/api.ts'

function fakeIpc() {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>()
  const ipc = {
    invoke: vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } })),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set())
      listeners.get(channel)!.add(listener)
    }),
    removeListener: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener)
    }),
    emit(channel: string, ...args: unknown[]) {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipcRenderer itself' }, ...args)
    },
    count: (channel: string) => listeners.get(channel)?.size ?? 0
  } satisfies RendererIpc & Record<string, unknown>
  return ipc
}

describe('channel names', () => {
  it('the contract has a request schema for exactly the channels the preload exposes', () => {
    expect(Object.keys(requests).sort()).toEqual([...CHANNELS].sort())
  })
})

describe('buildApi', () => {
  it('exposes one function per channel plus on, and nothing else', () => {
    const api = buildApi(fakeIpc())
    expect(Object.keys(api).sort()).toEqual([...CHANNELS, 'on'].sort())
    for (const key of Object.keys(api)) expect(typeof (api as Record<string, unknown>)[key]).toBe('function')
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('invokes the matching channel with only the request', async () => {
    const ipc = fakeIpc()
    const api = buildApi(ipc)
    const result = await api['sessions:get']({ id: 's1' })
    expect(ipc.invoke).toHaveBeenCalledWith('sessions:get', { id: 's1' })
    expect(result).toEqual({ ok: true, value: { channel: 'sessions:get', request: { id: 's1' } } })
  })

  it('passes event payloads without the IPC event, and unsubscribes', () => {
    const ipc = fakeIpc()
    const api = buildApi(ipc)
    const listener = vi.fn()
    const off = api.on('session:deleted', listener)
    ipc.emit('session:deleted', { id: 's1' })
    expect(listener).toHaveBeenCalledWith({ id: 's1' })
    expect(listener.mock.calls[0]).toHaveLength(1)
    off()
    expect(ipc.count('session:deleted')).toBe(0)
    ipc.emit('session:deleted', { id: 's2' })
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('refuses to subscribe to anything but contract events', () => {
    const ipc = fakeIpc()
    const api = buildApi(ipc)
    expect(() => api.on('sessions:get' as never, () => {})).toThrow(/Unknown event/)
    expect(() => api.on('ELECTRON_BROWSER_WINDOW_ALERT' as never, () => {})).toThrow()
    expect(ipc.on).not.toHaveBeenCalled()
  })
})
