import { describe, it, expect } from 'vitest'
import { hits } from './hits.ts'

describe('word choice and auxiliaries', () => {
  it.each([
    ['I was very boring.', 'vocabulary.word-choice: boring → bored'],
    ['I did a mistake.', 'vocabulary.word-choice: did → made'],
    ['He said me the truth.', 'vocabulary.word-choice: said → told'],
    ['I am agree.', 'grammar.auxiliaries: am agree → agree'],
    ['We are need help.', 'grammar.auxiliaries: are need → need']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each(['The film was boring.', 'I did my homework.', 'He told me the truth.', 'I agree.', 'I was interested in art.', 'I am boring people with this story.'])(
    'leaves alone: %s',
    (text) => expect(hits(text)).toEqual([])
  )
})

describe('words for an amount before things you count', () => {
  it.each([
    ['We saw a huge amount of cars on the road.', 'vocabulary.word-choice: amount → number'],
    ['There were not much cars on the road.', 'vocabulary.word-choice: much → many'],
    ['I made less mistakes this time.', 'vocabulary.word-choice: less → fewer']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each([
    'A large amount of money was stolen.',
    'There was not much traffic on the road.',
    'I spend less time on my phone now.',
    'We saw many cars on the road.',
    'Less car traffic would help the town.'
  ])('leaves alone: %s', (text) => expect(hits(text)).toEqual([]))
})
