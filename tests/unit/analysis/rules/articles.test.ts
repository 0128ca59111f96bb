import { describe, it, expect } from 'vitest'
import { hits } from './hits.ts'
import { LEARNER_RULES } from '../../../../electron/core/analysis/offline/rules.ts'
import { bareCountableAfterAnyWord } from '../../../../electron/core/analysis/offline/rules/articles.ts'

describe('articles', () => {
  it.each([
    ['It was fantastic trip.', 'grammar.articles: fantastic trip → a fantastic trip'],
    ['We went to cloakroom.', 'grammar.articles: cloakroom → the cloakroom'],
    ['I have car.', 'grammar.articles: car → a car'],
    ['My uncle has other idea.', 'grammar.articles: other idea → another idea'],
    ['The life is very short.', 'grammar.articles: The life → life'],
    ['I ate a apple.', 'grammar.articles: a → an'],
    ['I think the public transport is very useful.', 'grammar.articles: the public transport → public transport'],
    ['The society is changing fast.', 'grammar.articles: The society → society'],
    ['We must protect environment.', 'grammar.articles: environment → the environment'],
    ['I read it on internet.', 'grammar.articles: internet → the internet'],
    ['I think the science helps us every day.', 'grammar.articles: the science → science'],
    ['The global warming is a big problem.', 'grammar.articles: The global warming → global warming']
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
    'Government officials came to the school.',
    'The science of cooking is fun.',
    'We hope for a better future.',
    'It is a healthy environment for children.',
    'I will call you in the near future.',
    'She works in government.',
    'I think the public transport system is slow.',
    'All the people started to laugh.',
    'Some of the people shared their photos.',
    'The football team trains on Mondays.',
    // A capital inside the sentence is a title or a name.
    'Our favourite series was House of Cards.'
  ])('leaves alone: %s', (text) => expect(hits(text)).toEqual([]))
})

describe('articles: a bare countable noun after any verb or preposition', () => {
  const rule = [{ key: 'grammar.articles', find: bareCountableAfterAnyWord }]

  it.each([
    ['My brother sold bicycle to our neighbour.', 'grammar.articles: bicycle → a bicycle'],
    ['We talked about problem for hours.', 'grammar.articles: problem → a problem'],
    ['My brother wrote novel about his life.', 'grammar.articles: novel → a novel']
  ])('flags %s', (text, expected) => expect(hits(text, rule)).toEqual([expected]))

  it.each([
    'We travel by car.',
    'My brother sold his bicycle.',
    'We talked about the problem.',
    'She bought two tickets.',
    'They sat on the sofa and read newspapers.',
    'The meeting took place in a small hall.',
    'Of course we went there by boat.',
    'She plays guitar in a band.',
    'We do sport every day.',
    'They work day and night.',
    // The missing word is "their", not an article.
    'Many people prefer using own car.',
    'We talked about Doctor Who for hours.'
  ])('leaves alone: %s', (text) => expect(hits(text, rule)).toEqual([]))

  it('is a weak rule: one hit alone makes no pattern', () => {
    expect(LEARNER_RULES.find((r) => r.find === bareCountableAfterAnyWord)?.weak).toBe(true)
  })
})

describe('"the most" for most of something', () => {
  it.each([
    ['The most people in my town use the bus.', 'grammar.articles: The most → Most'],
    ['I spend the most of my money on books.', 'grammar.articles: the most → most'],
    ['We agreed with the most of them.', 'grammar.articles: the most → most']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each([
    'She is the most patient teacher I know.',
    'We made the most of our holiday.',
    'Which city did you like the most?',
    'The most important thing is to practise.',
    'Most people in my town use the bus.'
  ])('leaves alone: %s', (text) => expect(hits(text)).toEqual([]))
})

describe('"a/an" before a noun that takes none', () => {
  it.each([
    ['Swimming keeps me in a good health.', 'grammar.articles: a good health → good health'],
    ['My teacher gave me an advice about the exam.', 'grammar.articles: an advice → advice'],
    ['She is doing a serious research on bees.', 'grammar.articles: a serious research → serious research'],
    ['We have a very friendly neighbours in our street.', 'grammar.articles: a very friendly neighbours → very friendly neighbours'],
    ['There was a heavy traffic on the bridge.', 'grammar.articles: a heavy traffic → heavy traffic'],
    ['A new buildings stand near the station.', 'grammar.articles: A new buildings → New buildings']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each([
    'We stayed there for a few days.',
    'She bought a couple of books.',
    'I saw a lot of people at the market.',
    'He went to a music festival.',
    'We had a news conference at noon.',
    'I waited for the bus a long time.',
    'It was a great success.',
    'She took a glass of water.',
    'Now a days everybody has a phone.',
    'That was a great help to us.',
    'He has a good knowledge of history.',
    'The bus is a cheap means of transport.',
    'She watched a whole series on TV.',
    'It was a nice bus ride with a famous boss.'
  ])('leaves alone: %s', (text) => expect(hits(text)).toEqual([]))
})
