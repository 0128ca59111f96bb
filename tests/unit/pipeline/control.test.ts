import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from './harness.ts'
import { speechWav } from '../../support/audio.ts'
import { backoffDelay } from '../../../electron/core/pipeline/jobRunner.ts'
import { until } from '../../support/until.ts'

const SPEECH = 'On Monday I start a new job and I was very nervous about it.'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('learner control', () => {
  it('cancelling a running transcription ends FAILED "Cancelled", and Retry finishes it', async () => {
    h = await createHarness()
    h.sim.transcription.enqueue({ delayMs: 10_000 })
    const id = await h.importFile(speechWav(SPEECH))
    await until(() => h!.sim.requests.some((r) => r.kind === 'transcription'), 'the upload')
    const cancelled = await h.core.call('sessions:cancel', { id })
    await h.core.waitForIdle()
    const failed = await h.core.call('sessions:get', { id })
    expect(cancelled.id).toBe(id)
    expect(failed.status).toBe('FAILED')
    expect(failed.errorMessage).toBe('Cancelled.')
    expect(failed.audioPresent).toBe(true)

    await h.core.call('sessions:retry', { id })
    await h.core.waitForIdle()
    expect((await h.core.call('sessions:get', { id })).status).toBe('DONE')
  })

  it('a cancel that arrives while the provider client is still being built sends nothing', async () => {
    const { defaultProviders } = await import('../../../electron/core/app.ts')
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    h = await createHarness({
      providers: {
        async transcriber(settings) {
          await gate
          return defaultProviders(h!.env, h!.core.settings).transcriber(settings)
        },
        analyzer: (settings) => defaultProviders(h!.env, h!.core.settings).analyzer(settings)
      }
    })
    const id = await h.importFile(speechWav(SPEECH))
    await until(async () => (await h!.core.call('sessions:get', { id })).status === 'TRANSCRIBING', 'TRANSCRIBING')
    await h.core.call('sessions:cancel', { id })
    release()
    await h.core.waitForIdle()
    expect((await h.core.call('sessions:get', { id })).errorMessage).toBe('Cancelled.')
    expect(h.sim.count('transcription')).toBe(0)
  })

  it('quitting mid-transcription leaves the session resumable, and the next start finishes it', async () => {
    h = await createHarness()
    h.sim.transcription.enqueue({ delayMs: 10_000 })
    const id = await h.importFile(speechWav(SPEECH))
    await until(() => h!.sim.requests.some((r) => r.kind === 'transcription'), 'the upload')
    await h.core.shutdown()
    const core = await h.reopen()
    await core.waitForIdle()
    const session = await core.call('sessions:get', { id })
    expect(session.status).toBe('DONE')
    expect(h.sim.count('transcription')).toBe(2)
    expect(h.audioFiles()).toEqual([])
  })

  it('a session `speakloop import` queued beside the running app is picked up while idle', async () => {
    h = await createHarness({ runner: { idlePollMs: 100 } })
    const cli = join(import.meta.dirname, '../../../electron/cli/index.ts')
    const output = execFileSync(process.execPath, ['--import', 'tsx', cli, 'import', speechWav(SPEECH), '--json', '--data-dir', h.dataDir], {
      env: { ...process.env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' }
    })
    const { id } = JSON.parse(output.toString()) as { id: string }
    await until(async () => (await h!.core.call('sessions:get', { id })).status === 'DONE', 'the imported session to finish')
  }, 60_000)

  it('only a failed session can be retried and only a processing one cancelled', async () => {
    h = await createHarness()
    const session = await h.process(speechWav(SPEECH))
    const retry = await h.core.dispatch('sessions:retry', { id: session.id })
    const cancel = await h.core.dispatch('sessions:cancel', { id: session.id })
    expect(retry).toEqual({ ok: false, error: { code: 'conflict', message: 'Only a failed session can be retried.' } })
    expect(cancel.ok).toBe(false)
    expect(await h.core.dispatch('sessions:get', { id: 'nope' })).toEqual({ ok: false, error: { code: 'not-found', message: 'That session no longer exists.' } })
  })

  it('chunks out of order are refused without losing the recording', async () => {
    h = await createHarness()
    const { sessionId } = await h.core.call('recording:start', { mimeType: 'audio/webm' })
    expect((await h.core.dispatch('recording:chunk', { sessionId, seq: 0, data: new Uint8Array([1, 2]) })).ok).toBe(true)
    const skipped = await h.core.dispatch('recording:chunk', { sessionId, seq: 2, data: new Uint8Array([3]) })
    expect(skipped).toEqual({ ok: false, error: { code: 'conflict', message: 'Expected audio chunk 1, got 2.' } })
    expect((await h.core.dispatch('recording:chunk', { sessionId, seq: 1, data: new Uint8Array([3]) })).ok).toBe(true)
  })

  it('a discarded recording leaves neither a session nor a file', async () => {
    h = await createHarness()
    const { sessionId } = await h.core.call('recording:start', { mimeType: 'audio/webm' })
    await h.core.call('recording:chunk', { sessionId, seq: 0, data: new Uint8Array(1000) })
    await h.core.call('recording:discard', { sessionId })
    expect((await h.core.call('sessions:list', {})).total).toBe(0)
    expect(h.audioFiles()).toEqual([])
  })

  it('invalid payloads are refused by the contract before any work', async () => {
    h = await createHarness()
    const results = await Promise.all([
      h.core.dispatch('sessions:get', {}),
      h.core.dispatch('sessions:get', { id: 42 }),
      h.core.dispatch('recording:chunk', { sessionId: 'x', seq: -1, data: 'AAAA' }),
      h.core.dispatch('settings:update', { theme: 'neon' }),
      h.core.dispatch('settings:update', { evil: true }),
      h.core.dispatch('no:such', {}),
      h.core.dispatch('__proto__', {})
    ])
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
  })
})

describe('backoff', () => {
  it('grows exponentially, is capped, and keeps at least half the ceiling', () => {
    const backoff = { baseMs: 1000, capMs: 8000 }
    expect(backoffDelay(1, backoff, () => 0)).toBe(500)
    expect(backoffDelay(1, backoff, () => 1)).toBe(1000)
    expect(backoffDelay(3, backoff, () => 1)).toBe(4000)
    expect(backoffDelay(10, backoff, () => 1)).toBe(8000)
    expect(backoffDelay(10, backoff, () => 0)).toBe(4000)
  })
})

describe('what the shell shows outside the window', () => {
  it('notifies when a session finishes or fails, and counts sessions still processing for the badge', async () => {
    const notes: string[] = []
    h = await createHarness({ onNotify: (title, body) => notes.push(`${title}: ${body}`) })
    h.sim.transcription.enqueue({ delayMs: 500 })
    const id = await h.importFile(speechWav(SPEECH))
    await until(() => h!.core.processingCount() === 1, 'the session to count as processing')
    await h.core.waitForIdle()
    await until(() => notes.length === 1, 'the notification')
    expect(h.core.processingCount()).toBe(0)
    expect(notes[0]).toMatch(/^Your session is ready/)
    expect((await h.core.call('sessions:get', { id })).status).toBe('DONE')

    h.sim.transcription.enqueue({ status: 401 })
    await h.importFile(speechWav(SPEECH))
    await h.core.waitForIdle()
    await until(() => notes.length === 2, 'the failure notification')
    expect(notes[1]).toMatch(/^A session could not be processed: Your OpenAI API key was rejected/)
  })
})
