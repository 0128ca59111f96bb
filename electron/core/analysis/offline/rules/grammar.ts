import {
  ADJECTIVES, AUXILIARIES, COMPOUND_HEADS, COUNTABLE_NOUNS, MID_ADVERBS, PLURAL_NOUNS, POSSESSIVES, SINGULAR_SUBJECT_NOUNS,
  THIRD_SINGULAR_PRONOUNS, TIME_NOUNS, VERBS, pastOf, thirdPerson
} from '../lexicon.ts'
import type { Tag } from '../nlp.ts'
import type { Finding, Sentence, Token } from '../text.ts'

/** What every learner rule sees: the cleaned, tagged transcript and which sentences narrate the past. */
export interface Doc {
  tokens: Token[]
  sentences: Sentence[]
  /** Sentences in a past narrative: they hold a past marker or continue one ("Then I …"). */
  pastScope: Set<number>
  currentYear: number
  /** Part-of-speech tags by verbatim token index. */
  tags?: Map<number, Tag>
}

/** A learner-error rule: a catalog key and a function that finds its hits in one sentence. */
export interface LearnerRule {
  key: string
  find: (s: SentenceView, doc: Doc) => Finding[]
  /** Its hits are weak evidence alone (measured on the evaluation): a pattern needs two of them. */
  weak?: boolean
}

/** One sentence as lower-case words with their tags, plus the means to turn a local position into a finding. */
export interface SentenceView {
  sentence: Sentence
  ws: string[]
  tags: Tag[]
  hit: (from: number, to: number, replacement: string) => Finding
}

export type Person = 'first' | 'plural' | 'third'

export const SUBJECT_PERSON: Record<string, Person> = { i: 'first', you: 'plural', we: 'plural', they: 'plural', he: 'third', she: 'third', it: 'third' }

/** The subject right before position v (one adverb may sit between), unless a question or causative frames it. */
export function subjectOf(ws: string[], v: number): { person: Person; at: number } | undefined {
  let k = v - 1
  if (MID_ADVERBS.has(ws[k] ?? '')) k--
  const w = ws[k] ?? ''
  let person: Person | undefined = SUBJECT_PERSON[w] ?? (THIRD_SINGULAR_PRONOUNS.has(w) ? 'third' : undefined)
  let at = k
  if (!person) {
    const singular = COUNTABLE_NOUNS.has(w) || SINGULAR_SUBJECT_NOUNS.has(w)
    const plural = PLURAL_NOUNS.has(w)
    if (!singular && !plural) return undefined
    let d = k - 1
    if (ADJECTIVES.has(ws[d] ?? '')) d--
    const det = ws[d] ?? ''
    if (timeAdverbial(det, w)) return undefined
    if (POSSESSIVES.has(det) || (singular && ['every', 'each', 'a', 'an'].includes(det))) at = d
    // A bare plural subject: "people is", or a plural noun opening the sentence ("Students doesn't").
    else if (!(plural && (w === 'people' || w === 'children' || d < 0) && d === k - 1)) return undefined
    person = singular ? 'third' : 'plural'
  }
  const before = ws[at - 1] ?? ''
  // "the friends in the team are", "a man and his wife were": the noun before the verb is not its subject.
  // ...except "a lot of people is": after a quantity, the noun is what the verb agrees with.
  const quantity = before === 'of' && QUANTITY_OF.has(ws[at - 2] ?? '')
  if (AUXILIARIES.has(before) || (PREPOSITIONS.has(before) && !quantity) || before === 'and' || before === 'or') return undefined
  return { person, at }
}

const PREPOSITIONS = new Set(['of', 'in', 'on', 'at', 'with', 'for', 'from', 'about', 'by', 'to', 'into', 'like', 'than', 'between', 'among', 'under', 'near', 'without', 'through', 'during', 'around', 'over', 'behind', 'across', 'along', 'above', 'below', 'inside', 'outside', 'within', 'beyond', 'against', 'towards', 'toward', 'throughout', 'including'])
// Quantities whose verb agrees with the noun after "of" (unlike "one of", "each of", "the number of").
const QUANTITY_OF = new Set(['lot', 'lots', 'plenty', 'most', 'some', 'many', 'all', 'majority', 'half', 'rest', 'few', 'both', 'several'])
const CLAUSE_STARTERS = new Set(['and', 'but', 'because', 'so', 'while', 'when', 'then', 'after', 'before', 'although', 'though', 'since', 'until', 'where', 'which', 'who'])

const DAY_PARTS = new Set(['day', 'morning', 'afternoon', 'evening', 'night'])

/** "every day", "each week": a time adverbial ("I every day go"), never the subject of the verb after it. */
export function timeAdverbial(determiner: string, noun: string): boolean {
  return (determiner === 'every' || determiner === 'each') && (TIME_NOUNS.has(noun) || DAY_PARTS.has(noun))
}

/** A clause number per token: a new clause at a conjunction or after a comma, semicolon or colon. */
export function clauseIds(tokens: Token[]): number[] {
  let id = 0
  return tokens.map((t, i) => {
    if (i > 0 && (CLAUSE_STARTERS.has(t.norm) || /[,;:]$/.test((tokens[i - 1] as Token).text))) id++
    return id
  })
}

export function isParticiple(w: string | undefined): boolean {
  return !!w && [...VERBS.values()].some((v) => v.participle === w)
}

export function isNounish(w: string | undefined): boolean {
  return !!w && (COUNTABLE_NOUNS.has(w) || PLURAL_NOUNS.has(w) || COMPOUND_HEADS.has(w))
}

/** "a" or "an" by the sound of the next word's spelling. */
export function article(word: string): 'a' | 'an' {
  if (/^(uni|use|usu|uti|eu|one|once|ur[aeiou])/.test(word)) return 'a'
  if (/^(hour|honest|honou?r|heir)/.test(word)) return 'an'
  return /^[aeiou]/.test(word) ? 'an' : 'a'
}

/** A capital inside the sentence marks a name or a title ("we watched Doctor Who"), not a common noun. */
export function named(view: SentenceView, i: number): boolean {
  return i > 0 && /^\p{Lu}\p{Ll}/u.test(view.sentence.tokens[i]?.text.replace(/^[^\p{L}]+/u, '') ?? '')
}

/** The word of position i as written, without surrounding punctuation. */
export function bare(s: SentenceView, i: number): string {
  return (s.sentence.tokens[i]?.text ?? '').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
}

/**
 * The subject found by subjectOf is really something else: an object after a verb ("believe it don't",
 * "keeping it clean"), the end of a comma list ("take the bus, catch the train"), or the noun of a phrase
 * after a preposition ("the number of these people is", "the only choice for many people is"), unless
 * the preposition is the "of" of a quantity ("a lot of people is").
 */
export function notASubject(s: SentenceView, at: number): boolean {
  let head = at
  while (head < at + 2 && ['DET', 'ADJ'].includes(s.tags[head]?.pos ?? '')) head++
  const commaInside = s.sentence.tokens.slice(at, head + 1).some((t) => /,$/.test(t.text))
  if (s.tags[at - 1]?.pos === 'VERB' || commaInside) return true
  if (s.tags[at]?.pos === 'PRON' || s.tags[at]?.pos === 'DET') return false
  // Back over the words of the subject's own phrase: adjectives, numbers, and the determiner that opens it.
  let b = at - 1
  while (b > at - 4 && ['ADJ', 'NUM'].includes(s.tags[b]?.pos ?? '') && !/[,;:]$/.test(s.sentence.tokens[b]?.text ?? '')) b--
  if (s.tags[b]?.pos === 'DET' && !/[,;:]$/.test(s.sentence.tokens[b]?.text ?? '')) b--
  return b < at - 1 && s.tags[b]?.pos === 'ADP' && !(s.ws[b] === 'of' && QUANTITY_OF.has(s.ws[b - 1] ?? ''))
}

/** True when the word at i is a verb (or auxiliary) in its base form. */
export function isBaseVerb(s: SentenceView, i: number): boolean {
  const tag = s.tags[i]
  return !!tag && (tag.pos === 'VERB' || tag.pos === 'AUX') && s.ws[i] === tag.lemma
}

/** True when the word at i is a third-person singular present ("goes", "has"). */
export function isThirdVerb(s: SentenceView, i: number): boolean {
  const tag = s.tags[i]
  const w = s.ws[i] ?? ''
  return !!tag && (tag.pos === 'VERB' || tag.pos === 'AUX') && w !== tag.lemma && w === thirdPerson(tag.lemma)
}

/** True when the word at i is a simple-past form ("went", "visited"), by its lemma's past. */
export function isPastVerb(s: SentenceView, i: number): boolean {
  const tag = s.tags[i]
  const w = s.ws[i] ?? ''
  if (!tag || (tag.pos !== 'VERB' && tag.pos !== 'AUX')) return false
  return w === 'was' || w === 'were' || (w !== tag.lemma && (w === pastOf(tag.lemma) || (/ed$/.test(w) && !VERBS.get(tag.lemma))))
}

/**
 * True when a sentence sits in a story told in the past: it, or the sentence before it, has a verb in the
 * simple past after a subject ("we went", "my friend called"). A bare verb there ("she get") meant the past.
 */
export function inPastFrame(view: SentenceView, doc: Doc): boolean {
  const at = doc.sentences.findIndex((s) => s.index === view.sentence.index)
  const before = doc.sentences[at - 1]
  return pastFrameOf(view.sentence, doc) || (!!before && pastFrameOf(before, doc))
}

/** True when the sentence narrates in the simple past: a past verb right after its subject ("she went"). */
export function pastFrameOf(s: Sentence, doc: Doc): boolean {
  const cached = PAST_FRAME.get(doc)
  const frames = cached ?? new Map<number, boolean>()
  if (!cached) PAST_FRAME.set(doc, frames)
  const known = frames.get(s.index)
  if (known !== undefined) return known
  const ws = s.tokens.map((t) => t.norm)
  const tags = doc.tags ? s.tokens.map((t) => doc.tags?.get(t.index) as Tag) : []
  const found = tags.length > 0 && ws.some((w, i) => {
    const tag = tags[i]
    if (!tag || (tag.pos !== 'VERB' && tag.pos !== 'AUX') || w === tag.lemma) return false
    const past = w === 'was' || w === 'were' || w === pastOf(tag.lemma) || /ed$/.test(w)
    const prev = ws[i - 1] ?? ''
    return past && !AUXILIARIES.has(prev) && !['have', 'has', 'had', 'is', 'are', 'be', 'been', 'am', 'get'].includes(prev) && (!!SUBJECT_PERSON[prev] || tags[i - 1]?.pos === 'NOUN' || tags[i - 1]?.pos === 'PROPN')
  })
  frames.set(s.index, found)
  return found
}

const PAST_FRAME = new WeakMap<Doc, Map<number, boolean>>()

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i)
}
