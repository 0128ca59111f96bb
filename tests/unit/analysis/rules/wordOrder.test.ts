import { describe, it, expect } from 'vitest'
import { hits } from './hits.ts'

describe('word order', () => {
  it.each([
    ['I like very much football.', 'grammar.word-order: like very much football → like football very much'],
    ['I play always tennis.', 'grammar.word-order: play always tennis → always play tennis'],
    ["I don't know where is the station.", 'grammar.word-order: is the station → the station is']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each(['I know what is important.', 'I like football very much.', 'Where is the station?', 'I always play tennis.', 'She is always late.'])('leaves alone: %s', (text) =>
    expect(hits(text)).toEqual([])
  )
})
