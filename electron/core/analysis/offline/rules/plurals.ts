import { ADJECTIVES, COUNTABLE_NOUNS, NUMBER_WORDS, POSSESSIVES, pluralOf } from '../lexicon.ts'
import { COUNTABLE_ONLY, UNCOUNTABLE } from '../countability.ts'
import type { Finding } from '../text.ts'
import { isNounish, type SentenceView } from './grammar.ts'

const QUANTIFIERS = new Set([...NUMBER_WORDS, 'various', 'numerous', 'multiple', 'thousands', 'hundreds', 'millions', 'dozens'])
// Units are written the same in the plural ("30 km", "71 kg").
const UNIT = /^(km|kg|cm|mm|m|g|l|ml|mph|kmh|h|min|sec|c\.m|k\.g|[a-z]\.[a-z]\.?)$/
const NUMBERS_ONLY = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'thousand'])
const SINGULAR_DETERMINERS = new Set(['every', 'each', 'another'])

/** "two brother", "many friend", "one of my friend", "a lot of book": a singular noun after a plural quantity. */
export function singularAfterQuantity({ ws, hit }: SentenceView): Finding[] {
  const out: Finding[] = []
  ws.forEach((w, v) => {
    let start = -1
    if (NUMBER_WORDS.has(w) || (/^\d{1,3}$/.test(w) && Number(w) > 1)) start = v + 1
    else if (w === 'of' && ws[v - 1] === 'one' && POSSESSIVES.has(ws[v + 1] ?? '')) start = v + 2
    else if (w === 'of' && ws[v - 1] === 'lot' && ws[v - 2] === 'a') start = v + 1
    if (start < 0) return
    let k = start
    while (ADJECTIVES.has(ws[k] ?? '')) k++
    const noun = ws[k] ?? ''
    // "a lot of time" is uncountable time, not a missing plural.
    const uncountable = noun === 'time' && w === 'of'
    if (COUNTABLE_NOUNS.has(noun) && !isNounish(ws[k + 1]) && !uncountable) out.push(hit(k, k + 1, pluralOf(noun)))
  })
  return out
}

/**
 * The tagged form: a quantity word ("several", "various", "these", a number) then adjectives and a
 * singular noun the tagger knows ("several reason", "these kind of place"), and "one of the + singular".
 */
export function taggedQuantity(view: SentenceView): Finding[] {
  const { ws, tags, hit, sentence } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    let start = -1
    if (QUANTIFIERS.has(w) || (/^\d{1,4}$/.test(w) && Number(w) > 1 && !/^(19|20)\d\d$/.test(w))) start = v + 1
    else if (w === 'of' && ws[v - 1] === 'one' && (ws[v + 1] === 'the' || POSSESSIVES.has(ws[v + 1] ?? ''))) start = v + 2
    if (start < 0 || /-/.test(sentence.tokens[v]?.text ?? '')) return
    let k = start
    while (tags[k]?.pos === 'ADJ' && k < start + 3) k++
    const noun = ws[k] ?? ''
    const tag = tags[k]
    if (!tag || tag.pos !== 'NOUN' || noun !== tag.lemma || /s$/.test(noun) || UNCOUNTABLE.has(noun) || /-/.test(noun) || UNIT.test(noun)) return
    // "two hour drive", "three year old": a noun modifying the next one stays singular.
    if (['NOUN', 'PROPN', 'NUM', 'ADJ'].includes(tags[k + 1]?.pos ?? '') && !/[,.;:!?]$/.test(sentence.tokens[k]?.text ?? '')) return
    if (NUMBERS_ONLY.has(w) && ['of', 'and'].includes(ws[k + 1] ?? '')) return
    if (!COUNTABLE_ONLY.has(noun) && !NUMBERS_ONLY.has(w) && !/^\d/.test(w)) return
    out.push(hit(k, k + 1, pluralOf(noun)))
  })
  return out
}

/** "every days", "each students", "another places": a plural noun after a word that takes one thing. */
export function pluralAfterEach(view: SentenceView): Finding[] {
  const { ws, tags, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    if (!SINGULAR_DETERMINERS.has(w)) return
    const k = tags[v + 1]?.pos === 'ADJ' ? v + 2 : v + 1
    const noun = ws[k] ?? ''
    const tag = tags[k]
    if (!tag || tag.pos !== 'NOUN' || noun === tag.lemma || !/s$/.test(noun) || !COUNTABLE_ONLY.has(tag.lemma)) return
    if (w === 'every' && ws[v - 1] !== undefined && /^\d|^(two|three|few|couple)$/.test(ws[v + 1] ?? '')) return
    out.push(hit(k, k + 1, tag.lemma))
  })
  return out
}
