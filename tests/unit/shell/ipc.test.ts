import { describe, expect, it, vi } from 'vitest'
import { CHANNELS, requests, type EventName, type Events, type Result } from '../../../electron/shared/contract.ts'
import { CLOSING, handleInvoke, registerIpc, senderFrameOf, type SenderFrame } from '../../../electron/main/ipc.ts'
import { trustedOrigins } from '../../../electron/main/security.ts'

const OURS: SenderFrame = { url: 'app://speakloop/index.html', isMainFrame: true }

type Listener = <E extends EventName>(event: E, payload: Events[E]) => void

/** A core that validates like the real one (with the contract's schemas) and records what reached it. */
function fakeCore(run: (channel: string, payload: unknown) => unknown = () => ({ ok: true })) {
  const listeners = new Set<Listener>()
  const dispatched: { channel: string; payload: unknown }[] = []
  return {
    dispatched,
    emit<E extends EventName>(event: E, payload: Events[E]) {
      for (const listener of listeners) listener(event, payload)
    },
    listenerCount: () => listeners.size,
    dispatch: vi.fn(async (channel: string, payload: unknown): Promise<Result<unknown>> => {
      const schema = requests[channel as keyof typeof requests]
      if (!schema) return { ok: false, error: { code: 'invalid-request', message: 'unknown channel' } }
      const parsed = schema.safeParse(payload)
      if (!parsed.success) return { ok: false, error: { code: 'invalid-request', message: 'invalid request' } }
      dispatched.push({ channel, payload: parsed.data })
      return { ok: true, value: run(channel, parsed.data) }
    }),
    subscribe(listener: Listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}

describe('handleInvoke', () => {
  it('passes a trusted, valid request to the core and returns its result', async () => {
    const core = fakeCore(() => ({ sessions: [], total: 0 }))
    const result = await handleInvoke(core, OURS, 'sessions:list', { limit: 10 })
    expect(result).toEqual({ ok: true, value: { sessions: [], total: 0 } })
    expect(core.dispatched).toEqual([{ channel: 'sessions:list', payload: { limit: 10 } }])
  })

  it('refuses senders that are not our main frame, before looking at the payload', async () => {
    const core = fakeCore()
    const senders: (SenderFrame | null | undefined)[] = [
      null,
      undefined,
      { url: 'app://speakloop/index.html', isMainFrame: false },
      { url: 'https://example.com/', isMainFrame: true },
      { url: 'app://evil/index.html', isMainFrame: true },
      { url: 'file:///tmp/index.html', isMainFrame: true },
      { url: 'http://localhost:5173/', isMainFrame: true },
      { url: '', isMainFrame: true }
    ]
    for (const sender of senders) {
      const result = await handleInvoke(core, sender, 'settings:get', {})
      expect(result, JSON.stringify(sender)).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } })
    }
    expect(core.dispatch).not.toHaveBeenCalled()
  })

  it('trusts the dev server only when it is among the trusted origins', async () => {
    const core = fakeCore()
    const dev = { url: 'http://localhost:5173/', isMainFrame: true }
    expect((await handleInvoke(core, dev, 'settings:get', {})).ok).toBe(false)
    expect((await handleInvoke(core, dev, 'settings:get', {}, trustedOrigins('http://localhost:5173'))).ok).toBe(true)
  })

  it('answers malformed payloads with invalid-request instead of throwing', async () => {
    const core = fakeCore()
    for (const [channel, payload] of [
      ['sessions:get', undefined],
      ['sessions:get', null],
      ['sessions:get', { id: '' }],
      ['sessions:get', { id: 'x'.repeat(65) }],
      ['settings:update', { retentionDays: 0 }],
      ['settings:update', { somethingElse: true }],
      ['recording:chunk', { sessionId: 's1', seq: 0, data: 'not bytes' }],
      ['settings:setKey', { provider: 'openai', key: 'short' }],
      ['app:info', 'string']
    ] as const) {
      const result = await handleInvoke(core, OURS, channel, payload)
      expect(result, `${channel} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    }
    expect(core.dispatched).toEqual([])
  })

  it('rejects channels outside the contract without reaching the core', async () => {
    const core = fakeCore()
    const result = await handleInvoke(core, OURS, 'shell:exec', { cmd: 'rm -rf /' })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(core.dispatch).not.toHaveBeenCalled()
  })

  it('turns a throwing core into an internal error without echoing its message', async () => {
    const core = {
      dispatch: vi.fn(async () => {
        throw new Error('secret transcript text')
      })
    }
    const result = await handleInvoke(core, OURS, 'settings:get', {})
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } })
    expect(JSON.stringify(result)).not.toContain('transcript')
  })

  it('turns a non-Result from the core into an internal error', async () => {
    const core = { dispatch: vi.fn(async () => 'oops' as unknown as Result<unknown>) }
    expect(await handleInvoke(core, OURS, 'settings:get', {})).toMatchObject({ ok: false, error: { code: 'internal' } })
  })
})

describe('senderFrameOf', () => {
  it('reads url and main-frame-ness from the Electron frame', () => {
    const main = { url: 'app://speakloop/', parent: null }
    const sub = { url: 'app://speakloop/', parent: main }
    expect(senderFrameOf({ senderFrame: main } as never)).toEqual({ url: 'app://speakloop/', isMainFrame: true })
    expect(senderFrameOf({ senderFrame: sub } as never)).toEqual({ url: 'app://speakloop/', isMainFrame: false })
  })

  it('is null when the frame is gone', () => {
    expect(senderFrameOf({ senderFrame: null } as never)).toBeNull()
    const destroyed = Object.defineProperty({}, 'url', {
      get() {
        throw new Error('Render frame was disposed')
      }
    })
    expect(senderFrameOf({ senderFrame: destroyed } as never)).toBeNull()
  })
})

describe('registerIpc', () => {
  function fakeIpcMain() {
    const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>()
    return {
      handlers,
      handle: vi.fn((channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) => {
        handlers.set(channel, handler)
      }),
      removeHandler: vi.fn((channel: string) => {
        handlers.delete(channel)
      })
    }
  }

  it('registers exactly one handler per contract channel', () => {
    const ipcMain = fakeIpcMain()
    registerIpc({ ipcMain: ipcMain as never, core: fakeCore(), getWebContents: () => null })
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort())
    expect(ipcMain.handle).toHaveBeenCalledTimes(CHANNELS.length)
  })

  it('routes an invoke through the sender check to the core', async () => {
    const ipcMain = fakeIpcMain()
    const core = fakeCore(() => ({ version: '1.0.0' }))
    const onRequest = vi.fn()
    registerIpc({ ipcMain: ipcMain as never, core, getWebContents: () => null, onRequest })
    const handler = ipcMain.handlers.get('app:info')!
    const trusted = { senderFrame: { url: 'app://speakloop/index.html', parent: null } }
    const foreign = { senderFrame: { url: 'https://example.com/', parent: null } }
    expect(await handler(trusted, {})).toEqual({ ok: true, value: { version: '1.0.0' } })
    expect(await handler(foreign, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(onRequest.mock.calls).toEqual([
      ['app:info', true],
      ['app:info', false]
    ])
  })

  it('stops dispatch when told to (before the core closes): every channel answers "closing" without reaching the core', async () => {
    const ipcMain = fakeIpcMain()
    const core = fakeCore(() => ({ version: '1.0.0' }))
    const stop = registerIpc({ ipcMain: ipcMain as never, core, getWebContents: () => null })
    const trusted = { senderFrame: { url: 'app://speakloop/index.html', parent: null } }
    expect(await ipcMain.handlers.get('app:info')!(trusted, {})).toMatchObject({ ok: true })
    stop()
    expect(await ipcMain.handlers.get('app:info')!(trusted, {})).toEqual(CLOSING)
    expect(core.dispatch).toHaveBeenCalledTimes(1)
  })

  it('forwards core events to the current window and stops after disposal', () => {
    const ipcMain = fakeIpcMain()
    const core = fakeCore()
    const send = vi.fn()
    let contents: { send: typeof send; isDestroyed: () => boolean } | null = null
    const dispose = registerIpc({ ipcMain: ipcMain as never, core, getWebContents: () => contents })

    core.emit('session:deleted', { id: 's1' }) // no window yet: dropped, no throw
    contents = { send, isDestroyed: () => false }
    core.emit('session:deleted', { id: 's2' })
    expect(send).toHaveBeenCalledWith('session:deleted', { id: 's2' })

    contents = { send, isDestroyed: () => true }
    core.emit('session:deleted', { id: 's3' })
    expect(send).toHaveBeenCalledTimes(1)

    dispose()
    expect(core.listenerCount()).toBe(0)
    contents = { send, isDestroyed: () => false }
    core.emit('session:deleted', { id: 's4' })
    expect(send).toHaveBeenCalledTimes(1)
  })
})
