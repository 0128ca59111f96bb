import { describe, it, expect } from 'vitest'
import { detokenize } from '../../../eval/detokenize.ts'
import { documentsOf } from '../../../eval/documents.ts'
import { parseM2 } from '../../../eval/m2.ts'
import { keyOfEdit } from '../../../eval/mapping.ts'
import { emptyTable, rates, scoreDoc } from '../../../eval/score.ts'
import type { Analysis } from '../../../electron/core/analysis/contract.ts'

// Our own sentences in M2 form (the corpus itself is never copied here).
const M2 = `S Yesterday I go to cinema with my two brother .
A 2 3|||R:VERB:TENSE|||went|||REQUIRED|||-NONE-|||0
A 4 4|||M:DET|||the|||REQUIRED|||-NONE-|||0
A 8 9|||R:NOUN:NUM|||brothers|||REQUIRED|||-NONE-|||0

S She do n't like it , I think .
A 1 2|||R:VERB:SVA|||does|||REQUIRED|||-NONE-|||0
A 2 3|||R:OTHER|||x|||REQUIRED|||-NONE-|||1

S It was fine .
A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||0
`

const sentences = parseM2(M2)
const edit = (type: string, correction: string, start: number, end: number, tokens: string[]) =>
  keyOfEdit({ type, correction, start, end }, { tokens, edits: [] })

describe('M2 reader and detokenizer', () => {
  it('reads sentences with annotator 0 edits and drops noop', () => {
    expect(sentences.map((s) => s.edits.length)).toEqual([3, 1, 0])
    expect(sentences[0]?.edits[1]).toEqual({ start: 4, end: 4, type: 'M:DET', correction: 'the' })
  })

  it('writes tokens back as prose with clitics and punctuation attached', () => {
    const pieces = ['She', 'do', "n't", 'say', '"', 'hi', '"', ',', 'I', "'m", 'sure', '.'].map((text, origin) => ({ text, origin }))
    expect(detokenize(pieces).text).toBe(`She don't say "hi", I'm sure.`)
  })
})

describe('ERRANT type to catalog key', () => {
  it.each([
    ['R:VERB:TENSE', 'went', ['go'], 'grammar.past-tense'],
    ['R:VERB:TENSE', 'was', ['is'], 'grammar.past-tense'],
    ['R:VERB:TENSE', 'have seen', ['saw'], 'grammar.verb-forms'],
    ['R:VERB:FORM', 'swimming', ['to', 'swim'], 'grammar.gerund-infinitive'],
    ['R:VERB:FORM', 'to go', ['going'], 'grammar.gerund-infinitive'],
    ['R:VERB:FORM', 'gone', ['went'], 'grammar.verb-forms'],
    ['R:VERB:INFL', 'bought', ['buyed'], 'grammar.verb-forms'],
    ['M:DET', 'the', [], 'grammar.articles'],
    ['R:DET', 'my', ['the'], undefined],
    ['R:NOUN', 'trip', ['travel'], 'vocabulary.word-choice'],
    ['M:NOUN', 'trip', [], undefined],
    ['R:SPELL', 'because', ['becuase'], undefined]
  ])('%s "%s" for %j is %s', (type, correction, original, key) => {
    expect(edit(type, correction, 0, original.length, original)).toBe(key)
  })

  it('counts a bare verb after "to" turned into -ing as a gerund/infinitive swap', () => {
    expect(edit('R:VERB:FORM', 'swimming', 2, 3, ['I', 'enjoy', 'swim'])).toBe('grammar.verb-forms')
    expect(edit('R:VERB:FORM', 'swimming', 3, 4, ['I', 'enjoy', 'to', 'swim'])).toBe('grammar.gerund-infinitive')
  })
})

describe('documents and scoring', () => {
  const { clean, speech } = documentsOf('A', sentences)

  it('keeps every gold edit on the same words in the clean and the speech text', () => {
    const words = (d: typeof clean[0]) => d.gold.map((g) => `${g.key}:${d.text.slice(g.from, g.to)}`)
    expect(words(clean[0]!)).toEqual(['grammar.past-tense:go', 'grammar.articles:', 'grammar.plurals:brother', 'grammar.subject-verb-agreement:do'])
    expect(words(speech[0]!)).toEqual(words(clean[0]!))
    expect(speech[0]!.text).toBe(documentsOf('A', sentences).speech[0]!.text)
  })

  it('scores a key once per document and a quote on a gold edit of its key', () => {
    const doc = clean[0]!
    const analysis = {
      summary: '', strengths: [], focusNext: { patternKey: 'grammar.past-tense', goal: '' }, previousFocus: null,
      insights: [
        { category: 'grammar', patternKey: 'grammar.past-tense', pattern: '', detail: '', frequency: 1, severity: 'low', suggestion: '', examples: [{ quote: 'Yesterday I go to', correction: '' }] },
        { category: 'grammar', patternKey: 'grammar.third-person-s', pattern: '', detail: '', frequency: 1, severity: 'low', suggestion: '', examples: [{ quote: 'It was fine', correction: '' }] },
        { category: 'grammar', patternKey: 'grammar.prepositions', pattern: '', detail: '', frequency: 1, severity: 'low', suggestion: '', examples: [{ quote: 'to cinema with', correction: '' }] }
      ]
    } as Analysis
    const table = emptyTable()
    scoreDoc(table, doc, analysis)
    expect(table['grammar.past-tense']).toEqual({ gold: 1, tp: 1, fp: 0, quotes: 1, quotesOnGold: 1 })
    expect(table['grammar.subject-verb-agreement']).toEqual({ gold: 1, tp: 1, fp: 0, quotes: 1, quotesOnGold: 0 })
    expect(table['grammar.prepositions']).toEqual({ gold: 0, tp: 0, fp: 1, quotes: 1, quotesOnGold: 0 })
    expect(rates(table, ['grammar.articles'])).toMatchObject({ gold: 1, tp: 0, recall: 0 })
  })
})
