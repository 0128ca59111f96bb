import { readFileSync } from 'node:fs'
import { expect } from 'vitest'
import type { Harness } from '../pipeline/harness.ts'
import { speechWav } from '../../support/audio.ts'
import { PRACTICE_ANALYSIS, PRACTICE_SPEECH } from '../../support/practiceFixtures.ts'
import type { Core } from '../../../electron/core/app.ts'
import type { AttemptView } from '../../../electron/shared/contract.ts'

/** A finished session of PRACTICE_SPEECH analysed with PRACTICE_ANALYSIS (three drills); returns its id. */
export async function sessionWithDrills(harness: Harness): Promise<string> {
  harness.sim.transcription.enqueue({ text: PRACTICE_SPEECH })
  harness.sim.analysis.enqueue({ analysis: PRACTICE_ANALYSIS })
  const session = await harness.process(speechWav(PRACTICE_SPEECH))
  expect(session.status).toBe('DONE')
  return session.id
}

/** Records an attempt from espeak-ng's WAV of `spoken` the way the recorder streams it, and waits for the verdict. */
export async function sayAttempt(core: Core, drillId: string, spoken: string): Promise<AttemptView> {
  const { attemptId } = await core.call('practice:start', { drillId, mimeType: 'audio/wav' })
  await core.call('practice:chunk', { attemptId, seq: 0, data: new Uint8Array(readFileSync(speechWav(spoken))) })
  await core.call('practice:finish', { attemptId, durationMs: 4_000 })
  await core.waitForIdle()
  return core.call('practice:attempt', { id: attemptId })
}
