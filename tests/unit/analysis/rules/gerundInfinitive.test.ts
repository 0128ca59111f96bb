import { describe, it, expect } from 'vitest'
import { hits } from './hits.ts'

describe('gerund and infinitive', () => {
  it.each([
    ['She enjoys to swim.', 'grammar.gerund-infinitive: to swim → swimming'],
    ['I want going home.', 'grammar.gerund-infinitive: going → to go'],
    ['We decided staying here.', 'grammar.gerund-infinitive: staying → to stay']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each(['I enjoy swimming.', 'We decided to go.', 'I suggested to him that we leave.', 'I went shopping.', 'I like going out.'])('leaves alone: %s', (text) =>
    expect(hits(text)).toEqual([])
  )
})
