import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../pipeline/harness.ts'
import { speechWav } from '../../support/audio.ts'
import { sessionWithDrills } from './steps.ts'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const TELLINGS = [
  'Last summer I um went to the coast with my family and we, like, stayed in a small house near the beach for a week.',
  'Last summer I went to the coast with my family and we stayed in a small house near the beach.',
  'Last summer we stayed in a small house by the beach.'
]

describe('retell 4-3-2', () => {
  it('groups three ordinary sessions as rounds and compares pace, fillers, mid-clause pauses and MATTR', async () => {
    h = await createHarness()
    const started = await h.core.call('retell:start', { prompt: 'Tell me about a trip you took.' })
    expect(started).toMatchObject({ prompt: 'Tell me about a trip you took.', roundSeconds: [240, 180, 120], rounds: [] })
    for (const [i, text] of TELLINGS.entries()) {
      h.sim.transcription.enqueue({ text, options: { wpm: 100 + i * 20 } })
      const session = await h.process(speechWav(text))
      expect(session.status).toBe('DONE')
      await h.core.call('retell:addRound', { retellId: started.id, round: i + 1, sessionId: session.id })
    }
    const view = await h.core.call('retell:get', { id: started.id })
    expect(view.rounds.map((r) => r.round)).toEqual([1, 2, 3])
    const figures = view.rounds.map((r) => r.figures!)
    // Each round's figures are its own session's metrics, unchanged.
    for (const round of view.rounds) {
      const session = await h.core.call('sessions:get', { id: round.sessionId })
      expect(round.figures).toEqual({
        speakingRate: session.metrics!.speakingRate,
        fillersPerMinute: session.metrics!.fillers.perMinute,
        midClausePausesPerMinute: session.metrics!.pauses.midClausePerMinute,
        mattr: session.metrics!.lexicalDiversity.mattr,
        mattrLowConfidence: true
      })
    }
    expect(figures[0]!.fillersPerMinute).toBeGreaterThan(0)
    expect(figures[2]!.fillersPerMinute).toBe(0)
    expect(figures[2]!.speakingRate).toBeGreaterThan(figures[0]!.speakingRate)
  })

  it('takes shorter rounds, refuses a round twice, and goes with the session of its last round', async () => {
    h = await createHarness()
    const retell = await h.core.call('retell:start', { prompt: 'Describe your morning.', roundSeconds: [90, 60, 45] })
    expect(retell.roundSeconds).toEqual([90, 60, 45])
    expect(await h.core.dispatch('retell:start', { prompt: 'x', roundSeconds: [10, 60, 45] })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    const session = await h.process(speechWav(TELLINGS[1]!))
    await h.core.call('retell:addRound', { retellId: retell.id, round: 1, sessionId: session.id })
    expect(await h.core.dispatch('retell:addRound', { retellId: retell.id, round: 1, sessionId: session.id })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const untouched = await h.core.call('retell:start', { prompt: 'Describe your home.' })
    await h.core.call('sessions:delete', { id: session.id })
    // A retell whose last round was deleted goes too; one not started yet stays.
    expect(await h.core.dispatch('retell:get', { id: retell.id })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect((await h.core.call('retell:get', { id: untouched.id })).rounds).toEqual([])
  })

  it('deleting everything deletes every retell, drill and attempt', async () => {
    h = await createHarness()
    const retell = await h.core.call('retell:start', { prompt: 'Describe your home.' })
    const sessionId = await sessionWithDrills(h)
    await h.core.call('retell:addRound', { retellId: retell.id, round: 1, sessionId })
    expect((await h.core.call('practice:list', {})).drills).toHaveLength(3)
    await h.core.call('data:deleteAll', { confirm: 'DELETE' })
    expect(await h.core.dispatch('retell:get', { id: retell.id })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect((await h.core.call('practice:list', {})).drills).toEqual([])
  })
})
