import { MOTION_VERBS, NO_TO_BEFORE, PREPOSITION_AFTER } from '../collocations.ts'
import type { Finding } from '../text.ts'
import { bare, type SentenceView } from './grammar.ts'

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
    else if ((w === 'on' || w === 'at') && /^(19|20)\d\d$/.test(next)) out.push(hit(v, v + 1, 'in'))
  })
  return out
}
