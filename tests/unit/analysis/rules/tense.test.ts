import { describe, it, expect } from 'vitest'
import { hits } from './hits.ts'

describe('narrative past', () => {
  it.each([
    ['Last weekend I visited my grandmother. She get very confused.', 'grammar.past-tense: get → got'],
    ['We went to the beach and we swim all day.', 'grammar.past-tense: swim → swam'],
    ['Yesterday I go to the park.', 'grammar.past-tense: go → went'],
    ['I moved to Spain more than ten years ago and then I start a new job.', 'grammar.past-tense: start → started'],
    ['Yesterday it is very cold.', 'grammar.past-tense: is → was']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each([
    'I moved here two years ago and now I work in a bank.',
    'We went to the beach and I think it is the best place.',
    'My sister lives in Rome. She works in a shop.',
    'I visited Paris and I love it.',
    'I think that ten years ago people were poorer.',
    'I am writing to you about the trip last week.',
    "Last summer we stayed in a flat that I'm renting again this year.",
    'Young people are not as healthy as twenty years ago.',
    'Last year the teachers at my school explain every lesson twice.',
    'When I was a child, if you want ice cream you ask your grandmother.',
    'Two years ago we visited the old town that my grandfather is so proud of.',
    'My friend Will showed me the city last week.'
  ])('leaves alone: %s', (text) => expect(hits(text)).toEqual([]))
})
