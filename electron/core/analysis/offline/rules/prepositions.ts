import { MOTION_VERBS, NO_TO_BEFORE, PREPOSITION_AFTER } from '../collocations.ts'
import type { Finding } from '../text.ts'
import { bare, SUBJECT_PERSON, type SentenceView } from './grammar.ts'

const POSSESSIVE = new Set(['my', 'your', 'his', 'her', 'its', 'our', 'their'])
const DAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])
const MONTHS_SEASONS = new Set(['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'summer', 'winter', 'spring', 'autumn'])

/** "depend of", "interested on", "discuss about", "married with": the wrong preposition after a word. */
export function wrongPreposition(view: SentenceView): Finding[] {
  const { ws, tags, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const lemma = tags[v]?.lemma ?? w
    const table = PREPOSITION_AFTER[w] ?? PREPOSITION_AFTER[lemma]
    const prep = ws[v + 1] ?? ''
    const right = table?.[prep]
    if (right === undefined) return
    // "arrive to" only before a place: "arrive to find" is an infinitive.
    if (prep === 'to' && (tags[v + 2]?.pos === 'VERB' || ws[v + 2] === 'be')) return
    // "married with two children" says who the family is, not whom she married.
    // "good in" is "good at" only for a skill, never a place ("good in summer", "good in Spain").
    if ((w === 'good' || w === 'bad') && (tags[v + 2]?.pos === 'PROPN' || ['the', 'this', 'my', 'our', 'summer', 'winter'].includes(ws[v + 2] ?? ''))) return
    // "look to the future" is an idiom; "look to" a person or thing is "look at".
    if (w === 'look' && ws[v + 2] === 'the' && ws[v + 3] === 'future') return
    if (w === 'out' && tags[v - 1]?.pos !== 'VERB') return
    if (w === 'example' && ws[v - 1] !== 'an' && ws[v - 1] !== 'good' && ws[v - 1] !== 'great') return
    if (w === 'married' && (tags[v + 2]?.pos === 'NUM' || ['children', 'kids'].includes(ws[v + 2] ?? ''))) return
    if (right === '') out.push(hit(v, v + 2, bare(view, v)))
    else out.push(hit(v + 1, v + 2, right))
  })
  return out
}

/** "go to home" → "go home"; "listen music" → "listen to music". */
export function missingOrExtraTo(view: SentenceView): Finding[] {
  const { ws, tags, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const lemma = tags[v]?.lemma ?? w
    if (MOTION_VERBS.has(lemma) && ws[v + 1] === 'to' && NO_TO_BEFORE.has(ws[v + 2] ?? '') && (tags[v]?.pos === 'VERB')) out.push(hit(v + 1, v + 3, bare(view, v + 2)))
    if (lemma === 'listen' && tags[v]?.pos === 'VERB') {
      const next = tags[v + 1]
      if (next && (next.pos === 'NOUN' || next.pos === 'DET' || (next.pos === 'PRON' && !['to', 'it'].includes(ws[v + 1] ?? ''))) && ws[v + 1] !== 'to') out.push(hit(v, v + 1, `${bare(view, v)} to`))
    }
  })
  return out
}

/** "in Monday" → "on Monday", "on summer" → "in summer", "in the night" → "at night". */
export function timePreposition(view: SentenceView): Finding[] {
  const { ws, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const next = ws[v + 1] ?? ''
    if ((w === 'in' || w === 'at') && DAYS.has(next.replace(/s$/, ''))) out.push(hit(v, v + 1, 'on'))
    else if ((w === 'on' || w === 'at') && MONTHS_SEASONS.has(next)) out.push(hit(v, v + 1, 'in'))
    else if (w === 'in' && next === 'night') out.push(hit(v, v + 1, 'at'))
    else if ((w === 'at' || w === 'on') && next === 'the' && ['morning', 'afternoon', 'evening'].includes(ws[v + 2] ?? '') && ws[v + 3] !== 'of') out.push(hit(v, v + 1, 'in'))
    else if ((w === 'on' || w === 'at') && /^(19|20)\d\d$/.test(next)) out.push(hit(v, v + 1, 'in'))
  })
  return out
}

/** "most of people" → "most people"; "because the rain" → "because of the rain": a phrase where a clause belongs. */
export function phrasePrepositions(view: SentenceView): Finding[] {
  const { ws, tags, hit, sentence } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const next = ws[v + 1] ?? ''
    if (w === 'most' && next === 'of' && tags[v + 2]?.pos === 'NOUN' && /s$|^people$/.test(ws[v + 2] ?? '') && ws[v - 1] !== 'the') out.push(hit(v, v + 2, bare(view, v)))
    if (w === 'because' && next !== 'of') {
      // Only a short noun phrase that ends at punctuation or at the end: "because the rain." A clause
      // ("because the rain was heavy", "because it's cheap") has a verb and keeps plain "because".
      let k = v + 1
      while (k < ws.length && k <= v + 4 && (['DET', 'ADJ', 'NOUN'].includes(tags[k]?.pos ?? '') || POSSESSIVE.has(ws[k] ?? '')) && !/'/.test(ws[k] ?? '')) {
        if (/[,.;:!?]$/.test(sentence.tokens[k]?.text ?? '')) break
        k++
      }
      const end = sentence.tokens[k]?.text ?? ''
      // A comma may close the phrase only before a new subject ("because the rain, we stayed"), not inside a list.
      const closed = /[.;!?]$/.test(end) || (/,$/.test(end) && ['i', 'we', 'they', 'he', 'she', 'you', 'it'].includes(ws[k + 1] ?? ''))
      const ends = k < ws.length && k > v + 1 && closed && tags[k]?.pos === 'NOUN' && ws[k] !== 'l'
      if (ends && tags.slice(v + 1, k + 1).some((t) => t.pos === 'NOUN')) out.push(hit(v, v + 1, `${bare(view, v)} of`))
    }
  })
  return out
}

const WAIT_SPANS = new Set(['minute', 'moment', 'second', 'while', 'bit', 'little', 'long', 'few', 'couple', 'week', 'day', 'year', 'month', 'lot'])

/**
 * A preposition missing or extra where a fixed phrase wants it: "a lot people" → "a lot of people",
 * "wait the bus" → "wait for the bus", "interested football" → "interested in football", and
 * "because of I was tired" → "because I was tired".
 */
export function phraseGaps(view: SentenceView): Finding[] {
  const { ws, tags, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const next = ws[v + 1] ?? ''
    const nextTag = tags[v + 1]?.pos
    const closed = /[,.;:!?]$/.test(view.sentence.tokens[v]?.text ?? '')
    if (closed) return
    if (w === 'lot' && ws[v - 1] === 'a' && nextTag === 'NOUN' && !['more', 'less', 'better', 'worse'].includes(next)) out.push(hit(v, v + 1, 'lot of'))
    else if (w === 'of' && ws[v - 1] === 'because' && SUBJECT_PERSON[next] && ['VERB', 'AUX'].includes(tags[v + 2]?.pos ?? '')) out.push(hit(v - 1, v + 1, bare(view, v - 1)))
    else if (tags[v]?.lemma === 'wait' && tags[v]?.pos === 'VERB' && (nextTag === 'DET' || POSSESSIVE.has(next)) && !WAIT_SPANS.has(ws[v + 2] ?? '') && !['this', 'that', 'all', 'any', 'no'].includes(next)) out.push(hit(v, v + 1, `${bare(view, v)} for`))
    else if (w === 'interested' && (nextTag === 'NOUN' || (nextTag === 'DET' && next !== 'that') || POSSESSIVE.has(next) || /[a-z]{2,}ing$/.test(next))) out.push(hit(v, v + 1, 'interested in'))
  })
  return out
}
