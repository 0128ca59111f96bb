import { describe, expect, it } from 'vitest'
import { applyCorrections, correctedSentence, fluentSentence, partsText, sentenceCorrector } from '../../../electron/core/practice/corrections.ts'

const transcript =
  'Yesterday I go to the market with my friend. Um, we buy some vegetables and, like, a lot of fruits. ' +
  'I am agree that the prices is very high now.'
const examples = [
  { quote: 'Yesterday I go to the', correction: 'Yesterday I went to the' },
  { quote: 'we buy some', correction: 'we bought some' },
  { quote: 'I am agree', correction: 'I agree' },
  { quote: 'the prices is', correction: 'the prices are' }
]

describe('improved transcript', () => {
  it('applies every verified correction and marks only the changed words with what they replaced', () => {
    const parts = applyCorrections(transcript, examples)
    expect(parts.filter((p) => p.original !== undefined)).toEqual([
      { text: 'went', original: 'go' },
      { text: 'bought', original: 'buy' },
      { text: '', original: 'am' },
      { text: 'are', original: 'is' }
    ])
    expect(partsText(parts)).toBe(
      'Yesterday I went to the market with my friend. Um, we bought some vegetables and, like, a lot of fruits. ' +
        'I agree that the prices are very high now.'
    )
  })

  it('applies nothing that is not a verified example, and skips a quote that is not in the transcript', () => {
    const parts = applyCorrections(transcript, [{ quote: 'we goes home', correction: 'we go home' }])
    expect(parts).toEqual([{ text: transcript }])
  })

  it('keeps the punctuation around a quote', () => {
    expect(partsText(applyCorrections('So, he go home.', [{ quote: 'he go home', correction: 'he went home' }]))).toBe('So, he went home.')
  })
})

describe('the sentence a drill asks for', () => {
  it('is the learner’s own sentence with the correction and every other correction inside it applied', () => {
    expect(correctedSentence(transcript, examples[2]!, examples)).toBe('I agree that the prices are very high now.')
  })

  it('leaves out fillers and the commas that set them off', () => {
    expect(correctedSentence(transcript, examples[1]!, examples)).toBe('We bought some vegetables and a lot of fruits.')
    expect(fluentSentence('My sister likes the soup very much, you know.')).toBe('My sister likes the soup very much.')
  })

  it('comes out the same for each example when one corrector serves the whole session', () => {
    const sentenceOf = sentenceCorrector(transcript, examples)
    expect(examples.map((e) => sentenceOf(e))).toEqual([
      'Yesterday I went to the market with my friend.',
      'We bought some vegetables and a lot of fruits.',
      'I agree that the prices are very high now.',
      'I agree that the prices are very high now.'
    ])
    expect(sentenceOf({ quote: 'not said', correction: 'never said' })).toBeNull()
  })

  it('is null when the quote is not in the transcript', () => {
    expect(correctedSentence(transcript, { quote: 'not said', correction: 'never said' }, examples)).toBeNull()
  })
})
