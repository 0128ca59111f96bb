import { ADJECTIVES, NUMBER_WORDS, PLURAL_NOUNS, SINGULAR_SUBJECT_NOUNS, VERBS, pastOf, thirdPerson, THIRD_TO_BASE } from '../lexicon.ts'
import type { Finding } from '../text.ts'
import { inPastFrame, timeAdverbial, isBaseVerb, isThirdVerb, notASubject, subjectOf, type Doc, type SentenceView } from './grammar.ts'

const PLURAL_FIX: Record<string, string> = { is: 'are', was: 'were', has: 'have', does: 'do', "doesn't": "don't", "isn't": "aren't", "wasn't": "weren't" }
const FIRST_FIX: Record<string, string> = { is: 'am', are: 'am', has: 'have', does: 'do', "doesn't": "don't" }
const THIRD_FIX: Record<string, string> = { are: 'is', were: 'was', "aren't": "isn't", "weren't": "wasn't" }
// Nouns that take a plural verb in British English, or whose number depends on what follows.
const COLLECTIVE = new Set(['family', 'team', 'government', 'police', 'staff', 'group', 'couple', 'number', 'majority', 'lot', 'half', 'rest', 'percent', 'kind', 'sort', 'type', 'part', 'none', 'most', 'all', 'some', 'series', 'news', 'crew', 'class', 'public', 'audience', 'company', 'band', 'committee'])
const NP_INSIDE = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM'])
// What may stand before a fronted subject: the start, a comma, a conjunction, or a time word ("Today").
const SUBJECT_OPENERS = new Set(['but', 'so', 'because', 'when', 'if', 'that', 'while', 'although', 'today', 'nowadays', 'now', 'also', 'still', 'then'])

// A form of be/have/do, the number it agrees with, and the form for the other number.
const AUX_AGREEMENT: Record<string, { number: 'singular' | 'plural'; fix: string }> = {
  is: { number: 'singular', fix: 'are' }, was: { number: 'singular', fix: 'were' }, has: { number: 'singular', fix: 'have' },
  does: { number: 'singular', fix: 'do' }, "isn't": { number: 'singular', fix: "aren't" }, "wasn't": { number: 'singular', fix: "weren't" },
  "doesn't": { number: 'singular', fix: "don't" }, are: { number: 'plural', fix: 'is' }, were: { number: 'plural', fix: 'was' },
  have: { number: 'plural', fix: 'has' }, "aren't": { number: 'plural', fix: "isn't" }, "weren't": { number: 'plural', fix: "wasn't" },
  "don't": { number: 'plural', fix: "doesn't" }
}
// Singular nouns that end in -s ("news is", "physics is").
const NOT_PLURAL = new Set(['news', 'physics', 'mathematics', 'economics', 'politics', 'athletics', 'gymnastics', 'series', 'means', 'species', 'bus', 'gas', 'lens'])
// Singular-looking heads that often take a plural verb ("the police are", "my family are").
const UNCERTAIN_NUMBER = new Set(['police', 'family', 'staff', 'team', 'government', 'people', 'couple', 'public', 'council', 'following'])

/** "There is many people" → "There are"; "there are a problem" → "there is". */
export function thereIsPlural({ ws, tags, hit }: SentenceView): Finding[] {
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const contracted = w === "there's"
    const singularVerb = contracted || ((w === 'is' || w === 'was') && ws[v - 1] === 'there')
    const pluralVerb = (w === 'are' || w === 'were') && ws[v - 1] === 'there'
    if (!singularVerb && !pluralVerb) return
    if (singularVerb) {
      let k = v + 1
      while ((ADJECTIVES.has(ws[k] ?? '') || tags[k]?.pos === 'ADJ') && !NUMBER_WORDS.has(ws[k] ?? '')) k++
      const next = ws[k] ?? ''
      // A plural the lexicon does not list: the tagger's noun whose lemma drops an -s ("problems").
      const taggedPlural = tags[k]?.pos === 'NOUN' && tags[k]?.lemma !== next && /[^s]s$/.test(next)
      const plural = (NUMBER_WORDS.has(next) && next !== 'these' && next !== 'those') || PLURAL_NOUNS.has(next) || taggedPlural || next === 'lots' || Number(next) > 1
      if (plural) out.push(hit(v, v + 1, contracted ? 'there are' : w === 'is' ? 'are' : 'were'))
      return
    }
    // "there are a lot of", "a few", "a number of", "one or two" count many things.
    const next = ws[v + 1] ?? ''
    if ((next === 'a' || next === 'an' || next === 'one' || next === 'another') && !A_MANY.has(ws[v + 2] ?? '') && tags[v + 2]?.pos !== 'NUM') out.push(hit(v, v + 1, w === 'are' ? 'is' : 'was'))
  })
  return out
}

const A_MANY = new Set(['or', 'lot', 'lots', 'few', 'number', 'couple', 'variety', 'range', 'bunch', 'great', 'large', 'huge', 'small', 'wide', 'total', 'dozen', 'hundred', 'thousand', 'million', 'series', 'pair', 'group', 'majority', 'minority', 'plenty'])

/** "They was", "people is", "he are", "I has": the verb does not match its subject. */
export function verbAgreement(view: SentenceView): Finding[] {
  const { ws, tags, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const subject = subjectOf(ws, v)
    if (!subject || (tags[v]?.pos !== 'VERB' && tags[v]?.pos !== 'AUX') || notASubject(view, subject.at)) return
    const base = THIRD_TO_BASE.get(w)
    let fix: string | undefined
    if (subject.person === 'plural') fix = PLURAL_FIX[w] ?? (base !== w ? base : undefined)
    else if (subject.person === 'first') fix = FIRST_FIX[w] ?? (base !== w ? base : undefined)
    // "if she were" is a correct subjunctive.
    else if (!['if', 'wish', 'as'].includes(ws[subject.at - 1] ?? '')) fix = THIRD_FIX[w]
    if (fix) out.push(hit(v, v + 1, fix))
  })
  return out
}

/** "He go", "she like", "my mother work", "it don't": a present verb after he/she/it without -s. */
export function missingThirdPersonS(view: SentenceView, doc: Doc): Finding[] {
  const { sentence, ws, hit } = view
  // In a story told in the past, "she get" is a tense slip ("got"), not a missing -s: see tense.ts.
  if (doc.pastScope.has(sentence.index) || inPastFrame(view, doc)) return []
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const subject = subjectOf(ws, v)
    if (subject?.person !== 'third' || !verbLike(view, v) || notASubject(view, subject.at)) return
    // "he use to play" means "used to", never "uses to".
    if (w === 'use' && ws[v + 1] === 'to') return
    if (w === "don't") out.push(hit(v, v + 1, "doesn't"))
    // Verbs whose past equals the base ("he read") may be correct past forms.
    else if (VERBS.has(w) && pastOf(w) !== w) out.push(hit(v, v + 1, thirdPerson(w)))
  })
  return out
}

/**
 * A verb by its tag, or a word the tagger read as a compound noun ("my mother work in") because the verb
 * lacks its -s: then what follows must be something a verb takes, not more of a noun phrase.
 */
function verbLike({ tags }: SentenceView, v: number): boolean {
  const pos = tags[v]?.pos
  if (pos === 'VERB' || pos === 'AUX') return true
  return pos === 'NOUN' && ['ADP', 'DET', 'PRON', 'ADV', 'PART'].includes(tags[v + 1]?.pos ?? '')
}

/**
 * Agreement across a longer subject, read from the tags: "Today public transport still play" (a singular
 * noun phrase before a bare verb) and "Many people thinks" (a plural one before an -s verb). The noun
 * phrase must open its clause, so "the price of the tickets is" is never read as "tickets is".
 */
export function nounPhraseAgreement(view: SentenceView, doc: Doc): Finding[] {
  const { ws, tags, hit, sentence } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const tag = tags[v]
    const auxFix = tag?.pos === 'AUX' ? AUX_AGREEMENT[w] : undefined
    if (!tag || (tag.pos !== 'VERB' && !auxFix)) return
    let k = v - 1
    while (tags[k]?.pos === 'ADV' && k > v - 3) k--
    const head = tags[k]
    // "Love, see you soon": a word set off by a comma is not the subject of what follows.
    if (!head || head.pos !== 'NOUN' || /[,;:]$/.test(sentence.tokens[k]?.text ?? '')) return
    let start = k
    while (start > 0 && NP_INSIDE.has(tags[start - 1]?.pos ?? '') && !SUBJECT_OPENERS.has(ws[start - 1] ?? '') && !/,$/.test(sentence.tokens[start - 1]?.text ?? '')) start--
    const opener = ws[start - 1]
    const openerOk = start === 0 || /[,;:]$/.test(sentence.tokens[start - 1]?.text ?? '') || SUBJECT_OPENERS.has(opener ?? '')
    const headWord = ws[k] ?? ''
    if (!openerOk || COLLECTIVE.has(headWord) || COLLECTIVE.has(head.lemma) || tags.slice(start, k).some((t) => t.pos === 'NUM')) return
    const det = ws[start] ?? ''
    if (timeAdverbial(det, headWord)) return
    const plural = headWord !== head.lemma && /s$/.test(headWord) || PLURAL_NOUNS.has(headWord) || headWord === 'people'
    const singular = !plural && headWord === head.lemma && !/s$/.test(headWord) && (['the', 'my', 'his', 'her', 'our', 'their', 'this', 'a', 'an', 'every', 'each', 'your'].includes(det) || SINGULAR_SUBJECT_NOUNS.has(headWord))
    if (auxFix) {
      // "The prices is", "my parents has", "the city are": be/have/do after a noun phrase opening its clause.
      const pluralDet = ['the', 'my', 'his', 'her', 'our', 'their', 'these', 'those', 'many', 'most', 'some', 'all', 'your'].includes(det)
      // A bare plural ("cars is"), unless it is the verb of a relative clause ("the thing that matters is").
      const barePlural = start === k && /[^s]s$/.test(headWord) && !NOT_PLURAL.has(headWord) && opener !== 'that'
      if (plural && auxFix.number === 'singular' && (pluralDet || headWord === 'people' || barePlural)) out.push(hit(v, v + 1, auxFix.fix))
      // "if the price were lower" is a correct subjunctive.
      else if (singular && auxFix.number === 'plural' && !UNCERTAIN_NUMBER.has(headWord) && !(w === 'were' && opener === 'if')) out.push(hit(v, v + 1, auxFix.fix))
      return
    }
    if (plural && isThirdVerb(view, v) && ['the', 'my', 'his', 'her', 'our', 'their', 'these', 'those', 'many', 'most', 'some', 'all', 'your'].includes(det)) out.push(hit(v, v + 1, tag.lemma))
    else if (singular && isBaseVerb(view, v) && !doc.pastScope.has(sentence.index) && !inPastFrame(view, doc) && VERBS.has(w) && pastOf(w) !== w) out.push(hit(v, v + 1, thirdPerson(w)))
  })
  return out
}
