import { describe, it, expect } from 'vitest'
import { hits } from './hits.ts'

describe('narrative past', () => {
  it.each([
    ['Last weekend I visited my grandmother. She get very confused.', 'grammar.past-tense: get → got'],
    ['We went to the beach and we swim all day.', 'grammar.past-tense: swim → swam'],
    ['Yesterday I go to the park.', 'grammar.past-tense: go → went'],
    ['I moved to Spain more than ten years ago and then I start a new job.', 'grammar.past-tense: start → started'],
    ['Yesterday it is very cold.', 'grammar.past-tense: is → was'],
    ['Last summer I am in Greece with my family.', 'grammar.past-tense: am → was']
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
    'My friend Will showed me the city last week.',
    // "my last year", "the last semester": a period that may be now, not a past marker.
    'My brother is in his last year at school.',
    'My sister is in the last semester of her degree.'
  ])('leaves alone: %s', (text) => expect(hits(text)).toEqual([]))
})

describe('present be, have or do inside a story told in the past', () => {
  it.each([
    ['We walked to the river. We are very tired, so we sat down on the grass.', 'grammar.past-tense: are → were'],
    ['My brother visited us in June. He has a new car and he drove us to the coast.', 'grammar.past-tense: has → had'],
    ['I arrived at the station late. I am angry because I missed the train.', 'grammar.past-tense: am → was']
  ])('flags %s', (text, expected) => expect(hits(text)).toEqual([expected]))

  it.each([
    // No past in the sentence itself: a description that may still hold.
    'We visited my aunt in Leeds. She is very kind.',
    // A story's first sentence has no story before it.
    'I am tired because I worked all night.',
    // A perfect, a progressive, a comment from now, a question, "now".
    'We walked home. We have walked there many times since I moved here.',
    'I met Anna last week. She is working in a bank now, she told me.',
    'We saw the film twice. I think it is the best film of the year, so I bought it.',
    'I called my mother. Do you know what she said?'
  ])('leaves alone: %s', (text) => expect(hits(text)).toEqual([]))
})
