import { ADJECTIVES, COUNTABLE_NOUNS, NUMBER_WORDS, POSSESSIVES, THIRD_TO_BASE, pluralOf } from '../lexicon.ts'
import { COUNTABLE_ONLY, UNCOUNTABLE } from '../countability.ts'
import type { Finding } from '../text.ts'
import { isNounish, named, type SentenceView } from './grammar.ts'

const QUANTIFIERS = new Set([...NUMBER_WORDS, 'various', 'numerous', 'multiple', 'thousands', 'hundreds', 'millions', 'dozens'])
// Units are written the same in the plural ("30 km", "71 kg").
const UNIT = /^(km|kg|cm|mm|m|g|l|ml|mph|kmh|h|min|sec|kw|kwh|mw|gw|gb|mb|kb|c\.m|k\.g|[a-z]\.[a-z]\.?)$/
const NUMBERS_ONLY = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'thousand'])
const SINGULAR_DETERMINERS = new Set(['every', 'each', 'another'])

/** "two brother", "many friend", "one of my friend", "a lot of book": a singular noun after a plural quantity. */
export function singularAfterQuantity(view: SentenceView): Finding[] {
  const { ws, tags, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    if (!countsThings(view, v)) return
    let start = -1
    if (NUMBER_WORDS.has(w) || (/^\d{1,3}$/.test(w) && Number(w) > 1)) start = v + 1
    else if (w === 'of' && ws[v - 1] === 'one' && POSSESSIVES.has(ws[v + 1] ?? '')) start = v + 2
    else if (w === 'of' && ((ws[v - 1] === 'lot' && ws[v - 2] === 'a') || ws[v - 1] === 'alot' || ws[v - 1] === 'lots')) start = v + 1
    if (start < 0) return
    let k = start
    while (ADJECTIVES.has(ws[k] ?? '')) k++
    const noun = ws[k] ?? ''
    // "a lot of time" is uncountable time, not a missing plural.
    const uncountable = noun === 'time' && w === 'of'
    // "a lot of bicycle paths": a noun before another noun is its modifier.
    // The tagger may read a verb ("friend lives") or a time word ("knife yesterday") as a noun: those end the phrase.
    const next = ws[k + 1] ?? ''
    const nounNext = ['NOUN', 'PROPN'].includes(tags[k + 1]?.pos ?? '') && !THIRD_TO_BASE.has(next) && !TIME_WORDS.has(next)
    const modifier = isNounish(next) || (nounNext && !/[,.;:!?]$/.test(view.sentence.tokens[k]?.text ?? ''))
    if (COUNTABLE_NOUNS.has(noun) && !modifier && !uncountable && !named(view, k) && !(w === 'of' && GROUP_NOUNS.has(noun))) out.push(hit(k, k + 1, pluralOf(noun)))
  })
  return out
}

const TIME_WORDS = new Set(['yesterday', 'today', 'tomorrow', 'tonight', 'ago', 'now', 'later'])
// "one of the team" is one member of one team.
const GROUP_NOUNS = new Set(['team', 'family', 'group', 'class', 'crew', 'band', 'staff', 'company'])
// Numbers that name rather than count: "bus 712", "3) conclusion", "100% refund", "a 13 hour journey".
const NAMED_BY_NUMBER = new Set(['bus', 'route', 'flight', 'room', 'platform', 'gate', 'line', 'page', 'chapter', 'number'])

/** The quantity word at v counts the noun after it: not a list label, a percentage or part of "a 13 hour". */
function countsThings(view: SentenceView, v: number): boolean {
  const text = view.sentence.tokens[v]?.text ?? ''
  // "It was a quarter to two, so Tom…": a comma ends the quantity's phrase.
  if (/[,;:.!?]$/.test(text)) return false
  if (!/^\d/.test(text)) return true
  if (/[%)]$/.test(text) || view.ws[v - 1] === 'a' || view.ws[v - 1] === 'an') return false
  return !(Number(view.ws[v]) > 20 && NAMED_BY_NUMBER.has(view.ws[v + 1] ?? ''))
}

const ONE_THING_BEFORE = new Set(['a', 'an', 'the', 'any', 'each', 'every', 'no', 'one', 'this', 'that', 'another', 'some', 'what', 'which'])
// "a number of student", "a variety of shop": nouns that count what follows "of".
const COUNT_NOUNS_OF = new Set(['number', 'variety', 'plenty', 'range', 'couple', 'majority', 'millions', 'thousands', 'hundreds', 'dozens'])

/**
 * The tagged form: a quantity word ("several", "various", "these", a number) then adjectives and a
 * singular noun the tagger knows ("several reason", "these kind of place", "other person", "a number of
 * student"), and "one of the + singular".
 */
export function taggedQuantity(view: SentenceView): Finding[] {
  const { ws, tags, hit, sentence } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    let start = -1
    if (QUANTIFIERS.has(w) || (/^\d{1,4}$/.test(w) && Number(w) > 1 && !/^(19|20)\d\d$/.test(w))) start = v + 1
    else if (w === 'of' && ws[v - 1] === 'one' && (ws[v + 1] === 'the' || POSSESSIVES.has(ws[v + 1] ?? ''))) start = v + 2
    else if (w === 'of' && COUNT_NOUNS_OF.has(ws[v - 1] ?? '')) start = v + 1
    // "other person", "with other student": bare "other" counts several ("the other person" is one).
    else if (w === 'other' && !ONE_THING_BEFORE.has(ws[v - 1] ?? '') && !POSSESSIVES.has(ws[v - 1] ?? '')) start = v + 1
    if (start < 0 || /-/.test(sentence.tokens[v]?.text ?? '') || !countsThings(view, v)) return
    let k = start
    while (tags[k]?.pos === 'ADJ' && k < start + 3) k++
    const noun = ws[k] ?? ''
    const tag = tags[k]
    if (!tag || tag.pos !== 'NOUN' || noun !== tag.lemma || /s$/.test(noun) || UNCOUNTABLE.has(noun) || /-/.test(noun) || UNIT.test(noun)) return
    // "the majority of course" says "of course"; a capitalised noun is a title ("one of the Doctor Who episodes").
    if ((w === 'of' && (GROUP_NOUNS.has(noun) || noun === 'course')) || named(view, k)) return
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
    if (!SINGULAR_DETERMINERS.has(w) || ws[v + 1] === 'other' || /^other['\u2019]s$/.test(ws[v + 1] ?? '')) return
    const k = tags[v + 1]?.pos === 'ADJ' ? v + 2 : v + 1
    const noun = ws[k] ?? ''
    const tag = tags[k]
    if (!tag || tag.pos !== 'NOUN' || noun === tag.lemma || !/s$/.test(noun) || !COUNTABLE_ONLY.has(tag.lemma)) return
    if (w === 'every' && ws[v - 1] !== undefined && /^\d|^(two|three|few|couple)$/.test(ws[v + 1] ?? '')) return
    out.push(hit(k, k + 1, tag.lemma))
  })
  return out
}

const KIND_NOUNS = new Set(['kind', 'type', 'sort'])
const MANY_KINDS = new Set(['different', 'all', 'various', 'many', 'several', 'other', 'these', 'those'])

/** "different kind of music", "all type of sports": several kinds, so "kinds". */
export function kindsOf(view: SentenceView): Finding[] {
  const { ws, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    if (!KIND_NOUNS.has(w) || ws[v + 1] !== 'of' || !MANY_KINDS.has(ws[v - 1] ?? '')) return
    // "a different kind of", "the other kind of", "any other type of": one kind.
    if (['a', 'an', 'the', 'any', 'no', 'one', 'each', 'every', 'some', 'another'].includes(ws[v - 2] ?? '')) return
    out.push(hit(v, v + 1, `${w}s`))
  })
  return out
}

