import { describe, it, expect } from 'vitest'
import { hits } from './hits.ts'

describe('agreement and third-person -s', () => {
  it.each([
    ['Today public transport still play an important role.', 'grammar.subject-verb-agreement: play → plays'],
    ['My brother usually play football on Sundays.', 'grammar.third-person-s: play → plays'],
    ['They was tired.', 'grammar.subject-verb-agreement: was → were'],
    ['My parents has a small house.', 'grammar.subject-verb-agreement: has → have'],
    ['The prices is very high in summer.', 'grammar.subject-verb-agreement: is → are'],
    ['Our town are very beautiful.', 'grammar.subject-verb-agreement: are → is'],
    ['Every day the bus come late.', 'grammar.third-person-s: come → comes'],
    ['Each week she visit her aunt.', 'grammar.third-person-s: visit → visits'],
    ['A lot of people is late on Mondays.', 'grammar.subject-verb-agreement: is → are'],
    ['In the old town the houses was small.', 'grammar.subject-verb-agreement: was → were'],
    ['At my school, teachers is always busy.', 'grammar.subject-verb-agreement: is → are'],
    ['In my town, shops has short hours on Sundays.', 'grammar.subject-verb-agreement: has → have']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each([
    'The friends in my team are kind.',
    'My mother and my father work in a bank.',
    'The price of the tickets is high.',
    'Cars and public transport play different roles.',
    'Someone like me needs a break.',
    'Trains, planes and buses will be faster.',
    "People who believe it don't care.",
    'I like to take the bus, catch the train and read.',
    'If the weather were better, we would go out.',
    'My family are very kind.',
    "My brothers don't like football.",
    'The children were happy.',
    'In the summer around the lake are many concerts.',
    'Love, see you soon.',
    'I almost every day go to the gym.',
    'Every year have a big festival in our town.',
    // The noun after a preposition belongs to a longer subject.
    'The number of these children is rising.',
    'A good plan for many children is a short walk.',
    'Life with small children is busy.',
    // A list of actions: the noun before the comma ends one action, it is not the subject of the next.
    'On my tablet I read books, access the internet, check my mail and chat.',
    // A singular noun ending in -s, and a relative clause's verb.
    'Physics is my favourite subject.',
    'My grandfather use to fish in the river.',
    'The only thing that matters is the result.'
  ])('leaves alone: %s', (text) => expect(hits(text)).toEqual([]))
})

describe('"there is" and "there are" against what follows', () => {
  it.each([
    ['There is many shops in the centre.', 'grammar.subject-verb-agreement: is → are'],
    // A plural the lexicon does not list, found by the tagger.
    ['There was huge queues at the border.', 'grammar.subject-verb-agreement: was → were'],
    ['There are a problem with the heating.', 'grammar.subject-verb-agreement: are → is'],
    ['In our street there were an old cinema.', 'grammar.subject-verb-agreement: were → was']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each([
    'There are a lot of people in the park.',
    'There were a few tourists at the beach.',
    'There are one or two cafes near the station.',
    'There is a small shop near the station.',
    'There are many reasons to stay.',
    'There was news about the strike.'
  ])('leaves alone: %s', (text) => expect(hits(text)).toEqual([]))
})
