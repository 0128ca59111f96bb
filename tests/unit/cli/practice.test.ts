import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../electron/core/app.ts'
import { memorySecretStore } from '../../../electron/core/settings/secrets.ts'
import type { CrashPoint } from '../../../electron/core/pipeline/crashPoints.ts'
import { startSimulator, type Simulator } from '../../support/simulator.ts'
import { runSpeakloop } from '../../support/cliProcess.ts'
import { fileWith, speechWav } from '../../support/audio.ts'
import { CORRECT_SENTENCE, ORIGINAL_SENTENCE, PRACTICE_ANALYSIS, PRACTICE_SPEECH } from '../../support/practiceFixtures.ts'
import { MIGRATIONS } from '../pipeline/harness.ts'


let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

/** `speakloop …` in its own process; a crash point, when given, kills it there. */
const speakloop = (args: string[], crashAt?: CrashPoint) => runSpeakloop(sim, args, { SPEAKLOOP_CRASH_AT: crashAt ?? '' })

/** A data dir with one DONE session whose analysis gives three drills; returns the first (focus) drill's id. */
async function dataDirWithDrills(): Promise<{ dir: string; drillId: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'speakloop-cli-practice-'))
  sim.transcription.enqueue({ text: PRACTICE_SPEECH })
  sim.analysis.enqueue({ analysis: PRACTICE_ANALYSIS })
  expect((await speakloop(['process', speechWav(PRACTICE_SPEECH), '--data-dir', dir])).code).toBe(0)
  const listed = await speakloop(['practice', '--json', '--data-dir', dir])
  expect(listed.code).toBe(0)
  const { drills } = JSON.parse(listed.stdout)
  expect(drills[0]).toMatchObject({ patternKey: 'grammar.past-tense', say: CORRECT_SENTENCE })
  return { dir, drillId: drills[0].id }
}

describe('speakloop practice', { timeout: 120_000 }, () => {
  it('lists due drills; try exits 0 on a pass and 1 on a fail, with the reason; the drill leaves the due list', async () => {
    const { dir, drillId } = await dataDirWithDrills()
    const text = await speakloop(['practice', '--data-dir', dir])
    expect(text.stdout).toContain(`${drillId}  grammar.past-tense (focus)\n  Say: ${CORRECT_SENTENCE}`)

    sim.transcription.enqueue({ text: ORIGINAL_SENTENCE })
    const failed = await speakloop(['practice', 'try', drillId, speechWav(ORIGINAL_SENTENCE), '--data-dir', dir])
    expect(failed.code).toBe(1)
    expect(failed.stdout).toContain('FAIL')
    expect(failed.stdout).toContain('Heard: Yesterday *I* *go* *to* the market with my friend.')
    expect(failed.stdout).toContain('You said “i go to”, the form to avoid. “i went to” was not heard.')

    sim.transcription.enqueue({ text: CORRECT_SENTENCE })
    const passed = await speakloop(['practice', 'try', drillId, speechWav(CORRECT_SENTENCE), '--json', '--data-dir', dir])
    expect(passed.code).toBe(0)
    const attempt = JSON.parse(passed.stdout)
    expect(attempt).toMatchObject({ status: 'JUDGED', judgement: { passed: true, expected: ['i went to'] } })
    expect(readdirSync(join(dir, 'audio'))).toEqual([])

    const due = JSON.parse((await speakloop(['practice', '--json', '--data-dir', dir])).stdout)
    expect(due.drills.map((d: { id: string }) => d.id)).not.toContain(drillId)
  })

  it('exits 2 on bad usage, an unknown drill and unreadable audio, sending nothing', async () => {
    const { dir, drillId } = await dataDirWithDrills()
    const before = sim.count('transcription')
    expect((await speakloop(['practice', 'try', drillId, '--data-dir', dir])).code).toBe(2)
    expect((await speakloop(['practice', 'say', '--data-dir', dir])).code).toBe(2)
    expect((await speakloop(['practice', 'try', drillId, join(dir, 'missing.wav'), '--data-dir', dir])).code).toBe(2)
    const notAudio = await speakloop(['practice', 'try', drillId, fileWith('notes.wav', new TextEncoder().encode('x'.repeat(200))), '--data-dir', dir])
    expect(notAudio.code).toBe(2)
    expect(notAudio.stdout).toContain('is not audio Speakloop can read')
    expect((await speakloop(['practice', 'try', 'no-such-drill', speechWav(CORRECT_SENTENCE), '--data-dir', dir])).code).toBe(2)
    expect(sim.count('transcription')).toBe(before)
  })

  it('a crash before the transcription call resumes at the next start and transcribes once', async () => {
    const { dir, drillId } = await dataDirWithDrills()
    const crashed = await speakloop(['practice', 'try', drillId, speechWav(CORRECT_SENTENCE), '--data-dir', dir], 'practice:before-call')
    expect(crashed.signal).toBe('SIGKILL')
    const before = sim.count('transcription')
    sim.transcription.enqueue({ text: CORRECT_SENTENCE })
    const attempt = await afterRestart(dir, drillId)
    expect(attempt).toMatchObject({ status: 'JUDGED', judgement: { passed: true } })
    expect(sim.count('transcription')).toBe(before + 1)
    expect(readdirSync(join(dir, 'audio'))).toEqual([])
  })

  it('a crash after the judgement commit does not transcribe again, and the start-up sweep deletes the audio', async () => {
    const { dir, drillId } = await dataDirWithDrills()
    sim.transcription.enqueue({ text: CORRECT_SENTENCE })
    const crashed = await speakloop(['practice', 'try', drillId, speechWav(CORRECT_SENTENCE), '--data-dir', dir], 'practice:after-commit')
    expect(crashed.signal).toBe('SIGKILL')
    expect(readdirSync(join(dir, 'audio'))).toHaveLength(1)
    const calls = sim.count('transcription')
    const attempt = await afterRestart(dir, drillId)
    expect(attempt).toMatchObject({ status: 'JUDGED', judgement: { passed: true } })
    expect(sim.count('transcription')).toBe(calls)
    expect(readdirSync(join(dir, 'audio'))).toEqual([])
  })
})

/** Starts a core on the data dir as the app would after a crash, runs what is left and returns the one attempt. */
async function afterRestart(dir: string, drillId: string) {
  const env = { OPENAI_API_KEY: 'sk-test-openai', ANTHROPIC_API_KEY: 'sk-ant-test', OPENAI_BASE_URL: sim.openaiBaseUrl, ANTHROPIC_BASE_URL: sim.anthropicBaseUrl }
  const core = await createCore({ dataDir: dir, migrationsDir: MIGRATIONS, secrets: memorySecretStore(env), env })
  try {
    await core.start()
    await core.waitForIdle()
    const { attempts } = await core.call('practice:history', { drillId })
    expect(attempts).toHaveLength(1)
    return attempts[0]!
  } finally {
    await core.shutdown()
  }
}
