import { describe, it, expect } from 'vitest'
import { hits } from './hits.ts'

describe('agreement and third-person -s', () => {
  it.each([
    ['Today public transport still play an important role.', 'grammar.subject-verb-agreement: play → plays'],
    ['My brother usually play football on Sundays.', 'grammar.third-person-s: play → plays'],
    ['They was tired.', 'grammar.subject-verb-agreement: was → were'],
    ['My parents has a small house.', 'grammar.subject-verb-agreement: has → have']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each([
    'The friends in my team are kind.',
    'My mother and my father work in a bank.',
    'The price of the tickets is high.',
    'Cars and public transport play different roles.',
    'Someone like me needs a break.',
    'Trains, planes and buses will be faster.',
    "People who believe it don't care.",
    'I like to take the bus, wait the train and read.'
  ])('leaves alone: %s', (text) => expect(hits(text)).toEqual([]))
})
