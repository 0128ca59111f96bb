import { PLURAL_NOUNS } from '../lexicon.ts'
import type { Finding } from '../text.ts'
import type { SentenceView } from './grammar.ts'

const PERSON = new Set(['i', 'we', 'they', 'he', 'she', 'you'])
const FEEL = new Set(['am', "i'm", 'was', 'were', 'are', 'felt', 'feel', 'feels', 'get', 'got', 'became', 'become', 'is'])
const ING_FEELINGS: Record<string, string> = {
  boring: 'bored', interesting: 'interested', exciting: 'excited', tiring: 'tired', frightening: 'frightened',
  surprising: 'surprised', embarrassing: 'embarrassed', disappointing: 'disappointed', confusing: 'confused',
  annoying: 'annoyed', relaxing: 'relaxed', amazing: 'amazed', terrifying: 'terrified', exhausting: 'exhausted', worrying: 'worried'
}
const MAKE_NOUNS = new Set(['mistake', 'mistakes', 'decision', 'decisions', 'noise', 'friends', 'progress', 'money', 'effort', 'plans', 'plan', 'cake', 'dinner'])
const DO_NOUNS = new Set(['homework', 'housework', 'exercise', 'exercises', 'sport', 'sports', 'shopping', 'job', 'research'])
const TELL_OBJECTS = new Set(['me', 'him', 'her', 'us', 'them'])

/** "I was very boring" (meant bored), "do a mistake", "make homework", "say me": a word that means something else. */
export function confusedWords(view: SentenceView): Finding[] {
  const { ws, tags, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const feeling = ING_FEELINGS[w]
    if (feeling) {
      let k = v - 1
      if (['very', 'so', 'really', 'quite', 'too', 'a', 'bit', 'little'].includes(ws[k] ?? '')) k--
      if (ws[k] === 'bit' && ws[k - 1] === 'a') k -= 2
      const contracted = ws[k] === "i'm"
      // "we were interested in", "I got bored": a person as the subject of a feeling word.
      const personal = contracted || (FEEL.has(ws[k] ?? '') && PERSON.has(ws[k - 1] ?? ''))
      const next = ws[v + 1] ?? ''
      // "I am boring people" is a different sentence: a noun after it makes "boring" a verb or adjective of that noun.
      if (personal && !['NOUN', 'PROPN', 'PRON'].includes(tags[v + 1]?.pos ?? '') && next !== 'to') out.push(hit(v, v + 1, feeling))
      return
    }
    const lemma = tags[v]?.lemma ?? w
    let k = v + 1
    if (['a', 'an', 'the', 'my', 'some', 'many', 'lots', 'a', 'big', 'any'].includes(ws[k] ?? '')) k++
    if (ws[k] === 'of') k++
    const noun = ws[k] ?? ''
    if (lemma === 'do' && (tags[v]?.pos === 'VERB' || tags[v + 1]?.pos === 'DET') && MAKE_NOUNS.has(noun) && noun !== 'job') out.push(hit(v, v + 1, makeForm(w)))
    else if (lemma === 'make' && DO_NOUNS.has(noun) && ws[v + 1] !== 'a') out.push(hit(v, v + 1, doForm(w)))
    else if (lemma === 'say' && TELL_OBJECTS.has(ws[v + 1] ?? '') && tags[v]?.pos === 'VERB') out.push(hit(v, v + 1, tellForm(w)))
  })
  return out
}

function makeForm(doWord: string): string {
  return ({ do: 'make', does: 'makes', did: 'made', done: 'made', doing: 'making' } as Record<string, string>)[doWord] ?? 'make'
}

function doForm(makeWord: string): string {
  return ({ make: 'do', makes: 'does', made: 'did', making: 'doing' } as Record<string, string>)[makeWord] ?? 'do'
}

function tellForm(sayWord: string): string {
  return ({ say: 'tell', says: 'tells', said: 'told', saying: 'telling' } as Record<string, string>)[sayWord] ?? 'tell'
}

/**
 * "a big amount of people", "much cars", "less mistakes": words for a quantity of stuff before a plural
 * of things you count ("number", "many", "fewer"). Only a plural the lexicon lists as countable.
 */
export function quantityWords(view: SentenceView): Finding[] {
  const { ws, tags, hit } = view
  const out: Finding[] = []
  const countedAt = (k: number): boolean => {
    while (tags[k]?.pos === 'ADJ' && k < view.ws.length) k++
    // "much traffic jams" would need "many" too; a noun before another noun is its modifier ("less car use").
    return PLURAL_NOUNS.has(ws[k] ?? '') && !['NOUN', 'PROPN'].includes(tags[k + 1]?.pos ?? '')
  }
  ws.forEach((w, v) => {
    if (w === 'amount' && ws[v + 1] === 'of' && countedAt(v + 2)) out.push(hit(v, v + 1, 'number'))
    else if (w === 'amounts' && ws[v + 1] === 'of' && countedAt(v + 2)) out.push(hit(v, v + 1, 'numbers'))
    else if (w === 'much' && countedAt(v + 1)) out.push(hit(v, v + 1, 'many'))
    else if (w === 'less' && countedAt(v + 1) && ws[v + 2] !== 'than' && ws[v - 1] !== 'more') out.push(hit(v, v + 1, 'fewer'))
  })
  return out
}
