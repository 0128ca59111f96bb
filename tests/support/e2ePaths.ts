import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Where the end-to-end run keeps its generated audio (made by e2eGlobalSetup before browsers start). */
export const E2E_DIR = join(tmpdir(), 'speakloop-e2e')
export const FAKE_MIC_WAV = join(E2E_DIR, 'fake-mic.wav')

/** What the fake microphone says; the simulator's transcript of the recording. */
export const FAKE_MIC_TEXT =
  'Yesterday I go to the office and I talk with my manager about the new project. ' +
  'She say that we need more time, um, because the team is very small.'
