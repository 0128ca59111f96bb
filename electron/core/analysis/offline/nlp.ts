import winkNLP, { type ItemToken, type ItsFunction, type WinkMethods } from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import type { Token } from './text.ts'

/** Universal part-of-speech tag (wink-nlp's tag set). */
export type Pos = 'ADJ' | 'ADP' | 'ADV' | 'AUX' | 'CCONJ' | 'DET' | 'INTJ' | 'NOUN' | 'NUM' | 'PART' | 'PRON' | 'PROPN' | 'PUNCT' | 'SCONJ' | 'SYM' | 'VERB' | 'X' | 'SPACE'

/** What the rules read for one transcript word: its tag and lemma, and whether it carries "n't". */
export interface Tag {
  pos: Pos
  lemma: string
  negated: boolean
}

let nlp: WinkMethods | undefined

/** Loads the English model once (about 150 ms and 50 MB); later calls reuse it. */
export function warmNlp(): WinkMethods {
  nlp ??= winkNLP(model, ['sbd', 'pos'])
  return nlp
}

/**
 * Tags words with part of speech and lemma. The words are tagged in one text (joined by spaces, so a
 * removed filler leaves no gap in the grammar), and each word takes the tag of its first non-punctuation
 * piece ("don't" → do/AUX, negated).
 */
export function tagTokens(tokens: Token[]): Tag[] {
  if (tokens.length === 0) return []
  const instance = warmNlp()
  const its = instance.its
  const starts: number[] = []
  let text = ''
  for (const t of tokens) {
    if (text) text += ' '
    starts.push(text.length)
    text += t.text
  }
  const tags: Tag[] = tokens.map((t) => ({ pos: 'X', lemma: t.norm, negated: false }))
  const seen = new Set<number>()
  let offset = 0
  let word = 0
  instance.readDoc(text).tokens().each((item: ItemToken) => {
    const value = item.out(its.value) as string
    offset += (item.out(its.precedingSpaces) as string).length
    while (word + 1 < tokens.length && (starts[word + 1] as number) <= offset) word++
    offset += value.length
    const pos = item.out(its.pos) as Pos
    const tag = tags[word] as Tag
    if (/^n't$|^not$/i.test(value) && seen.has(word)) tag.negated = true
    if (pos === 'PUNCT' || seen.has(word)) return
    seen.add(word)
    tag.pos = pos
    // wink's typings give its.lemma an extra parameter that out() supplies at run time; the cast bridges that.
    tag.lemma = String(item.out(its.lemma as unknown as ItsFunction<string>)).toLowerCase()
  })
  return tags
}
