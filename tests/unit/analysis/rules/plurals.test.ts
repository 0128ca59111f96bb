import { describe, it, expect } from 'vitest'
import { hits } from './hits.ts'

describe('plurals', () => {
  it.each([
    ['I bought three new book.', 'grammar.plurals: book → books'],
    ['There are several reason for this.', 'grammar.plurals: reason → reasons'],
    ['One of the student was late.', 'grammar.plurals: student → students'],
    ['Every days I walk.', 'grammar.plurals: days → day'],
    ['I bought two knife yesterday.', 'grammar.plurals: knife → knives'],
    ['We have three classmate from Italy.', 'grammar.plurals: classmate → classmates'],
    ['I made alot of mistake in the test.', 'grammar.plurals: mistake → mistakes'],
    ['She has lots of cousin in Spain.', 'grammar.plurals: cousin → cousins'],
    ['My parents always help other person in need.', 'grammar.plurals: person → people'],
    ['I talked with other student after class.', 'grammar.plurals: student → students'],
    ['A number of student missed the bus.', 'grammar.plurals: student → students']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each(['I have two brothers.', 'He is a three year old boy.', 'Several people came.', 'I walk every day.', 'We spent a lot of time there.', 'In 2019 we moved.', 'The lake is 30 km away.', 'Every day is a different day.', 'We want a 100% refund for the trip.', 'It was a 13 hour journey.', 'Take the 712 bus to the station.', 'She is one of the team.', "We visited each other's houses.", 'There are a lot of bicycle paths here.', 'The heater uses 600 kw of power.', 'The other person left early.', 'On the other hand, it is cheap.', 'We met each other at school.', 'My other brother is a doctor.', 'A number of students missed the bus.', 'The number of cars is growing.', 'My sister bought two, brother bought one.', 'I remember one of the Doctor Who specials.', 'The majority of course agreed.'])(
    'leaves alone: %s',
    (text) => expect(hits(text)).toEqual([])
  )
})

describe('kinds of things', () => {
  it.each([
    ['I listen to different kind of music.', 'grammar.plurals: kind → kinds'],
    ['We played all type of sports at school.', 'grammar.plurals: type → types']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each([
    'I listen to a different kind of music now.',
    'What kind of music do you like?',
    'There are many kinds of birds here.',
    'He is not the other type of person.'
  ])('leaves alone: %s', (text) => expect(hits(text)).toEqual([]))
})
