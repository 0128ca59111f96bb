import { describe, it, expect } from 'vitest'
import { hits } from './hits.ts'

describe('articles', () => {
  it.each([
    ['It was fantastic trip.', 'grammar.articles: fantastic trip → a fantastic trip'],
    ['We went to cloakroom.', 'grammar.articles: cloakroom → the cloakroom'],
    ['I have car.', 'grammar.articles: car → a car'],
    ['The life is very short.', 'grammar.articles: The life → life'],
    ['I ate a apple.', 'grammar.articles: a → an'],
    ['I think the public transport is very useful.', 'grammar.articles: the public transport → public transport'],
    ['The society is changing fast.', 'grammar.articles: The society → society'],
    ['We must protect environment.', 'grammar.articles: environment → the environment'],
    ['I read it on internet.', 'grammar.articles: internet → the internet']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each([
    'It was a great experience.',
    'I go to school by car.',
    'She is the best teacher.',
    'I like playing with my dog.',
    'The life of my grandmother was hard.',
    'We stayed at home last week.',
    'For example, my brother is a doctor.',
    'The people in my town are friendly.',
    'The public transport in my city is cheap.',
    'I found it on the internet.',
    'In future we will travel more.',
    'Government officials came to the school.'
  ])('leaves alone: %s', (text) => expect(hits(text)).toEqual([]))
})
