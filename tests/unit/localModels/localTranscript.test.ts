import { describe, expect, it } from 'vitest'
import { compressionRatio, MAX_COMPRESSION_RATIO, toLocalTranscript } from '../../../electron/core/localModels/localTranscript.ts'
import type { WhisperResult, WhisperSegment } from '../../../electron/core/localModels/whisperBinding.ts'
import { NO_SPEECH_MESSAGE } from '../../../electron/core/providers/types.ts'

/** Tokens as whisper.node returns them with `maxLen: 1`: one token per segment, times in ms. */
function tokens(...list: [text: string, t0: number, t1: number][]): WhisperResult {
  const segments: WhisperSegment[] = list.map(([text, t0, t1]) => ({ text, t0, t1 }))
  return { result: segments.map((s) => s.text).join(''), segments, language: 'en', isAborted: false }
}

const OPTIONS = { language: 'en', model: 'whisper.cpp base.en' }

describe('toLocalTranscript', () => {
  it('merges sub-word and punctuation tokens into timed words, keeping fillers and commas', () => {
    const result = toLocalTranscript(
      tokens(
        [' Yesterday', 0, 420],
        [' I', 500, 560],
        [' go', 560, 700],
        [' to', 700, 780],
        [' the', 780, 850],
        [' mark', 850, 1000],
        ['et', 1000, 1150],
        [',', 1150, 1160],
        [' um', 1900, 2100],
        [',', 2100, 2110],
        [' like', 2300, 2500],
        [',', 2500, 2510],
        [' yesterday', 2600, 3000],
        ['.', 3000, 3010]
      ),
      OPTIONS
    )
    expect(result.words).toEqual([
      { word: 'Yesterday', start: 0, end: 0.42 },
      { word: 'I', start: 0.5, end: 0.56 },
      { word: 'go', start: 0.56, end: 0.7 },
      { word: 'to', start: 0.7, end: 0.78 },
      { word: 'the', start: 0.78, end: 0.85 },
      { word: 'market,', start: 0.85, end: 1.16 },
      { word: 'um,', start: 1.9, end: 2.11 },
      { word: 'like,', start: 2.3, end: 2.51 },
      { word: 'yesterday.', start: 2.6, end: 3.01 }
    ])
    expect(result.text).toBe('Yesterday I go to the market, um, like, yesterday.')
    expect(result).toMatchObject({ language: 'en', model: 'whisper.cpp base.en', durationMs: 3010 })
  })

  it('groups words into sentence segments with their time spans', () => {
    const result = toLocalTranscript(
      tokens([' I', 0, 200], [' went', 200, 500], ['.', 500, 510], [' Then', 1500, 1800], [' what', 1800, 2000], ['?', 2000, 2010], [' So', 2500, 2700]),
      OPTIONS
    )
    expect(result.segments.map(({ text, start, end }) => ({ text, start, end }))).toEqual([
      { text: 'I went.', start: 0, end: 0.51 },
      { text: 'Then what?', start: 1.5, end: 2.01 },
      { text: 'So', start: 2.5, end: 2.7 }
    ])
    for (const segment of result.segments) expect(segment.compressionRatio).toBe(compressionRatio(segment.text))
  })

  it('ends a segment after 30 s even without punctuation, like Whisper’s windows', () => {
    const said = 'so my brother and me we took the bus to the old town and then we walked along the river for hours because the weather was nice and we wanted to see everything there'.split(' ')
    const long = said.map((word, i): [string, number, number] => [` ${word}`, i * 1000, i * 1000 + 500])
    expect(said.length).toBeGreaterThan(31)
    const result = toLocalTranscript(tokens(...long), OPTIONS)
    expect(result.segments.length).toBe(2)
    expect(result.segments[0]!.end - result.segments[0]!.start).toBeLessThanOrEqual(30)
  })

  it('drops sound annotations such as [BLANK_AUDIO] and (upbeat music), token-split or not', () => {
    const result = toLocalTranscript(
      tokens(
        [' [', 0, 10],
        ['BL', 10, 20],
        ['ANK', 20, 30],
        ['_AUDIO', 30, 40],
        [']', 40, 50],
        [' Hello', 1000, 1300],
        [' (', 1300, 1310],
        ['up', 1310, 1320],
        ['beat', 1320, 1330],
        [' music', 1330, 1400],
        [')', 1400, 1410],
        [' there', 1500, 1700],
        [' ♪', 1700, 1800]
      ),
      OPTIONS
    )
    expect(result.words.map((w) => w.word)).toEqual(['Hello', 'there'])
  })

  it('fails as "no speech" when whisper.cpp heard only silence', () => {
    expect(() => toLocalTranscript(tokens([' [BLANK_AUDIO]', 0, 30_000]), OPTIONS)).toThrow(NO_SPEECH_MESSAGE)
    expect(() => toLocalTranscript(tokens(), OPTIONS)).toThrow(NO_SPEECH_MESSAGE)
  })

  it('drops a looping hallucination by its compression ratio and keeps the real speech', () => {
    const loop = Array.from({ length: 25 }, (_, i): [string, number, number][] => [
      [' thank', 10_000 + i * 400, 10_000 + i * 400 + 200],
      [' you', 10_000 + i * 400 + 200, 10_000 + i * 400 + 400]
    ]).flat()
    const looped = 'thank you '.repeat(25).trim()
    expect(compressionRatio(looped)).toBeGreaterThan(MAX_COMPRESSION_RATIO)
    const result = toLocalTranscript(tokens([' I', 0, 200], [' agree', 200, 600], ['.', 600, 610], ...loop), OPTIONS)
    expect(result.text).toBe('I agree.')
    expect(result.words.map((w) => w.word)).toEqual(['I', 'agree.'])
  })

  it('ends no word after the recording does: whisper.cpp can time the last token into its 30 s padding', () => {
    const result = toLocalTranscript(tokens([' Hello', 200, 900], [' there', 1000, 10_640]), { ...OPTIONS, audioSeconds: 6.3 })
    expect(result.words).toEqual([
      { word: 'Hello', start: 0.2, end: 0.9 },
      { word: 'there', start: 1, end: 6.3 }
    ])
    expect(result.segments.at(-1)?.end).toBe(6.3)
    expect(result.durationMs).toBe(6300)
  })

  it('reports the forced language, not the one whisper.cpp detected', () => {
    const result = toLocalTranscript({ ...tokens([' Hola', 0, 500]), language: 'es' }, { language: 'en', model: 'm' })
    expect(result.language).toBe('en')
  })
})

describe('compressionRatio', () => {
  it('is about 1 or below for ordinary short speech and high for repetition', () => {
    expect(compressionRatio('Yesterday I go to the market with my friend.')).toBeLessThan(1.2)
    expect(compressionRatio('la la la la la la la la la la la la la la la la la la la la')).toBeGreaterThan(2.4)
    expect(compressionRatio('')).toBe(0)
  })
})
