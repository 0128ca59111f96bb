import { describe, it, expect } from 'vitest'
import { InvalidAnalysisError, parseAnalysis, verifyAnalysis } from '../../../electron/core/analysis/verify.ts'
import type { Analysis, Insight } from '../../../electron/core/analysis/contract.ts'

const transcript = 'Yesterday I go to the market, and I don\'t like   it. There is many people!'

function insight(overrides: Partial<Insight> = {}): Insight {
  return {
    category: 'grammar',
    patternKey: 'grammar.past-tense',
    pattern: 'Present for past',
    detail: 'd',
    frequency: 1,
    severity: 'low',
    examples: [{ quote: 'I go to the market', correction: 'I went to the market' }],
    suggestion: 's',
    ...overrides
  }
}

function analysis(insights: Insight[], overrides: Partial<Analysis> = {}): Analysis {
  return { summary: 'ok', strengths: [], insights, focusNext: { patternKey: 'grammar.past-tense', goal: 'g' }, previousFocus: null, ...overrides }
}

describe('verifyAnalysis', () => {
  it('accepts quotes that differ only in case, punctuation, whitespace or curly apostrophes', () => {
    const quotes = ['i GO to the MARKET', 'market and I', 'I don\u2019t like it', 'like it there', '"There is many people"']
    const { analysis: out, dropped } = verifyAnalysis(analysis([insight({ examples: quotes.map((quote) => ({ quote, correction: 'x' })).slice(0, 4) })]), transcript)
    expect(dropped).toEqual({ examples: 0, insights: 0 })
    expect(out.insights[0]?.examples).toHaveLength(4)
    expect(verifyAnalysis(analysis([insight({ examples: [{ quote: quotes[4] as string, correction: 'x' }] })]), transcript).dropped.examples).toBe(0)
  })

  it('drops invented quotes, partial words and punctuation-only quotes', () => {
    const examples = [
      { quote: 'I went to the market', correction: 'x' },
      { quote: 'ent to the', correction: 'x' },
      { quote: '...', correction: 'x' },
      { quote: 'I go to the market', correction: 'x' }
    ]
    const { analysis: out, dropped } = verifyAnalysis(analysis([insight({ examples })]), transcript)
    expect(dropped.examples).toBe(3)
    expect(out.insights[0]?.examples.map((e) => e.quote)).toEqual(['I go to the market'])
  })

  it('drops an insight left with no verified example and counts it', () => {
    const bad = insight({ patternKey: 'grammar.articles', examples: [{ quote: 'a apple', correction: 'an apple' }] })
    const { analysis: out, dropped } = verifyAnalysis(analysis([bad, insight()]), transcript)
    expect(dropped).toEqual({ examples: 1, insights: 1 })
    expect(out.insights.map((i) => i.patternKey)).toEqual(['grammar.past-tense'])
  })

  it('maps keys onto the catalog and makes the category follow a catalog key', () => {
    const list = [
      insight({ patternKey: 'past-tense', category: 'vocabulary' }),
      insight({ patternKey: 'Weird Thing!', category: 'structure' }),
      insight({ patternKey: 'grammar.articles', category: 'fluency' })
    ]
    const out = verifyAnalysis(analysis(list, { focusNext: { patternKey: 'filler-words', goal: 'g' } }), transcript).analysis
    expect(out.insights.map((i) => [i.patternKey, i.category])).toEqual([
      ['grammar.past-tense', 'grammar'],
      ['other.weird-thing', 'structure'],
      ['grammar.articles', 'grammar']
    ])
    expect(out.focusNext?.patternKey).toBe('vocabulary.filler-words')
  })

  it('orders by severity high > medium > low, keeping the order within a severity, and cuts to five', () => {
    const list = (['low', 'medium', 'high', 'low', 'high', 'medium', 'low'] as const).map((severity, i) => insight({ severity, pattern: `p${i}` }))
    const out = verifyAnalysis(analysis(list), transcript).analysis
    expect(out.insights.map((i) => i.pattern)).toEqual(['p2', 'p4', 'p1', 'p5', 'p0'])
  })

  it('does not change the analysis it was given', () => {
    const input = analysis([insight({ patternKey: 'past-tense' })])
    const copy = structuredClone(input)
    verifyAnalysis(input, transcript)
    expect(input).toEqual(copy)
  })
})

describe('parseAnalysis', () => {
  it('accepts a contract object and strips unknown fields', () => {
    const raw = { ...analysis([insight()]), extra: 1, insights: [{ ...insight(), confidence: 0.9 }] }
    const parsed = parseAnalysis(raw)
    expect(parsed).not.toHaveProperty('extra')
    expect(parsed.insights[0]).not.toHaveProperty('confidence')
  })

  it('throws InvalidAnalysisError naming the first issues and how many more', () => {
    const raw = { summary: '', strengths: 'no', insights: [{ ...insight(), severity: 'critical', frequency: 0 }], focusNext: {}, previousFocus: null }
    let error: unknown
    try {
      parseAnalysis(raw)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InvalidAnalysisError)
    const message = (error as InvalidAnalysisError).message
    expect(message).toMatch(/^Analysis does not match contract v1: summary: /)
    expect(message).toContain('strengths')
    expect(message).toMatch(/\(and \d+ more\)$/)
    expect((error as InvalidAnalysisError).issues.map((i) => i.path)).toContain('insights.0.severity')
  })

  it('accepts an analysis with no goal, the shape of a session too short to judge', () => {
    const tooShort = analysis([], { focusNext: null })
    expect(parseAnalysis(tooShort)).toEqual(tooShort)
    expect(verifyAnalysis(tooShort, transcript).analysis.focusNext).toBeNull()
  })

  it('rejects a non-object', () => {
    expect(() => parseAnalysis('{"summary": "hi"}')).toThrow(InvalidAnalysisError)
  })
})
