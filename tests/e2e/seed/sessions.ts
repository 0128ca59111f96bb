import { readFileSync } from 'node:fs'
import { expect } from '@playwright/test'
import type { AppUnderTest } from '../../support/e2eFixtures.ts'
import { FAKE_MIC_WAV } from '../../support/e2ePaths.ts'
import type { TranscriptionStep } from '../../support/simulator.ts'

export interface SeedOptions {
  topic?: string
  /** What the simulator transcribes this recording as (its own default transcript when omitted). */
  text?: string
  /** A scripted transcription answer instead, e.g. `{ status: 401 }`. */
  transcription?: TranscriptionStep
  durationMs?: number
}

/**
 * Creates a session the way the renderer does (recording:start, one chunk, recording:finish through
 * window.speakloop), with the simulator scripted first so its transcript is known. Returns its id.
 */
export async function createSession(app: AppUnderTest, options: SeedOptions = {}): Promise<string> {
  if (options.transcription) app.sim.transcription.enqueue(options.transcription)
  else if (options.text) app.sim.transcription.enqueue({ text: options.text })
  const wav = readFileSync(FAKE_MIC_WAV).toString('base64')
  return app.page.evaluate(
    async ({ b64, topic, durationMs }) => {
      const api = window.speakloop
      const start = await api['recording:start']({ mimeType: 'audio/wav', source: 'import', ...(topic ? { topic } : {}) })
      if (!start.ok) throw new Error(start.error.message)
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      const chunk = await api['recording:chunk']({ sessionId: start.value.sessionId, seq: 0, data: bytes })
      if (!chunk.ok) throw new Error(chunk.error.message)
      const finish = await api['recording:finish']({ sessionId: start.value.sessionId, durationMs })
      if (!finish.ok) throw new Error(finish.error.message)
      return start.value.sessionId
    },
    { b64: wav, topic: options.topic, durationMs: options.durationMs ?? 9000 }
  )
}

/** Waits until main reports the session in `status` (DONE or FAILED). */
export async function waitForStatus(app: AppUnderTest, id: string, status: 'DONE' | 'FAILED'): Promise<void> {
  await expect
    .poll(async () => (await app.invoke<{ status: string }>('sessions:get', { id })).status, { timeout: 30_000, message: `session ${id} reaches ${status}` })
    .toBe(status)
}

/** Creates sessions one after another, each finished before the next starts so each gets its own scripted transcript. */
export async function createFinished(app: AppUnderTest, options: SeedOptions & { status?: 'DONE' | 'FAILED' }): Promise<string> {
  const id = await createSession(app, options)
  await waitForStatus(app, id, options.status ?? 'DONE')
  return id
}
