import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../pipeline/harness.ts'
import { speechWav } from '../../support/audio.ts'
import { ftsQuery } from '../../../electron/core/sessions/sessionQuery.ts'
import { estimateCostUsd } from '../../../electron/core/sessions/pricing.ts'
import { WRONG_KEY } from '../../support/simulator.ts'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

async function sessionSaying(harness: Harness, text: string): Promise<string> {
  harness.sim.transcription.enqueue({ text })
  return (await harness.process(speechWav(text))).id
}

describe('history search and filters', () => {
  it('finds sessions by words in their transcript (prefixes, any case, any order) and by topic', async () => {
    h = await createHarness()
    const garden = await sessionSaying(h, 'I walked in the Garden with my grandmother and we planted tomatoes.')
    const kitchen = await sessionSaying(h, 'In the kitchen I cooked pasta for my friends yesterday.')
    const search = async (query: string) => (await h!.core.call('sessions:list', { query })).sessions.map((s) => s.id)

    expect(await search('garden')).toEqual([garden])
    expect(await search('TOMATO')).toEqual([garden])
    expect(await search('walk grand')).toEqual([garden])
    expect(await search('cooked pasta')).toEqual([kitchen])
    expect(await search('pasta garden')).toEqual([])
    expect(await search('"; DROP TABLE Session; --')).toEqual([])
    expect((await h.core.call('sessions:list', {})).total).toBe(2)
    const { sessionId } = await h.core.call('recording:start', { mimeType: 'audio/webm', topic: 'Holiday plans 100%' })
    expect(await search('holiday')).toEqual([sessionId])
    expect(await search('100%')).toEqual([sessionId])

    // Deleting a session removes it from the index too.
    await h.core.call('sessions:delete', { id: garden })
    expect(await search('garden')).toEqual([])
  })

  it('filters by several statuses, a date range and a pattern', async () => {
    h = await createHarness()
    const done = await sessionSaying(h, 'Yesterday I go to the zoo and I see many animal.')
    h.sim.transcription.enqueue({ status: 401 })
    const failed = await h.process(speechWav('a failing one'))
    const ids = async (filter: Parameters<Harness['core']['call']>[1]) =>
      (await h!.core.call('sessions:list', filter as never)).sessions.map((s) => s.id)

    expect(await ids({ statuses: ['FAILED'] })).toEqual([failed.id])
    expect((await ids({ statuses: ['DONE', 'FAILED'] })).sort()).toEqual([done, failed.id].sort())
    expect(await ids({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([])
    expect((await ids({ to: new Date(Date.now() + 60_000).toISOString() })).length).toBe(2)
    const key = (await h.core.call('sessions:get', { id: done })).insights[0]!.patternKey
    expect(await ids({ patternKey: key })).toEqual([done])
    expect(await ids({ patternKey: 'grammar.no-such-pattern' })).toEqual([])
  })

  it('says which stage a failed session stopped at', async () => {
    h = await createHarness({ keys: { openai: WRONG_KEY } })
    const failed = await h.process(speechWav('a failing one'))
    expect(failed.failedStage).toBe('transcription')
    await h.close()

    h = await createHarness()
    h.sim.setDefaultAnalysis({ malformed: true })
    const analysisFailed = await h.process(speechWav('another one'))
    expect(analysisFailed.failedStage).toBe('analysis')
    expect((await h.core.call('sessions:list', {})).sessions[0]!.failedStage).toBe('analysis')
  })

  it('turns typed words into a safe prefix query', () => {
    expect(ftsQuery('walk grand')).toBe('"walk"* "grand"*')
    expect(ftsQuery('he said "hi" OR NOT')).toBe('"he"* "said"* "hi"* "OR"* "NOT"*')
    expect(ftsQuery('  ;;; ')).toBeNull()
  })
})

describe('progress trends and cost', () => {
  it('lists the figures of DONE sessions oldest first with their focus goals', async () => {
    h = await createHarness()
    // Enough words to judge once the fillers are left out, so the session sets a goal.
    const first = await sessionSaying(h, 'Um, yesterday I, um, go to work by bus and, like, I was very tired.')
    const second = await sessionSaying(h, 'Today I am working from home and it is very quiet here.')
    const { points } = await h.core.call('progress:trends', {})
    expect(points.map((p) => p.id)).toEqual([first, second])
    expect(points[0]!.fillersPerMinute).toBeGreaterThan(0)
    expect(points[0]!.speakingRate).toBeGreaterThan(0)
    expect(points[0]!.focusNext?.goal).toBeTruthy()
    expect((await h.core.call('progress:trends', { limit: 1 })).points.map((p) => p.id)).toEqual([second])
  })

  it('estimates what an analysis cost from its tokens and model', async () => {
    expect(estimateCostUsd('claude-haiku-4-5', { input: 1_000_000, output: 0, cacheRead: 0, cacheWrite: 0 })).toBe(1)
    expect(estimateCostUsd('claude-haiku-4-5', { input: 2000, output: 1000, cacheRead: 10_000, cacheWrite: 4000 })).toBe(0.013)
    expect(estimateCostUsd('some-local-model', { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 })).toBeNull()
    h = await createHarness()
    const session = await h.process(speechWav('cost'))
    expect(session.tokens?.estimatedCostUsd).toBeGreaterThan(0)
  })
})
