import { AUX_SLIP_VERBS, pastOf, thirdPerson } from '../lexicon.ts'
import type { Finding } from '../text.ts'
import { SUBJECT_PERSON, type Person, type SentenceView } from './grammar.ts'

const CONTRACTED_BE: Record<string, { subject: string; person: Person }> = {
  "i'm": { subject: 'I', person: 'first' }, "he's": { subject: 'he', person: 'third' }, "she's": { subject: 'she', person: 'third' },
  "it's": { subject: 'it', person: 'third' }, "we're": { subject: 'we', person: 'plural' }, "they're": { subject: 'they', person: 'plural' },
  "you're": { subject: 'you', person: 'plural' }
}
const PERSONAL_ONLY = new Set(['work', 'play', 'travel'])

/** "I am agree", "it is depend", "we are need", "I was go": a form of be before a bare verb. */
export function beBeforeVerb({ ws, sentence, hit }: SentenceView): Finding[] {
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const contracted = CONTRACTED_BE[w]
    const pronoun = SUBJECT_PERSON[ws[v - 1] ?? '']
    const isBe = ['am', 'is', 'are', 'was', 'were'].includes(w)
    if (!contracted && !(isBe && pronoun)) return
    const person = contracted?.person ?? pronoun ?? 'third'
    let k = v + 1
    const negated = ws[k] === 'not'
    if (negated) k++
    const adverb = ['really', 'also', 'always', 'just'].includes(ws[k] ?? '') ? sentence.tokens[k]?.text : undefined
    if (adverb) k++
    const verb = ws[k] ?? ''
    // "It is work" is a noun; after a personal subject ("I am work") it can only be a verb slip.
    const personalOnly = PERSONAL_ONLY.has(verb) && (contracted?.subject ?? ws[v - 1]) !== 'it'
    if (!AUX_SLIP_VERBS.has(verb) && !personalOnly) return
    const past = w === 'was' || w === 'were'
    const form = negated
      ? `${past ? "didn't" : person === 'third' ? "doesn't" : "don't"} ${verb}`
      : past ? pastOf(verb) : person === 'third' ? thirdPerson(verb) : verb
    const words = [contracted?.subject, adverb?.replace(/[^\p{L}]/gu, ''), form].filter(Boolean).join(' ')
    out.push(hit(v, k + 1, words))
  })
  return out
}
