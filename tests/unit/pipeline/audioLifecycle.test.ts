import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from './harness.ts'
import { speechWav } from '../../support/audio.ts'
import { WRONG_KEY } from '../../support/simulator.ts'

const DAY = 24 * 60 * 60 * 1000

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('audio lifecycle', () => {
  it('a failed transcription keeps its audio for the retention period, then deletes it at start-up', async () => {
    h = await createHarness({ keys: { openai: WRONG_KEY } })
    const failed = await h.process(speechWav('kept for a retry'))
    expect(h.audioFiles()).toHaveLength(1)

    const later = (days: number) => () => new Date(Date.now() + days * DAY)
    await h.reopen({ now: later(6) })
    expect(h.audioFiles()).toHaveLength(1)

    await h.reopen({ now: later(8) })
    expect(h.audioFiles()).toEqual([])
    const session = await h.core.call('sessions:get', { id: failed.id })
    expect(session.errorHint).toMatch(/deleted after 7 days/)
    expect(await h.core.dispatch('sessions:retry', { id: failed.id })).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('the retention setting decides how long failed audio stays', async () => {
    h = await createHarness({ keys: { openai: WRONG_KEY } })
    await h.core.call('settings:update', { retentionDays: 30 })
    await h.process(speechWav('kept longer'))
    await h.reopen({ now: () => new Date(Date.now() + 8 * DAY) })
    expect(h.audioFiles()).toHaveLength(1)
  })

  it('a recording cut short by a crash is kept and processed; an empty one ends FAILED; stray files go', async () => {
    h = await createHarness()
    // One file, not stretches (see stretches.test.ts for a recording transcribed while it goes on).
    await h.core.call('settings:update', { transcribeWhileRecording: false })
    const wav = readFileSync(speechWav('a recording the app never finished'))
    const { sessionId } = await h.core.call('recording:start', { mimeType: 'audio/wav' })
    await h.core.call('recording:chunk', { sessionId, seq: 0, data: new Uint8Array(wav) })
    const empty = (await h.core.call('recording:start', { mimeType: 'audio/webm' })).sessionId
    writeFileSync(join(h.dataDir, 'audio', 'stray.webm'), 'not ours')
    expect(h.audioFiles().sort()).toEqual([`${sessionId}.part`, 'stray.webm'])

    // The app stops without finishing either recording, then starts again.
    await h.reopen()
    await h.core.waitForIdle()
    const recovered = await h.core.call('sessions:get', { id: sessionId })
    expect(recovered.status).toBe('DONE')
    expect(recovered.ledger.map((l) => l.what)).toContain('recording recovered after an interruption')
    expect(h.sim.requests.find((r) => r.kind === 'transcription')?.fileSize).toBe(wav.length)
    const nothing = await h.core.call('sessions:get', { id: empty })
    expect(nothing.status).toBe('FAILED')
    expect(nothing.errorMessage).toMatch(/before any audio was saved/)
    expect(h.audioFiles()).toEqual([])
  })
})
