import { describe, expect, it } from 'vitest'
import { drillForms, judgeAttempt } from '../../../electron/core/practice/judge.ts'
import { spokenWords, fluentKeys } from '../../../electron/core/practice/spoken.ts'

const pastTense = drillForms('Yesterday I go to the', 'Yesterday I went to the')

describe('drill forms', () => {
  it('a replaced word becomes the corrected form with a word of context, and the learner’s form to avoid', () => {
    expect(pastTense).toEqual({ expected: [['i', 'went', 'to']], avoid: [['i', 'go', 'to']] })
  })

  it('a missing word is checked in context, so “a” alone is never the form', () => {
    expect(drillForms('I bought car', 'I bought a car')).toEqual({ expected: [['bought', 'a', 'car']], avoid: [['bought', 'car']] })
  })

  it('an unnecessary word is checked by its absence between its neighbours', () => {
    expect(drillForms('I am agree that', 'I agree that')).toEqual({ expected: [['i', 'agree']], avoid: [['i', 'am', 'agree']] })
  })

  it('two changes in one example give two forms', () => {
    const forms = drillForms('we buy some vegetable', 'we bought some vegetables')
    expect(forms.expected).toEqual([
      ['we', 'bought', 'some'],
      ['some', 'vegetables']
    ])
    expect(drillForms('he go and buy it', 'he went and bought it').expected).toEqual([
      ['he', 'went', 'and'],
      ['and', 'bought', 'it']
    ])
  })

  it('fillers in the learner’s quote are not part of the form to avoid', () => {
    expect(drillForms('Um, we buy some', 'we bought some')).toEqual({ expected: [['we', 'bought', 'some']], avoid: [['we', 'buy', 'some']] })
  })

  it('an insertion at the start does not make the corrected form count as the wrong one', () => {
    const forms = drillForms('car is red', 'The car is red')
    expect(forms.expected).toEqual([['the', 'car']])
    expect(forms.avoid).toEqual([])
    expect(judgeAttempt(forms, 'The car is red.').passed).toBe(true)
    expect(judgeAttempt(forms, 'Car is red.').passed).toBe(false)
  })

  it('a correction that changes nothing a learner can say gives no form', () => {
    expect(drillForms('I went home.', 'I went home').expected).toEqual([])
  })
})

describe('judge', () => {
  it('passes when the corrected sentence is said', () => {
    const result = judgeAttempt(pastTense, 'Yesterday I went to the market with my friend.')
    expect(result.passed).toBe(true)
    expect(result.missing).toEqual([])
    expect(result.wrong).toEqual([])
    expect(result.heard.filter((w) => w.mark === 'expected').map((w) => w.text)).toEqual(['I', 'went', 'to'])
  })

  it('fails naming the missing form when the original is said, and marks the wrong words', () => {
    const result = judgeAttempt(pastTense, 'Yesterday I go to the market with my friend.')
    expect(result.passed).toBe(false)
    expect(result.missing).toEqual(['i went to'])
    expect(result.wrong).toEqual(['i go to'])
    expect(result.reason).toBe('You said “i go to”, the form to avoid. “i went to” was not heard.')
    expect(result.heard.filter((w) => w.mark === 'wrong').map((w) => w.text)).toEqual(['I', 'go', 'to'])
  })

  it('fails naming the missing form when neither form is said', () => {
    const result = judgeAttempt(pastTense, 'Yesterday we walked to the market.')
    expect(result).toMatchObject({ passed: false, missing: ['i went to'], wrong: [] })
    expect(result.reason).toBe('“i went to” was not heard.')
  })

  it('ignores fillers between the words of a form', () => {
    const result = judgeAttempt(pastTense, 'Yesterday I, um, went to the, uh, market.')
    expect(result.passed).toBe(true)
    expect(result.heard.filter((w) => w.mark === 'filler').map((w) => w.text)).toEqual(['um,', 'uh,'])
  })

  it('ignores a discourse filler and a repeated word', () => {
    const result = judgeAttempt(pastTense, 'Yesterday I I went, you know, to the market.')
    expect(result.passed).toBe(true)
    expect(result.heard.filter((w) => w.mark !== null && w.mark !== 'expected').map((w) => [w.text, w.mark])).toEqual([
      ['I', 'restart'],
      ['you', 'filler'],
      ['know,', 'filler']
    ])
  })

  it('ignores a restart that the learner corrected: “I go- I went”', () => {
    const result = judgeAttempt(pastTense, 'Yesterday I go- I went to the market.')
    expect(result.passed).toBe(true)
    expect(result.heard.filter((w) => w.mark === 'restart').map((w) => w.text)).toEqual(['I', 'go-'])
  })

  it('ignores a restart set off by a comma at the start of a clause: “we went to, we go to”', () => {
    const forms = drillForms('we go to the park', 'we went to the park')
    expect(judgeAttempt(forms, 'Then, we go to, we went to the park.').passed).toBe(true)
    // The later words are what the learner settled on.
    expect(judgeAttempt(forms, 'Then, we went to, we go to the park.').passed).toBe(false)
  })

  it('fails when the wrong form is said after the right one', () => {
    const result = judgeAttempt(pastTense, 'Yesterday I went to the market. Yesterday I go to the market.')
    expect(result.passed).toBe(false)
    expect(result.missing).toEqual([])
    expect(result.wrong).toEqual(['i go to'])
  })

  it('compares normalised words: case, punctuation and curly apostrophes do not matter', () => {
    const forms = drillForms('I don’t went there', "I didn't go there")
    expect(judgeAttempt(forms, 'I DIDN’T GO THERE!').passed).toBe(true)
  })

  it('fails with a clear reason when nothing was heard', () => {
    const result = judgeAttempt(pastTense, '')
    expect(result.passed).toBe(false)
    expect(result.reason).toMatch(/No words were heard/)
  })
})

describe('spoken words', () => {
  it('does not take an ordinary comma inside a clause for a restart', () => {
    expect(fluentKeys(spokenWords('After I came home, I cooked dinner.'))).toEqual(['after', 'i', 'came', 'home', 'i', 'cooked', 'dinner'])
  })
})
