import { describe, it, expect } from 'vitest'
import { hits } from './hits.ts'

describe('prepositions', () => {
  it.each([
    ['It depends of the weather.', 'grammar.prepositions: of → on'],
    ['We discussed about it.', 'grammar.prepositions: discussed about → discussed'],
    ['She is married with a doctor.', 'grammar.prepositions: with → to'],
    ['I am interested on art.', 'grammar.prepositions: on → in'],
    ['We arrived to the airport.', 'grammar.prepositions: to → at'],
    ['I go to home.', 'grammar.prepositions: to home → home'],
    ['I listen music.', 'grammar.prepositions: listen → listen to'],
    ['We met in Monday.', 'grammar.prepositions: in → on'],
    ['Most of people like it.', 'grammar.prepositions: Most of → Most'],
    ['We stayed home because the rain.', 'grammar.prepositions: because → because of'],
    ['I am good in math.', 'grammar.prepositions: in → at'],
    ['We met at the morning.', 'grammar.prepositions: at → in']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each(['I arrived to find the door open.', 'It depends on you.', 'I listen to music.', 'We met on Monday.', 'I go home.', 'She is married with two children.', 'Most of the people like it.', 'We stayed home because the rain was heavy.', "I left because it's late.", 'It is good in summer.', 'I look to the future.'])(
    'leaves alone: %s',
    (text) => expect(hits(text)).toEqual([])
  )
})

describe('a preposition a fixed phrase wants, or does not', () => {
  it.each([
    ['There were a lot people at the concert.', 'grammar.prepositions: lot → lot of'],
    ['We stayed at home because of it was raining.', 'grammar.prepositions: because of → because'],
    ['We waited the bus for an hour.', 'grammar.prepositions: waited → waited for'],
    ['My brother is interested football.', 'grammar.prepositions: interested → interested in'],
    ['I am interested learning Spanish.', 'grammar.prepositions: interested → interested in']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each([
    'I like it a lot more now.',
    'We stayed at home because of it.',
    'Please wait a minute.',
    'We waited all day for the bus.',
    'She is interested in history.',
    'I am not interested, thank you.',
    'He was a lot better after the holiday.'
  ])('leaves alone: %s', (text) => expect(hits(text)).toEqual([]))
})
