import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHarness, type Harness } from '../pipeline/harness.ts'
import { speechWav } from '../../support/audio.ts'
import { coreEventLogEntry, createLogger } from '../../../electron/main/logger.ts'
import { filesHolding } from './diskScan.ts'

// Every word of five letters or more is one no log line could hold by chance.
const SPOKEN = 'Um, yesterday I go to the Quillfeather market, like, and I see Marrowbeck friends. Um, I buy a Tansyglow hat, like, yesterday.'
const WORDS = [...new Set(SPOKEN.match(/[A-Za-z]{5,}/g)!)]
const TOPIC = 'Thistlewick holiday'

let h: Harness | undefined
afterEach(async () => {
  vi.restoreAllMocks()
  await h?.close()
  h = undefined
})

describe('privacy: logs never hold learner text', () => {
  it('over a whole session (import, transcribe, analyse, re-analyse on-device, export, delete) no log file holds a word of it', { timeout: 120_000 }, async () => {
    h = await createHarness()
    const logs = join(h.dataDir, 'logs')
    mkdirSync(logs, { recursive: true })
    // The shell's log, wired to the core's events as electron/main does, and everything printed to the console.
    const logger = createLogger({ dir: logs })
    h.core.subscribe((event, payload) => {
      const entry = coreEventLogEntry(event, payload)
      if (entry) logger.info(entry.event, entry.fields)
    })
    const consoleLog = join(logs, 'console.log')
    writeFileSync(consoleLog, '')
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => appendFileSync(consoleLog, `${args.map(String).join(' ')}\n`))
    }

    h.sim.setDefaultTranscript(SPOKEN)
    const { sessionId } = await h.core.call('recording:start', { mimeType: 'audio/wav', source: 'recording', topic: TOPIC })
    await h.core.call('recording:chunk', { sessionId, seq: 0, data: new Uint8Array(readFileSync(speechWav(SPOKEN))) })
    await h.core.call('recording:finish', { sessionId, durationMs: 6_000 })
    await h.core.waitForIdle()
    expect((await h.core.call('sessions:get', { id: sessionId })).status).toBe('DONE')
    await h.core.call('settings:update', { analysisProvider: 'on-device' })
    await h.core.call('sessions:reanalyze', { id: sessionId })
    await h.core.waitForIdle()
    const analysed = await h.core.call('sessions:get', { id: sessionId })
    expect(analysed.status).toBe('DONE')
    expect(analysed.analysisModel).toMatch(/on-device|offline|local/i)
    const { json } = await h.core.call('data:export', {})
    expect(json).toContain('Quillfeather')
    await h.core.call('sessions:delete', { id: sessionId })
    // A request that fails (the session is gone) is logged by the shell with its channel only.
    expect((await h.core.dispatch('sessions:get', { id: sessionId })).ok).toBe(false)

    const logFiles = readdirSync(logs)
    expect(logFiles).toEqual(expect.arrayContaining(['main.log', 'console.log']))
    expect(readFileSync(join(logs, 'main.log'), 'utf8')).toContain(`session:deleted id=${sessionId}`)
    for (const word of [...WORDS, 'Thistlewick']) expect(filesHolding(logs, word), word).toEqual([])
  })
})
