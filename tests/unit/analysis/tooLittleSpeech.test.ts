import { describe, expect, it } from 'vitest'
import { judgedWordCount, MIN_JUDGED_WORDS, tooLittleSpeech } from '../../../electron/core/analysis/tooLittleSpeech.ts'
import { parseAnalysis } from '../../../electron/core/analysis/verify.ts'

describe('too little speech to judge', () => {
  it('counts the words there are to judge, with fillers, repeats and restarts left out', () => {
    expect(judgedWordCount('Um, I I went, uh, to the- to the park.', [])).toBe(5)
    expect(judgedWordCount('', [])).toBe(0)
  })

  it('counts from the timed words when there are timings, as the on-device checks do', () => {
    const words = [
      { word: 'Hello', start: 0, end: 0.4 },
      { word: 'um', start: 0.6, end: 0.8 },
      { word: 'there.', start: 1, end: 1.4 }
    ]
    expect(judgedWordCount('Hello, um, there.', words)).toBe(2)
  })

  it('says so and asks for a longer recording, with no pattern, strength, goal or verdict', () => {
    const analysis = tooLittleSpeech(1)
    expect(analysis).toEqual({
      summary: 'Only 1 word to go on: too little speech to judge. Record at least a minute (about 100 words) to get feedback on your patterns.',
      strengths: [],
      insights: [],
      focusNext: null,
      previousFocus: null
    })
    expect(tooLittleSpeech(MIN_JUDGED_WORDS - 1).summary).toMatch(/^Only 9 words to go on/)
    expect(parseAnalysis(analysis)).toEqual(analysis)
  })
})
