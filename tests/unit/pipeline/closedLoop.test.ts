import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from './harness.ts'
import { speechWav } from '../../support/audio.ts'
import type { Analysis } from '../../../electron/core/analysis/contract.ts'

/** About 150 words at 100 wpm (90 s of speech), with `fillers` "um"s spread through it. */
function talk(fillers: number): string {
  const sentences = [
    'Last summer I travelled to Portugal with my family and we stayed in a small town near the sea.',
    'Every morning we walked to the market and bought fresh bread, cheese and fruit for the whole day.',
    'In the afternoon my children played on the beach while my wife and I read books under an umbrella.',
    'One evening we ate grilled fish in a tiny restaurant where the owner told us stories about the town.',
    'I think it was the best holiday we had in many years, and I hope we can go back next year.',
    'The weather was warm but not too hot, and the people were friendly and patient with our bad Portuguese.',
    'Next time I want to visit Lisbon and Porto too, because my friends say they are beautiful cities.'
  ]
  const words = sentences.join(' ').split(' ')
  const step = Math.floor(words.length / (fillers + 1))
  for (let i = fillers; i >= 1; i--) words.splice(i * step, 0, 'um,')
  return words.join(' ')
}

function fillerAnalysis(quote: string, previous: Analysis['previousFocus'] = null): Analysis {
  return {
    summary: 'Fluent storytelling with clear sequencing.',
    strengths: ['Clear sequencing'],
    insights: [
      {
        category: 'vocabulary',
        patternKey: 'vocabulary.filler-words',
        pattern: 'Filled pauses',
        detail: 'You often fill pauses with "um".',
        frequency: 3,
        severity: 'medium',
        examples: [{ quote, correction: quote.replace(/um,\s*/g, '') }],
        suggestion: 'Pause silently instead of saying "um".'
      }
    ],
    focusNext: { patternKey: 'vocabulary.filler-words', goal: 'Keep fillers under 3 per minute.' },
    // The model claims no change; the local metrics must decide for a measurable goal.
    previousFocus: previous
  }
}

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('the closed loop over three consecutive sessions', () => {
  it('judges each session against the previous focus goal with the local metrics, not the model alone', async () => {
    h = await createHarness()
    const texts = [talk(12), talk(3), talk(10)]
    const quoteOf = (text: string) => text.split(' ').slice(text.split(' ').indexOf('um,') - 2, text.split(' ').indexOf('um,') + 3).join(' ')
    const results = []
    for (const [i, text] of texts.entries()) {
      h.sim.transcription.enqueue({ text, options: { wpm: 100 } })
      h.sim.analysis.enqueue({
        analysis: fillerAnalysis(quoteOf(text), i === 0 ? null : { patternKey: 'vocabulary.filler-words', verdict: 'same', evidence: 'The model saw no change.' })
      })
      results.push(await h.process(speechWav(`session ${i}`)))
    }
    const [first, second, third] = results

    expect(first!.previousFocus).toBeNull()
    expect(first!.focusNext?.patternKey).toBe('vocabulary.filler-words')
    expect(first!.metrics!.fillers.perMinute).toBeGreaterThan(second!.metrics!.fillers.perMinute)

    expect(second!.previousFocus).toMatchObject({ patternKey: 'vocabulary.filler-words', verdict: 'improved' })
    expect(second!.previousFocus!.evidence).toMatch(/\d/)
    expect(third!.previousFocus).toMatchObject({ patternKey: 'vocabulary.filler-words', verdict: 'worse' })

    // Each analysis request carried the previous session's goal and the growing profile.
    const prompts = h.sim.requests.filter((r) => r.kind === 'analysis').map((r) => JSON.stringify(r.body))
    expect(prompts[0]).not.toContain('Keep fillers under 3 per minute')
    expect(prompts[1]).toContain('vocabulary.filler-words')
    expect(prompts[2]).toContain('vocabulary.filler-words')

    const { patterns } = await h.core.call('profile:get', {})
    expect(patterns.find((p) => p.patternKey === 'vocabulary.filler-words')).toMatchObject({ sessions: 3, occurrences: 9 })
  })
})

describe('a session too short to judge', () => {
  it('asks no analyzer, sets no goal and gives no verdict; the next session is judged against the goal before it', async () => {
    h = await createHarness()
    const before = talk(12)
    const quoteOf = (text: string) => text.split(' ').slice(text.split(' ').indexOf('um,') - 2, text.split(' ').indexOf('um,') + 3).join(' ')
    h.sim.transcription.enqueue({ text: before, options: { wpm: 100 } })
    h.sim.analysis.enqueue({ analysis: fillerAnalysis(quoteOf(before)) })
    const first = await h.process(speechWav('the goal'))
    expect(first.focusNext?.goal).toBe('Keep fillers under 3 per minute.')

    // Three words, one of them a filler: Claude is configured, but there is nothing for it to judge.
    h.sim.transcription.enqueue({ text: 'Um, hello there.' })
    const short = await h.process(speechWav('too short'))
    expect(short.status).toBe('DONE')
    expect(short.summary).toMatch(/Only 2 words to go on: too little speech to judge\. Record at least a minute/)
    expect(short.focusNext).toBeNull()
    expect(short.previousFocus).toBeNull()
    expect(short.insights).toEqual([])
    expect(short.ledger.filter((e) => e.what !== 'audio deleted').map((e) => [e.provider, e.what])).toEqual([
      ['openai', 'audio'],
      ['on-device analysis', 'nothing sent']
    ])
    expect(h.sim.requests.filter((r) => r.kind === 'analysis')).toHaveLength(1)
    const exported = JSON.parse((await h.core.call('data:export', {})).json) as { sessions: { id: string; focusNext: unknown }[] }
    expect(exported.sessions.find((s) => s.id === short.id)).toHaveProperty('focusNext', null)

    const after = talk(3)
    h.sim.transcription.enqueue({ text: after, options: { wpm: 100 } })
    h.sim.analysis.enqueue({ analysis: fillerAnalysis(quoteOf(after), { patternKey: 'vocabulary.filler-words', verdict: 'same', evidence: 'No change.' }) })
    const third = await h.process(speechWav('judged against the first'))
    // The goal in force was the first session's, measured against the first session's fillers.
    const prompts = h.sim.requests.filter((r) => r.kind === 'analysis').map((r) => JSON.stringify(r.body))
    expect(prompts[1]).toContain('Keep fillers under 3 per minute.')
    expect(third.previousFocus).toMatchObject({ patternKey: 'vocabulary.filler-words', verdict: 'improved' })
    expect(third.previousFocus!.evidence).toContain(`from ${first.metrics!.fillers.perMinute.toFixed(1)} to ${third.metrics!.fillers.perMinute.toFixed(1)}`)
  })
})

describe('the focus goal', () => {
  it('prefers the pattern that keeps coming back over the model\'s pick of a new one', async () => {
    h = await createHarness()
    const text = talk(6)
    const quote = text.split(' ').slice(text.split(' ').indexOf('um,') - 2, text.split(' ').indexOf('um,') + 3).join(' ')
    for (let i = 0; i < 2; i++) {
      h.sim.transcription.enqueue({ text, options: { wpm: 100 } })
      h.sim.analysis.enqueue({ analysis: fillerAnalysis(quote) })
      await h.process(speechWav(`persistent ${i}`))
    }
    const third = fillerAnalysis(quote)
    third.insights.unshift({
      category: 'grammar',
      patternKey: 'grammar.articles',
      pattern: 'Missing articles',
      detail: 'A noun needs an article.',
      frequency: 1,
      severity: 'high',
      examples: [{ quote: 'in a small town', correction: 'in a small town' }],
      suggestion: 'Check articles.'
    })
    third.focusNext = { patternKey: 'grammar.articles', goal: 'Use articles.' }
    h.sim.transcription.enqueue({ text, options: { wpm: 100 } })
    h.sim.analysis.enqueue({ analysis: third })
    const session = await h.process(speechWav('persistent 3'))
    expect(session.insights.map((i) => i.patternKey)).toContain('grammar.articles')
    expect(session.focusNext?.patternKey).toBe('vocabulary.filler-words')
    expect(session.focusNext?.goal).toMatch(/\d/)
  })
})

describe('settings that matter', () => {
  it('the target language, first language, level and model change what the providers receive', async () => {
    h = await createHarness()
    await h.core.call('settings:update', { language: 'en', firstLanguage: 'Polish', level: 'C1', analysisModel: 'claude-sonnet-4-5' })
    await h.process(speechWav('settings one'))
    const first = h.sim.requests.filter((r) => r.kind === 'analysis').at(-1)!
    expect(first.model).toBe('claude-sonnet-4-5')
    expect(JSON.stringify(first.body)).toContain('First language: Polish')
    expect(JSON.stringify(first.body)).toContain('Level: C1')

    await h.core.call('settings:update', { language: 'de', level: 'A2' })
    await h.process(speechWav('settings two'))
    const transcription = h.sim.requests.filter((r) => r.kind === 'transcription').at(-1)!
    expect(transcription.language).toBe('de')
    const second = JSON.stringify(h.sim.requests.filter((r) => r.kind === 'analysis').at(-1)!.body)
    expect(second).toContain('Level: A2')
    expect(second).toContain('Target language: de')
    expect(JSON.stringify(first.body)).toContain('Target language: en')
  })

  it('choosing on-device analysis sends no transcript even with an Anthropic key', async () => {
    h = await createHarness()
    await h.core.call('settings:update', { analysisProvider: 'on-device' })
    const session = await h.process(speechWav('on device'))
    expect(session.status).toBe('DONE')
    expect(h.sim.count('analysis')).toBe(0)
    expect(session.ledger.some((l) => l.what === 'transcript')).toBe(false)
  })

  it('the renderer only ever learns whether a key is set and its last four characters', async () => {
    h = await createHarness()
    const settings = await h.core.call('settings:setKey', { provider: 'openai', key: 'sk-live-abcdefgh4f2a' })
    expect(settings.openaiKey).toEqual({ set: true, last4: '4f2a' })
    expect(JSON.stringify(settings)).not.toContain('abcdefgh')
    const removed = await h.core.call('settings:setKey', { provider: 'openai', key: null })
    expect(removed.openaiKey).toEqual({ set: false, last4: null })
  })
})
