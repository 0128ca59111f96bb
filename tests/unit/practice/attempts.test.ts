import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../pipeline/harness.ts'
import { speechWav } from '../../support/audio.ts'
import { WRONG_KEY } from '../../support/simulator.ts'
import { CORRECT_SENTENCE, ORIGINAL_SENTENCE, PRACTICE_ANALYSIS } from '../../support/practiceFixtures.ts'
import { sayAttempt, sessionWithDrills } from './steps.ts'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('drills from a session', () => {
  it('every verified example becomes a drill with the corrected sentence, focus pattern first', async () => {
    h = await createHarness()
    const sessionId = await sessionWithDrills(h)
    const { drills, focus } = await h.core.call('practice:list', {})
    expect(focus).toMatchObject({ patternKey: 'grammar.past-tense' })
    expect(drills.map((d) => [d.patternKey, d.quote, d.target, d.focus])).toEqual([
      ['grammar.past-tense', 'Yesterday I go to the', CORRECT_SENTENCE, true],
      ['grammar.past-tense', 'we buy some vegetables', 'We bought some vegetables and a lot of fruits.', true],
      ['grammar.auxiliaries', 'I am agree', 'I agree that the prices are very high now.', false]
    ])
    expect(drills.every((d) => d.sessionId === sessionId)).toBe(true)
    expect(drills[0]!.expected).toEqual(['i went to'])
  })

  it("Today's practice shows at most five due drills, the focus goal and a prompt for the focus pattern", async () => {
    h = await createHarness()
    await sessionWithDrills(h)
    await sessionWithDrills(h)
    const today = await h.core.call('practice:today', {})
    expect(today.due).toBe(6)
    expect(today.drills).toHaveLength(5)
    expect(today.drills.slice(0, 4).every((d) => d.patternKey === 'grammar.past-tense')).toBe(true)
    expect(today.focus?.goal).toBe(PRACTICE_ANALYSIS.focusNext.goal)
    expect(today.prompt).toMatch(/last weekend/)
  })

  it('a re-analysis keeps a drill whose example remains, with its history', async () => {
    h = await createHarness()
    const sessionId = await sessionWithDrills(h)
    const [drill] = (await h.core.call('practice:list', {})).drills
    h.sim.transcription.enqueue({ text: CORRECT_SENTENCE })
    await sayAttempt(h.core, drill!.id, CORRECT_SENTENCE)
    h.sim.analysis.enqueue({ analysis: { ...PRACTICE_ANALYSIS, insights: [PRACTICE_ANALYSIS.insights[1]!] } })
    await h.core.call('sessions:reanalyze', { id: sessionId })
    await h.core.waitForIdle()
    const { drills } = await h.core.call('practice:list', {})
    expect(drills.map((d) => d.quote).sort()).toEqual(['Yesterday I go to the', 'we buy some vegetables'])
    expect(drills.find((d) => d.id === drill!.id)?.lastResult?.passed).toBe(true)
  })

  it('deleting the session removes its drills and attempts', async () => {
    h = await createHarness()
    const sessionId = await sessionWithDrills(h)
    const [drill] = (await h.core.call('practice:list', {})).drills
    h.sim.transcription.enqueue({ text: ORIGINAL_SENTENCE })
    const judged = await sayAttempt(h.core, drill!.id, ORIGINAL_SENTENCE)
    await h.core.call('sessions:delete', { id: sessionId })
    expect((await h.core.call('practice:list', {})).drills).toEqual([])
    expect(await h.core.dispatch('practice:attempt', { id: judged.id })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect((await h.core.call('practice:evidence', {})).patterns).toEqual([])
  })
})

describe('attempt lifecycle', () => {
  it('the corrected sentence passes: transcribed by the session provider, judged, audio deleted, ledger written, drill pushed out', async () => {
    h = await createHarness()
    const sessionId = await sessionWithDrills(h)
    const [drill] = (await h.core.call('practice:list', {})).drills
    h.sim.transcription.enqueue({ text: `Um, ${CORRECT_SENTENCE}` })
    const result = await sayAttempt(h.core, drill!.id, CORRECT_SENTENCE)
    expect(result.status).toBe('JUDGED')
    expect(result.heard).toBe(`Um, ${CORRECT_SENTENCE}`)
    expect(result.judgement).toMatchObject({ passed: true, missing: [], wrong: [] })
    const request = h.sim.requests.filter((r) => r.kind === 'transcription').at(-1)!
    expect(request.fileSize).toBe(readFileSync(speechWav(CORRECT_SENTENCE)).length)
    // Fillers are kept by the transcription prompt, as for sessions.
    expect(request.prompt).toMatch(/um/i)
    expect(h.audioFiles()).toEqual([])
    const session = await h.core.call('sessions:get', { id: sessionId })
    expect(session.ledger.map((l) => `${l.provider}:${l.what}`)).toEqual(
      expect.arrayContaining([expect.stringMatching(/:practice attempt audio$/), 'local:practice attempt audio deleted'])
    )
    // The session itself is untouched by practice.
    expect(session.status).toBe('DONE')
    expect(session.insights).toHaveLength(2)
    const after = (await h.core.call('practice:list', {})).drills.find((d) => d.id === drill!.id)!
    expect(new Date(after.due).getTime()).toBeGreaterThan(Date.now() + 12 * 60 * 60 * 1000)
    expect(result.nextDue).toBe(after.due)
    expect((await h.core.call('practice:list', { dueOnly: true })).drills.map((d) => d.id)).not.toContain(drill!.id)
  })

  it('the original sentence fails with the reason, and the evidence counts it without touching the profile', async () => {
    h = await createHarness()
    await sessionWithDrills(h)
    const profileBefore = await h.core.call('profile:get', {})
    const [drill] = (await h.core.call('practice:list', {})).drills
    h.sim.transcription.enqueue({ text: CORRECT_SENTENCE }, { text: ORIGINAL_SENTENCE })
    await sayAttempt(h.core, drill!.id, CORRECT_SENTENCE)
    const failed = await sayAttempt(h.core, drill!.id, ORIGINAL_SENTENCE)
    expect(failed.judgement).toMatchObject({ passed: false, missing: ['i went to'], wrong: ['i go to'] })
    expect(failed.judgement!.reason).toMatch(/You said “i go to”, the form to avoid/)
    expect((await h.core.call('practice:evidence', {})).patterns).toEqual([
      { patternKey: 'grammar.past-tense', label: 'Present tense for past events', passed: 1, attempts: 2 }
    ])
    expect(await h.core.call('profile:get', {})).toEqual(profileBefore)
  })

  it('a provider error ends the attempt FAILED with a readable message; its audio stays and Retry judges it', async () => {
    h = await createHarness()
    await sessionWithDrills(h)
    const [drill] = (await h.core.call('practice:list', {})).drills
    await h.core.call('settings:setKey', { provider: 'openai', key: WRONG_KEY })
    const failed = await sayAttempt(h.core, drill!.id, CORRECT_SENTENCE)
    expect(failed.status).toBe('FAILED')
    expect(failed.errorMessage).toMatch(/key/i)
    expect(failed.errorHint).toBeTruthy()
    expect(h.audioFiles()).toHaveLength(1)

    await h.core.call('settings:setKey', { provider: 'openai', key: 'sk-test-openai-0001' })
    h.sim.transcription.enqueue({ text: CORRECT_SENTENCE })
    await h.core.call('practice:retry', { id: failed.id })
    await h.core.waitForIdle()
    const retried = await h.core.call('practice:attempt', { id: failed.id })
    expect(retried).toMatchObject({ status: 'JUDGED', errorMessage: null, judgement: { passed: true } })
    expect(h.audioFiles()).toEqual([])
  })

  it('a transient provider error is retried by the job runner before it counts', async () => {
    h = await createHarness()
    await sessionWithDrills(h)
    const [drill] = (await h.core.call('practice:list', {})).drills
    h.sim.transcription.enqueue({ status: 503 }, { text: CORRECT_SENTENCE })
    const result = await sayAttempt(h.core, drill!.id, CORRECT_SENTENCE)
    expect(result).toMatchObject({ status: 'JUDGED', judgement: { passed: true } })
  })

  it('an attempt cut off by a restart is dropped with its partial audio; a failed one keeps audio only for the retention period', async () => {
    h = await createHarness()
    await sessionWithDrills(h)
    const [drill] = (await h.core.call('practice:list', {})).drills
    const { attemptId } = await h.core.call('practice:start', { drillId: drill!.id, mimeType: 'audio/wav' })
    await h.core.call('practice:chunk', { attemptId, seq: 0, data: new Uint8Array(readFileSync(speechWav(CORRECT_SENTENCE))) })
    await h.core.call('settings:setKey', { provider: 'openai', key: WRONG_KEY })
    const failed = await sayAttempt(h.core, drill!.id, ORIGINAL_SENTENCE)
    expect(h.audioFiles()).toHaveLength(2)

    await h.reopen({ env: { ...h.env, OPENAI_API_KEY: WRONG_KEY }, now: () => new Date(Date.now() + 8 * 24 * 60 * 60 * 1000) })
    expect(h.audioFiles()).toEqual([])
    expect(await h.core.dispatch('practice:attempt', { id: attemptId })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await h.core.dispatch('practice:retry', { id: failed.id })).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('an unreadable recording fails permanently with a message, never a judgement', async () => {
    h = await createHarness()
    await sessionWithDrills(h)
    const [drill] = (await h.core.call('practice:list', {})).drills
    const { attemptId } = await h.core.call('practice:start', { drillId: drill!.id, mimeType: 'audio/wav' })
    await h.core.call('practice:chunk', { attemptId, seq: 0, data: new TextEncoder().encode('not audio at all') })
    await h.core.call('practice:finish', { attemptId, durationMs: 4_000 })
    await h.core.waitForIdle()
    const result = await h.core.call('practice:attempt', { id: attemptId })
    expect(result).toMatchObject({ status: 'FAILED', judgement: null, errorMessage: 'This file is not audio Speakloop can read.' })
    // Nothing was sent for it.
    expect(h.sim.count('transcription')).toBe(1)
  })

  it('the improved transcript applies only the verified examples', async () => {
    h = await createHarness()
    const sessionId = await sessionWithDrills(h)
    const improved = await h.core.call('practice:improved', { sessionId })
    expect(improved.changes).toBe(3)
    expect(improved.parts.filter((p) => p.original !== undefined)).toEqual([
      { text: 'went', original: 'go' },
      { text: 'bought', original: 'buy' },
      { text: '', original: 'am' }
    ])
  })
})

describe('export', () => {
  it('export everything holds each drill with its attempts and each retell with its rounds', async () => {
    h = await createHarness()
    const sessionId = await sessionWithDrills(h)
    const [drill] = (await h.core.call('practice:list', {})).drills
    h.sim.transcription.enqueue({ text: ORIGINAL_SENTENCE })
    const failed = await sayAttempt(h.core, drill!.id, ORIGINAL_SENTENCE)
    const retell = await h.core.call('retell:start', { prompt: 'Describe your morning.', roundSeconds: [90, 60, 45] })
    await h.core.call('retell:addRound', { retellId: retell.id, round: 1, sessionId })

    const { practice } = JSON.parse((await h.core.call('data:export', {})).json)
    expect(practice.drills).toHaveLength(3)
    const exported = practice.drills.find((d: { id: string }) => d.id === drill!.id)
    expect(exported).toMatchObject({ sessionId, quote: 'Yesterday I go to the', target: CORRECT_SENTENCE, patternKey: 'grammar.past-tense' })
    expect(exported.attempts).toEqual([
      expect.objectContaining({ id: failed.id, status: 'JUDGED', heard: ORIGINAL_SENTENCE, passed: false, judgement: expect.objectContaining({ wrong: ['i go to'] }) })
    ])
    expect(practice.retells).toEqual([
      expect.objectContaining({ id: retell.id, prompt: 'Describe your morning.', roundSeconds: [90, 60, 45], rounds: [{ round: 1, sessionId }] })
    ])
  })
})
