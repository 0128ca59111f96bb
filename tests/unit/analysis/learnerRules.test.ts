import { describe, it, expect } from 'vitest'
import { pastScope, runLearnerRules } from '../../../electron/core/analysis/offline/rules.ts'
import { spanText, tokenize } from '../../../electron/core/analysis/offline/text.ts'

/** Each hit as "key: original → replacement". */
function hits(text: string): string[] {
  const { tokens, sentences } = tokenize(text)
  const doc = { tokens, sentences, pastScope: pastScope(sentences, 2025), currentYear: 2025 }
  return runLearnerRules(doc).map((f) => `${f.key}: ${spanText(text, tokens, f.from, f.to)} → ${f.replacement}`)
}

describe('learner rules', () => {
  it.each([
    ['Yesterday I go to the park.', 'grammar.past-tense: go → went'],
    ['Last week she buys a new phone.', 'grammar.past-tense: buys → bought'],
    ['In 2019 we decide to move.', 'grammar.past-tense: decide → decided'],
    ['Two days ago it is very cold.', 'grammar.past-tense: is → was'],
    ['When I was a child, I play football.', 'grammar.past-tense: play → played'],
    ['Last year I visited Rome. Then I travel to Milan.', 'grammar.past-tense: travel → traveled'],
    ['He go to work by bike.', 'grammar.third-person-s: go → goes'],
    ['She never like coffee.', 'grammar.third-person-s: like → likes'],
    ['My mother work in a shop.', 'grammar.third-person-s: work → works'],
    ['It don\'t matter.', "grammar.third-person-s: don't → doesn't"],
    ['They was tired.', 'grammar.subject-verb-agreement: was → were'],
    ['The people is friendly.', 'grammar.subject-verb-agreement: is → are'],
    ['There is many shops here.', 'grammar.subject-verb-agreement: is → are'],
    ['She are my friend.', 'grammar.subject-verb-agreement: are → is'],
    ['I has a dog.', 'grammar.subject-verb-agreement: has → have'],
    ['I ate a apple.', 'grammar.articles: a → an'],
    ['It was an big problem.', 'grammar.articles: an → a'],
    ['It is good idea.', 'grammar.articles: good → a good'],
    ['I am teacher.', 'grammar.articles: teacher → a teacher'],
    ['We went to cinema.', 'grammar.articles: cinema → the cinema'],
    ['I run in morning.', 'grammar.articles: morning → the morning'],
    ['I am agree with you.', 'grammar.auxiliaries: am agree → agree'],
    ['I\'m not agree.', "grammar.auxiliaries: I'm not agree → I don't agree"],
    ['It is depend on the weather.', 'grammar.auxiliaries: is depend → depends'],
    ['I didn\'t went home.', 'grammar.verb-forms: went → go'],
    ['Does she likes it?', 'grammar.verb-forms: likes → like'],
    ['I have two brother.', 'grammar.plurals: brother → brothers'],
    ['There are many city in Spain.', 'grammar.plurals: city → cities'],
    ['One of my friend lives there.', 'grammar.plurals: friend → friends'],
    ['We waited 3 hour.', 'grammar.plurals: hour → hours']
  ])('flags %s', (text, expected) => {
    expect(hits(text)).toEqual([expected])
  })

  it.each([
    'I went to the park yesterday.',
    'I moved here two years ago and now I work in a bank.',
    'I started last year and I like it a lot.',
    'Does he go to school?',
    'Let it go.',
    'He read the book.',
    'If she were here, she would help.',
    'I have time today.',
    'I go to school by bus.',
    'I have car insurance.',
    'It takes a lot of time.',
    'He is a two year old boy.',
    'An hour later an honest man came.',
    'It is like a dream.',
    'My colleagues there are kind. Last year I moved, and my colleagues there are very supportive.',
    'The children play outside and their parents talk.',
    'I have been there twice.'
  ])('leaves correct English alone: %s', (text) => {
    expect(hits(text)).toEqual([])
  })

  it('reports a word once even when two rules would match it', () => {
    // "go" after "Yesterday he" is both a past-tense slip and a missing -s; the past reading wins.
    expect(hits('Yesterday he go home.')).toEqual(['grammar.past-tense: go → went'])
  })
})

describe('rule keys', () => {
  it('gives every key a rule can report a label, a detail and a suggestion', async () => {
    const { LEARNER_RULES } = await import('../../../electron/core/analysis/offline/rules.ts')
    const { PATTERNS } = await import('../../../electron/core/analysis/offline/patterns.ts')
    for (const key of new Set(LEARNER_RULES.map((r) => r.key))) {
      expect(PATTERNS[key]?.suggestion, key).toBeTruthy()
      expect(PATTERNS[key]?.detail(2), key).toMatch(/2 times/)
    }
  })
})
