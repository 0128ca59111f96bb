import { GERUND_VERBS, INFINITIVE_VERBS, ingOf } from '../collocations.ts'
import type { Finding } from '../text.ts'
import { VERBS } from '../lexicon.ts'
import type { SentenceView } from './grammar.ts'

/** "enjoy to swim" → "enjoy swimming", "suggest to go" → "suggest going": verbs that take -ing. */
export function infinitiveForGerund(view: SentenceView): Finding[] {
  const { ws, tags, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const lemma = tags[v]?.lemma ?? w
    if (!GERUND_VERBS.has(lemma) || (tags[v]?.pos !== 'VERB' && tags[v]?.pos !== 'AUX')) return
    // "suggest to him", "recommend to anyone": "to" before a person is a preposition.
    if (ws[v + 1] !== 'to' || tags[v + 2]?.pos !== 'VERB' || ws[v + 2] !== tags[v + 2]?.lemma) return
    out.push(hit(v + 1, v + 3, ingOf(ws[v + 2] ?? '')))
  })
  return out
}

/** "want going" → "want to go", "decided going" → "decided to go": verbs that take a to-infinitive. */
export function gerundForInfinitive(view: SentenceView): Finding[] {
  const { ws, tags, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const lemma = tags[v]?.lemma ?? w
    if (!INFINITIVE_VERBS.has(lemma) || (tags[v]?.pos !== 'VERB' && tags[v]?.pos !== 'AUX')) return
    // "would like" counts; plain "like" takes both forms.
    if (lemma === 'like' && ws[v - 1] !== 'would' && ws[v - 1] !== "i'd") return
    const next = ws[v + 1] ?? ''
    const tag = tags[v + 1]
    if (!/[a-z]{2,}ing$/.test(next) || !tag || (tag.pos !== 'VERB' && tag.pos !== 'ADJ')) return
    // The tagger may read an unexpected -ing as an adjective ("want going"); then the verb must be a known one.
    const base = tag.pos === 'VERB' && tag.lemma !== next ? tag.lemma : baseOfIng(next)
    if (!base) return
    out.push(hit(v + 1, v + 2, `to ${base}`))
  })
  return out
}

function baseOfIng(word: string): string | undefined {
  const stem = word.slice(0, -3)
  return [stem, `${stem}e`, stem.slice(0, -1)].find((b) => VERBS.has(b))
}
