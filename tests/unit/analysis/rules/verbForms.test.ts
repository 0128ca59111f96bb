import { describe, it, expect } from 'vitest'
import { hits } from './hits.ts'

describe('verb forms', () => {
  it.each([
    ['I buyed a car.', 'grammar.verb-forms: buyed → bought'],
    ['He teached me.', 'grammar.verb-forms: teached → taught'],
    ['I have went there.', 'grammar.verb-forms: went → gone'],
    ['It was wrote in 1990.', 'grammar.verb-forms: wrote → written'],
    ["I can't goes.", 'grammar.verb-forms: goes → go'],
    ["I didn't went home.", 'grammar.verb-forms: went → go']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each(['I bought a car.', 'I have gone there.', 'I went to meetings.', 'It was written in 1990.', 'We had made a plan.', 'He needed help.'])(
    'leaves alone: %s',
    (text) => expect(hits(text)).toEqual([])
  )
})

describe('a perfect without its have', () => {
  it.each([
    ['I seen that film twice.', 'grammar.verb-forms: I → I have'],
    ['We never seen such a big dog.', 'grammar.verb-forms: We → We have'],
    ['She already gone home.', 'grammar.verb-forms: She → She has']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each([
    'I have been to London twice.',
    'We saw a big dog.',
    "She's gone home.",
    'They were seen at the station.'
  ])('leaves alone: %s', (text) => expect(hits(text)).toEqual([]))
})
