import { describe, expect, it } from 'vitest'
import { judgedWordCount, MIN_JUDGED_WORDS, tooLittleSpeech } from '../../../electron/core/analysis/tooLittleSpeech.ts'
import { parseAnalysis } from '../../../electron/core/analysis/verify.ts'

describe('too little speech to judge', () => {
  it('counts the words there are to judge, with fillers, repeats and restarts left out', () => {
    expect(judgedWordCount('Um, I I went, uh, to the- to the park.', [])).toBe(5)
    expect(judgedWordCount('', [])).toBe(0)
  })

  it('counts from the timed words when there are timings, as the on-device checks do', () => {
    // "like" is a filler only when set off: here by a pause, which only the timings show.
    const text = 'I like tea and I like coffee'
    // 0.3 s a word; a pause of 0.6 s before the words at `pauses`.
    const at = (pauses: number[]) => {
      let t = 0
      return text.split(' ').map((word, i) => {
        if (pauses.includes(i)) t += 0.6
        t += 0.3
        return { word, start: t - 0.3, end: t }
      })
    }
    expect(judgedWordCount(text, at([]))).toBe(7)
    expect(judgedWordCount(text, at([2]))).toBe(6)
    // Whisper's words carry no punctuation: they are aligned to the transcript's tokens first, so
    // the comma that sets "like" off counts.
    expect(judgedWordCount('I like, tea and I like coffee', at([]))).toBe(6)
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
