import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../pipeline/harness.ts'
import { CORRECT_SENTENCE, ORIGINAL_SENTENCE } from '../../support/practiceFixtures.ts'
import { citeDrills } from '../../../electron/core/practice/focusEvidence.ts'
import { sayAttempt, sessionWithDrills } from './steps.ts'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('drill results beside the next focus verdict', () => {
  it('the next session cites the drills practised on its previous focus, and Claude is told they are not occurrences', async () => {
    h = await createHarness()
    await sessionWithDrills(h)
    const profileBefore = await h.core.call('profile:get', {})
    const drills = (await h.core.call('practice:list', {})).drills.filter((d) => d.patternKey === 'grammar.past-tense')
    h.sim.transcription.enqueue({ text: CORRECT_SENTENCE }, { text: ORIGINAL_SENTENCE }, { text: CORRECT_SENTENCE })
    await sayAttempt(h.core, drills[0]!.id, CORRECT_SENTENCE)
    await sayAttempt(h.core, drills[0]!.id, ORIGINAL_SENTENCE)
    // A drill on another pattern is not evidence for the past-tense focus.
    const other = (await h.core.call('practice:list', {})).drills.find((d) => d.patternKey !== 'grammar.past-tense')!
    await sayAttempt(h.core, other.id, CORRECT_SENTENCE)

    const nextId = await sessionWithDrills(h)
    const next = await h.core.call('sessions:get', { id: nextId })
    expect(next.previousFocus?.patternKey).toBe('grammar.past-tense')
    expect(next.previousFocus?.evidence).toMatch(/Drills on this pattern since the last session: 1 of 2 passed\.$/)
    const prompt = JSON.stringify(h.sim.requests.filter((r) => r.kind === 'analysis').at(-1)!.body)
    expect(prompt).toContain('practice drills on it since then: 1 of 2 passed (evidence only, not occurrences')
    // The second session adds its own occurrences to the profile; the drills add none.
    const profileAfter = await h.core.call('profile:get', {})
    const pastTense = (profile: typeof profileBefore) => profile.patterns.find((p) => p.patternKey === 'grammar.past-tense')!
    expect(pastTense(profileAfter).occurrences).toBe(2 * pastTense(profileBefore).occurrences)
  })

  it('a session with no drills since the previous one keeps the verdict as it was', async () => {
    h = await createHarness()
    await sessionWithDrills(h)
    const next = await h.core.call('sessions:get', { id: await sessionWithDrills(h) })
    expect(next.previousFocus?.evidence).not.toMatch(/Drills/)
    expect(JSON.stringify(h.sim.requests.filter((r) => r.kind === 'analysis').at(-1)!.body)).not.toContain('practice drills')
  })

  it('citeDrills adds one sentence only when there were attempts', () => {
    expect(citeDrills('Fewer fillers.', { passed: 3, attempts: 4 })).toBe('Fewer fillers. Drills on this pattern since the last session: 3 of 4 passed.')
    expect(citeDrills('Fewer fillers.', { passed: 0, attempts: 0 })).toBe('Fewer fillers.')
    expect(citeDrills('Fewer fillers.', null)).toBe('Fewer fillers.')
  })
})
