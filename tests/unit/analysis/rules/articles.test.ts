import { describe, it, expect } from 'vitest'
import { hits } from './hits.ts'

describe('articles', () => {
  it.each([
    ['It was fantastic trip.', 'grammar.articles: fantastic trip → a fantastic trip'],
    ['We went to cloakroom.', 'grammar.articles: cloakroom → the cloakroom'],
    ['I have car.', 'grammar.articles: car → a car'],
    ['The life is very short.', 'grammar.articles: The life → life'],
    ['I ate a apple.', 'grammar.articles: a → an']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each([
    'It was a great experience.',
    'I go to school by car.',
    'She is the best teacher.',
    'I like playing with my dog.',
    'The life of my grandmother was hard.',
    'We stayed at home last week.',
    'For example, my brother is a doctor.'
  ])('leaves alone: %s', (text) => expect(hits(text)).toEqual([]))
})
