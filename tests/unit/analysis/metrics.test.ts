import { describe, it, expect } from 'vitest'
import { computeMetrics, findFillers, punctuateWords } from '../../../electron/core/analysis/metrics.ts'
import type { TimedWord } from '../../../electron/core/analysis/contract.ts'

/** Words with explicit [start, end] seconds. */
function timeline(entries: [string, number, number][]): TimedWord[] {
  return entries.map(([word, start, end]) => ({ word, start, end }))
}

/** Evenly spaced words 0.3 s long with 0.1 s gaps: no silent pauses. */
function evenly(text: string): TimedWord[] {
  return text.split(' ').map((word, i) => ({ word, start: i * 0.4, end: i * 0.4 + 0.3 }))
}

function hasNaN(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value)
  if (value && typeof value === 'object') return Object.values(value).some(hasNaN)
  return false
}

const story = timeline([
  ['I', 0.0, 0.2],
  ['went', 0.3, 0.6],
  ['to', 1.0, 1.2], // 0.4 s after "went": mid-clause
  ['the', 1.3, 1.4],
  ['market.', 2.6, 3.0], // 1.2 s after "the": mid-clause and long
  ['Um,', 3.5, 3.8], // 0.5 s after "market.": at a boundary
  ['I', 3.9, 4.0],
  ['bought', 4.1, 4.4],
  ['apples.', 4.5, 5.0]
])

describe('computeMetrics', () => {
  it('computes rates, pauses and runs of a hand-timed story', () => {
    const m = computeMetrics(story)
    expect(m.wordCount).toBe(9)
    expect(m.speakingSeconds).toBe(5)
    expect(m.speakingRate).toBe(108) // 9 words / 5 s
    expect(m.articulationRate).toBe(186.21) // 9 words / (5 - 2.1 s of pauses)
    expect(m.pauses).toEqual({
      count: 3,
      perMinute: 36,
      meanMs: 700,
      longestMs: 1200,
      longCount: 1,
      midClauseCount: 2,
      midClauseShare: 0.67,
      midClausePerMinute: 24
    })
    expect(m.meanLengthOfRun).toBe(2.25) // 9 words in 4 runs
  })

  it('counts "um" as a filler per minute and per 100 words', () => {
    const m = computeMetrics(story)
    expect(m.fillers).toEqual({ total: 1, perMinute: 12, per100Words: 11.11, byType: { um: 1 } })
  })

  it('falls back to plain TTR flagged low-confidence under one 50-token window', () => {
    const m = computeMetrics(story)
    expect(m.lexicalDiversity).toEqual({ mattr: 0.89, lowConfidence: true }) // 8 types / 9 tokens
  })

  it('averages the type-token ratio over every 50-token window', () => {
    const distinct = Array.from({ length: 50 }, (_, i) => `w${i}`)
    const words = evenly([...distinct, 'w49', 'w49', 'w49', 'w49', 'w49'].join(' '))
    // Windows hold 50, 49, 48, 47, 46, 45 types: mean 0.95.
    expect(computeMetrics(words).lexicalDiversity).toEqual({ mattr: 0.95, lowConfidence: true })
  })

  it('stops flagging MATTR as low-confidence from 100 tokens', () => {
    const words = evenly(Array.from({ length: 100 }, (_, i) => `w${i % 70}`).join(' '))
    expect(computeMetrics(words).lexicalDiversity.lowConfidence).toBe(false)
  })

  it('treats a gap of exactly 250 ms as a silent pause and 249 ms as none', () => {
    const at250 = computeMetrics(timeline([['one', 0.45, 0.7], ['two', 0.95, 1.2]]))
    const at249 = computeMetrics(timeline([['one', 0.45, 0.7], ['two', 0.949, 1.2]]))
    expect(at250.pauses.count).toBe(1)
    expect(at249.pauses.count).toBe(0)
  })

  it('does not count a paused recording span as speaking time or as a pause', () => {
    const m = computeMetrics(timeline([['hello', 0, 1], ['again', 5, 6]]), { pausedSpans: [{ start: 1.5, end: 4.5 }] })
    expect(m.speakingSeconds).toBe(3)
    expect(m.speakingRate).toBe(40)
    expect(m.pauses.count).toBe(1)
    expect(m.pauses.longestMs).toBe(1000)
  })

  it('does not treat an ellipsis as a clause boundary', () => {
    const m = computeMetrics(timeline([['I', 0, 0.2], ['went...', 0.3, 0.6], ['home', 1.2, 1.5]]))
    expect(m.pauses.midClauseCount).toBe(1)
  })

  it('gives zeros, never NaN, for no words or punctuation-only words', () => {
    for (const words of [[], timeline([['...', 0, 1], ['—', 1, 2]])]) {
      const m = computeMetrics(words)
      expect(m.wordCount).toBe(0)
      expect(m.speakingRate).toBe(0)
      expect(m.fillers.total).toBe(0)
      expect(hasNaN(m)).toBe(false)
    }
  })

  it('gives finite rates for a single zero-length word', () => {
    expect(hasNaN(computeMetrics(timeline([['hi', 1, 1]])))).toBe(false)
  })

  it('counts immediate repeats but not grammatical or emphatic doubles', () => {
    const m = computeMetrics(evenly('I I think the the answer is that that no, no'))
    expect(m.repetition.immediateRepeats).toBe(2)
    expect(m.repetition.examples).toEqual(['I I', 'the the'])
  })

  it('lists repeated 2-3-word phrases within sentences, hiding a pair that only occurs inside a triple', () => {
    const m = computeMetrics(evenly('I think it is good. I think it is fine. I think so.'))
    expect(m.repetition.topPhrases).toEqual([
      { phrase: 'i think', count: 3 },
      { phrase: 'i think it', count: 2 },
      { phrase: 'think it is', count: 2 }
    ])
  })
})

describe('findFillers', () => {
  const types = (text: string): string[] => findFillers(evenly(text)).map((h) => h.type)

  it('normalises drawn-out filled pauses', () => {
    expect(types('Umm, uhh I hmm er erm ah mm')).toEqual(['um', 'uh', 'hmm', 'er', 'erm', 'ah', 'mm'])
  })

  it('matches multi-word fillers first and counts each once', () => {
    expect(findFillers(evenly('it was, you know, kind of hard'))).toEqual([
      { index: 2, length: 2, type: 'you know' },
      { index: 4, length: 2, type: 'kind of' }
    ])
  })

  it('does not count "do you know" or "a kind of" as fillers', () => {
    expect(types('do you know a kind of fruit')).toEqual([])
  })

  it('counts "like" and "so" only when set off by a comma or a pause', () => {
    expect(types('I like pizza so I eat it')).toEqual([])
    expect(types('it was, like, big. So, I left')).toEqual(['like', 'so'])
    const paused = timeline([['it', 0, 0.2], ['was', 0.3, 0.5], ['like', 1.0, 1.2], ['big', 1.3, 1.5]])
    expect(findFillers(paused).map((h) => h.type)).toEqual(['like'])
  })

  it('always counts "basically", "actually" and "I mean"', () => {
    expect(types('basically I mean it actually works')).toEqual(['basically', 'i mean', 'actually'])
  })
})

describe('punctuateWords', () => {
  it('restores transcript punctuation so pauses after commas are not mid-clause', () => {
    const bare = timeline([['Well', 0, 0.3], ['I', 0.8, 0.9], ['left', 1.0, 1.3]])
    expect(computeMetrics(bare).pauses.midClauseCount).toBe(1)
    const punctuated = punctuateWords(bare, 'Well, I left.')
    expect(punctuated.map((w) => w.word)).toEqual(['Well,', 'I', 'left.'])
    expect(punctuated.map((w) => w.start)).toEqual([0, 0.8, 1.0])
    expect(computeMetrics(punctuated).pauses.midClauseCount).toBe(0)
  })
})
