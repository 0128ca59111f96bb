import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../pipeline/harness.ts'
import { verifiedJudgement } from '../../../electron/core/practice/sentenceJudge.ts'
import { sayAttempt, sessionWithDrills } from './steps.ts'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const SAID = 'Last weekend I went to the cinema and, um, I watch a very long film.'

describe('free-sentence drills (Claude)', () => {
  it('are judged by one forced tool call; verified quotes mark the heard words and the transcript is in the ledger', async () => {
    h = await createHarness()
    await sessionWithDrills(h)
    const drill = await h.core.call('practice:free', { patternKey: 'grammar.past-tense' })
    expect(drill).toMatchObject({ kind: 'free', target: 'Tell me about your last weekend in two sentences, using the past tense.' })
    expect((await h.core.call('practice:free', { patternKey: 'grammar.past-tense' })).id).toBe(drill.id)

    h.sim.transcription.enqueue({ text: SAID })
    h.sim.analysis.enqueue({
      toolInput: {
        passed: false,
        reason: 'You used "watch" for something that happened last weekend.',
        correct: [{ quote: 'I went to the cinema' }],
        errors: [{ quote: 'I watch a very long film', correction: 'I watched a very long film' }]
      }
    })
    const attempt = await sayAttempt(h.core, drill.id, SAID)
    expect(attempt.judgement).toMatchObject({
      passed: false,
      reason: 'You used "watch" for something that happened last weekend.',
      expected: ['I went to the cinema'],
      wrong: ['I watch a very long film → I watched a very long film']
    })
    expect(attempt.judgement!.heard.filter((w) => w.mark === 'wrong').map((w) => w.text)).toEqual(['I', 'watch', 'a', 'very', 'long', 'film.'])

    const request = h.sim.requests.filter((r) => r.kind === 'analysis').at(-1)!
    expect(request.body?.tool_choice).toEqual({ type: 'tool', name: 'record_drill_judgement' })
    expect(JSON.stringify(request.body?.messages)).toContain(`<attempt>${SAID}</attempt>`)
    const session = await h.core.call('sessions:get', { id: drill.sessionId })
    expect(session.ledger.map((l) => `${l.provider}:${l.what}`)).toContain('anthropic:practice attempt transcript')
    expect(h.audioFiles()).toEqual([])
  })

  it('a pass needs verified evidence: a quote that was not said does not count', async () => {
    h = await createHarness()
    await sessionWithDrills(h)
    const drill = await h.core.call('practice:free', { patternKey: 'grammar.past-tense' })
    h.sim.transcription.enqueue({ text: 'I go to the park on Saturday.' })
    h.sim.analysis.enqueue({ toolInput: { passed: true, reason: 'Well done.', correct: [{ quote: 'I went to the park' }], errors: [] } })
    const attempt = await sayAttempt(h.core, drill.id, 'I go to the park on Saturday.')
    expect(attempt.judgement).toMatchObject({ passed: false, expected: [], reason: 'No correct use of present tense for past events was heard.' })
  })

  it('an invalid judgement fails readably, and Retry judges again without transcribing again', async () => {
    h = await createHarness()
    await sessionWithDrills(h)
    const drill = await h.core.call('practice:free', { patternKey: 'grammar.past-tense' })
    h.sim.transcription.enqueue({ text: SAID })
    h.sim.analysis.enqueue({ toolInput: { verdict: 'maybe' } })
    const failed = await sayAttempt(h.core, drill.id, SAID)
    expect(failed).toMatchObject({ status: 'FAILED', errorMessage: 'Claude’s judgement of this sentence came back invalid.' })
    const transcriptions = h.sim.count('transcription')
    h.sim.analysis.enqueue({ toolInput: { passed: true, reason: 'All past forms.', correct: [{ quote: 'I went to the cinema' }], errors: [] } })
    await h.core.call('practice:retry', { id: failed.id })
    await h.core.waitForIdle()
    expect(await h.core.call('practice:attempt', { id: failed.id })).toMatchObject({ status: 'JUDGED', judgement: { passed: true } })
    expect(h.sim.count('transcription')).toBe(transcriptions)
  })

  it('without an Anthropic key there are only the deterministic drills', async () => {
    h = await createHarness()
    await sessionWithDrills(h)
    await h.core.call('practice:free', { patternKey: 'grammar.past-tense' })
    await h.core.call('settings:setKey', { provider: 'anthropic', key: null })
    expect((await h.core.call('practice:list', {})).drills.map((d) => d.kind)).toEqual(['repeat', 'repeat', 'repeat'])
    expect(await h.core.dispatch('practice:free', { patternKey: 'grammar.past-tense' })).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })
})

describe('verified judgement', () => {
  it('keeps only quotes found in what was heard and decides from them, not from the model’s verdict', () => {
    const heard = 'Yesterday I cooked dinner and we eat together.'
    const judged = verifiedJudgement(
      { passed: true, reason: 'Good.', correct: [{ quote: 'I cooked dinner' }, { quote: 'we ate together' }], errors: [{ quote: 'we eat together', correction: 'we ate together' }] },
      heard,
      'Past tense'
    )
    expect(judged).toMatchObject({ passed: false, expected: ['I cooked dinner'], wrong: ['we eat together → we ate together'], reason: 'Good.' })
  })
})
