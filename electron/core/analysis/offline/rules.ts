import {
  ADJECTIVES, ARTICLE_OPTIONAL, AUX_SLIP_VERBS, AUXILIARIES, COMPOUND_HEADS, COUNTABLE_NOUNS, DETERMINERS, MID_ADVERBS,
  NUMBER_WORDS, PAST_TO_BASE, PLURAL_NOUNS, POSSESSIVES, PRESENT_MARKERS, SINGULAR_SUBJECT_NOUNS, STATIVE, THE_PLACES,
  THE_TIMES, THIRD_SINGULAR_PRONOUNS, THIRD_TO_BASE, TIME_NOUNS, VERBS, pastOf, pluralOf, thirdPerson
} from './lexicon.ts'
import type { Finding, Sentence, Token } from './text.ts'

/** What every learner rule sees: the tokenized transcript and which sentences narrate the past. */
export interface Doc {
  tokens: Token[]
  sentences: Sentence[]
  /** Sentences in a past narrative: they hold a past marker or continue one ("Then I …"). */
  pastScope: Set<number>
  currentYear: number
}

/** A learner-error rule: a catalog key and a function that finds its hits in one sentence. */
export interface LearnerRule {
  key: string
  find: (s: SentenceView, doc: Doc) => Finding[]
}

/** One sentence as lower-case words plus the means to turn a local position into a finding. */
export interface SentenceView {
  sentence: Sentence
  ws: string[]
  hit: (from: number, to: number, replacement: string) => Finding
}

type Person = 'first' | 'plural' | 'third'

/** The rule table: order matters, because an earlier rule's hit hides later hits on the same words. */
export const LEARNER_RULES: LearnerRule[] = [
  { key: 'grammar.past-tense', find: presentForPast },
  { key: 'grammar.auxiliaries', find: beBeforeVerb },
  { key: 'grammar.auxiliaries', find: doSupportForm },
  { key: 'grammar.subject-verb-agreement', find: thereIsPlural },
  { key: 'grammar.subject-verb-agreement', find: verbAgreement },
  { key: 'grammar.third-person-s', find: missingThirdPersonS },
  { key: 'grammar.articles', find: aOrAn },
  { key: 'grammar.articles', find: missingArticle },
  { key: 'grammar.plurals', find: singularAfterQuantity }
]

/** Runs every rule over every sentence; a word already covered by an earlier hit is not reported twice. */
export function runLearnerRules(doc: Doc, rules: LearnerRule[] = LEARNER_RULES): Finding[] {
  const taken = new Set<number>()
  const findings: Finding[] = []
  for (const sentence of doc.sentences) {
    const view = viewOf(sentence)
    for (const rule of rules) {
      for (const f of rule.find(view, doc)) {
        const span = range(f.from, f.to)
        if (span.some((i) => taken.has(i))) continue
        span.forEach((i) => taken.add(i))
        findings.push({ ...f, key: rule.key })
      }
    }
  }
  return findings.sort((a, b) => a.from - b.from)
}

/** Marks sentences that narrate the past: a past marker, or a "Then/After that …" sentence right after one. */
export function pastScope(sentences: Sentence[], currentYear: number): Set<number> {
  const scope = new Set<number>()
  for (const s of sentences) {
    const ws = s.tokens.map((t) => t.norm)
    if (pastMarkers(ws, currentYear).length > 0) scope.add(s.index)
    else if (scope.has(s.index - 1) && NARRATIVE_STARTS.has(ws[0] ?? '') && !ws.some((w) => PRESENT_MARKERS.has(w))) scope.add(s.index)
  }
  return scope
}

const NARRATIVE_STARTS = new Set(['then', 'after', 'afterwards', 'later', 'finally', 'next', 'and'])
const CLAUSE_STARTERS = new Set(['and', 'but', 'because', 'so', 'while', 'when', 'then', 'after', 'before', 'although', 'though', 'since', 'until', 'where', 'which', 'who'])
const BE_PAST: Record<string, string> = { is: 'was', am: 'was', are: 'were', "don't": "didn't", "doesn't": "didn't", can: 'could', "can't": "couldn't", "isn't": "wasn't", "aren't": "weren't" }
const CONTRACTED_BE: Record<string, { subject: string; be: 'am' | 'is' | 'are'; person: Person }> = {
  "i'm": { subject: 'I', be: 'am', person: 'first' },
  "he's": { subject: 'he', be: 'is', person: 'third' },
  "she's": { subject: 'she', be: 'is', person: 'third' },
  "it's": { subject: 'it', be: 'is', person: 'third' },
  "we're": { subject: 'we', be: 'are', person: 'plural' },
  "they're": { subject: 'they', be: 'are', person: 'plural' },
  "you're": { subject: 'you', be: 'are', person: 'plural' }
}
// After "he's/it's" these make a present perfect or passive, not a present "is".
const HAS_NEXT = new Set(['been', 'got', 'gone', 'just', 'already', 'never', 'had', 'done'])
const PERFECT_NEXT = new Set(['been', 'never', 'already', 'ever', 'just', 'not', 'always', 'got'])
const GO_VERBS = new Set(['go', 'goes', 'went', 'going', 'gone', 'come', 'came', 'drive', 'drove', 'walk', 'walked', 'get', 'got', 'run', 'ran'])
const ARTICLE_TRIGGERS = new Set(['is', 'was', 'am', "it's", "he's", "she's", "i'm", 'have', 'has', 'had', 'want', 'wanted', 'need', 'needed', 'buy', 'bought', 'got', 'found', 'rent', 'rented', 'became', 'become', 'met', 'saw'])
const PERSONAL_ONLY = new Set(['work', 'play', 'travel'])
const THE_ADJECTIVES = new Set(['first', 'last', 'next', 'same', 'best', 'only', 'whole', 'second', 'worst'])

/** Present forms in a past narrative: "Yesterday I go" → "went". */
function presentForPast({ sentence, ws, hit }: SentenceView, doc: Doc): Finding[] {
  if (!doc.pastScope.has(sentence.index)) return []
  const clause = clauseIds(sentence.tokens)
  const markerClauses = new Set(pastMarkers(ws, doc.currentYear).map((i) => clause[i]))
  const presentClauses = new Set(ws.flatMap((w, i) => (PRESENT_MARKERS.has(w) ? [clause[i]] : [])))
  const out: Finding[] = []
  ws.forEach((w, v) => {
    if (presentClauses.has(clause[v])) return
    const contracted = CONTRACTED_BE[w]
    if (contracted) {
      if (!HAS_NEXT.has(ws[v + 1] ?? '')) out.push(hit(v, v + 1, `${contracted.subject} ${contracted.person === 'plural' ? 'were' : 'was'}`))
      return
    }
    const subject = subjectOf(ws, v)
    const be = BE_PAST[w]
    if (be) {
      // Like statives, "is/are" often describe the present in another clause ("my colleagues there are kind").
      if (!markerClauses.has(clause[v])) return
      if (subject || ws[v - 1] === 'there' || POSSESSIVES.has(ws[v - 2] ?? '')) out.push(hit(v, v + 1, subject?.person === 'plural' && w === 'is' ? 'were' : be))
      return
    }
    const base = VERBS.has(w) ? w : THIRD_TO_BASE.get(w)
    if (!subject || !base || pastOf(base) === base) return
    if (STATIVE.has(base) && !markerClauses.has(clause[v])) return
    if (base === 'have' && (PERFECT_NEXT.has(ws[v + 1] ?? '') || /ed$/.test(ws[v + 1] ?? '') || isParticiple(ws[v + 1]))) return
    out.push(hit(v, v + 1, pastOf(base)))
  })
  return out
}

/** "I am agree", "it is depend", "I was go": a form of be before a bare verb. */
function beBeforeVerb({ ws, sentence, hit }: SentenceView): Finding[] {
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

/** "didn't went", "does he likes": do-support takes the base form. */
function doSupportForm({ ws, hit }: SentenceView): Finding[] {
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const did = w === 'did' || w === "didn't"
    if (!did && w !== 'does' && w !== "doesn't") return
    let k = v + 1
    if (ws[k] === 'not') k++
    if (SUBJECT_PERSON[ws[k] ?? '']) k++
    const verb = ws[k] ?? ''
    const base = did ? PAST_TO_BASE.get(verb) : THIRD_TO_BASE.get(verb)
    if (base && base !== verb) out.push(hit(k, k + 1, base))
  })
  return out
}

/** "There is many people" → "There are". */
function thereIsPlural({ ws, hit }: SentenceView): Finding[] {
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const contracted = w === "there's"
    if (!contracted && !((w === 'is' || w === 'was') && ws[v - 1] === 'there')) return
    let k = v + 1
    while (ADJECTIVES.has(ws[k] ?? '') && !NUMBER_WORDS.has(ws[k] ?? '')) k++
    const next = ws[k] ?? ''
    const plural = (NUMBER_WORDS.has(next) && next !== 'these' && next !== 'those') || PLURAL_NOUNS.has(next) || next === 'lots' || Number(next) > 1
    if (plural) out.push(hit(v, v + 1, contracted ? 'there are' : w === 'is' ? 'are' : 'were'))
  })
  return out
}

const PLURAL_FIX: Record<string, string> = { is: 'are', was: 'were', has: 'have', does: 'do', "doesn't": "don't", "isn't": "aren't", "wasn't": "weren't" }
const FIRST_FIX: Record<string, string> = { is: 'am', are: 'am', has: 'have', does: 'do', "doesn't": "don't" }
const THIRD_FIX: Record<string, string> = { are: 'is', were: 'was', "aren't": "isn't", "weren't": "wasn't" }

/** "They was", "people is", "he are", "I has": the verb does not match its subject. */
function verbAgreement({ ws, hit }: SentenceView): Finding[] {
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const subject = subjectOf(ws, v)
    if (!subject) return
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
function missingThirdPersonS({ sentence, ws, hit }: SentenceView, doc: Doc): Finding[] {
  if (doc.pastScope.has(sentence.index)) return []
  const out: Finding[] = []
  ws.forEach((w, v) => {
    if (subjectOf(ws, v)?.person !== 'third') return
    if (w === "don't") out.push(hit(v, v + 1, "doesn't"))
    // Verbs whose past equals the base ("he read") may be correct past forms.
    else if (VERBS.has(w) && pastOf(w) !== w) out.push(hit(v, v + 1, thirdPerson(w)))
  })
  return out
}

/** "a apple" → "an apple", "an car" → "a car". */
function aOrAn({ ws, hit, sentence }: SentenceView): Finding[] {
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const next = ws[v + 1] ?? ''
    if ((w !== 'a' && w !== 'an') || !/^\p{L}/u.test(next) || /^\p{Lu}{2,}/u.test(sentence.tokens[v + 1]?.text ?? '')) return
    const wanted = article(next)
    if (wanted !== w) out.push(hit(v, v + 1, wanted))
  })
  return out
}

/** "I have car", "it is good idea", "go to cinema", "in morning": a singular countable noun with no article. */
function missingArticle({ ws, hit, sentence }: SentenceView): Finding[] {
  const out: Finding[] = []
  const add = (at: number, the: boolean): void => {
    const text = (sentence.tokens[at] as Token).text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    out.push(hit(at, at + 1, `${the ? 'the' : article(ws[at] ?? '')} ${text}`))
  }
  ws.forEach((w, v) => {
    // "are/were" are not triggers: "they are teacher" is a plural slip, not an article slip.
    if (ARTICLE_TRIGGERS.has(w)) {
      let start = v + 1
      if (ws[start] === 'very' || ws[start] === 'really') start++
      let k = start
      while (ADJECTIVES.has(ws[k] ?? '')) k++
      const noun = ws[k] ?? ''
      const timePhrase = THE_ADJECTIVES.has(ws[start] ?? '') && TIME_NOUNS.has(noun)
      if (COUNTABLE_NOUNS.has(noun) && !ARTICLE_OPTIONAL.has(noun) && !isNounish(ws[k + 1]) && !DETERMINERS.has(ws[v + 1] ?? '') && !timePhrase) {
        add(v + 1, THE_ADJECTIVES.has(ws[start] ?? ''))
      }
    }
    if (w === 'to' && GO_VERBS.has(ws[v - 1] ?? '') && THE_PLACES.has(ws[v + 1] ?? '')) add(v + 1, true)
    if ((w === 'in' || w === 'at' || w === 'on') && THE_TIMES.has(ws[v + 1] ?? '') && !isNounish(ws[v + 2]) && !TIME_NOUNS.has(ws[v + 2] ?? '')) add(v + 1, true)
  })
  return out
}

/** "two brother", "many friend", "one of my friend", "a lot of book": a singular noun after a plural quantity. */
function singularAfterQuantity({ ws, hit }: SentenceView): Finding[] {
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

const SUBJECT_PERSON: Record<string, Person> = { i: 'first', you: 'plural', we: 'plural', they: 'plural', he: 'third', she: 'third', it: 'third' }

/** The subject right before position v (one adverb may sit between), unless a question or causative frames it. */
function subjectOf(ws: string[], v: number): { person: Person; at: number } | undefined {
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
    if (POSSESSIVES.has(det) || (singular && ['every', 'each', 'a', 'an'].includes(det))) at = d
    // A bare plural subject: "people is", or a plural noun opening the sentence ("Students doesn't").
    else if (!(plural && (w === 'people' || w === 'children' || d < 0) && d === k - 1)) return undefined
    person = singular ? 'third' : 'plural'
  }
  const before = ws[at - 1] ?? ''
  if (AUXILIARIES.has(before) || before === 'of') return undefined
  return { person, at }
}

/** Positions of past-time markers: yesterday, ago, last week, in 2019, when I was, the other day, in the past. */
function pastMarkers(ws: string[], currentYear: number): number[] {
  const out: number[] = []
  ws.forEach((w, i) => {
    const next = ws[i + 1] ?? ''
    if (w === 'yesterday' || w === 'ago') out.push(i)
    else if (w === 'last' && TIME_NOUNS.has(next)) out.push(i)
    else if (w === 'in' && /^\d{4}$/.test(next) && Number(next) >= 1900 && Number(next) < currentYear) out.push(i)
    else if (w === 'when' && (ws[i + 2] === 'was' || ws[i + 2] === 'were')) out.push(i)
    else if (w === 'other' && ws[i - 1] === 'the' && next === 'day') out.push(i)
    else if (w === 'past' && ws[i - 1] === 'the' && ws[i - 2] === 'in') out.push(i)
    else if (w === 'then' && ws[i - 1] === 'back') out.push(i)
  })
  return out
}

function clauseIds(tokens: Token[]): number[] {
  let id = 0
  return tokens.map((t, i) => {
    if (i > 0 && (CLAUSE_STARTERS.has(t.norm) || /[,;:]$/.test((tokens[i - 1] as Token).text))) id++
    return id
  })
}

function isParticiple(w: string | undefined): boolean {
  return !!w && [...VERBS.values()].some((v) => v.participle === w)
}

function isNounish(w: string | undefined): boolean {
  return !!w && (COUNTABLE_NOUNS.has(w) || PLURAL_NOUNS.has(w) || COMPOUND_HEADS.has(w))
}

function article(word: string): 'a' | 'an' {
  if (/^(uni|use|usu|uti|eu|one|once|ur[aeiou])/.test(word)) return 'a'
  if (/^(hour|honest|honou?r|heir)/.test(word)) return 'an'
  return /^[aeiou]/.test(word) ? 'an' : 'a'
}

function viewOf(sentence: Sentence): SentenceView {
  const ws = sentence.tokens.map((t) => t.norm)
  const hit = (from: number, to: number, replacement: string): Finding => ({
    key: '',
    from: (sentence.tokens[from] as Token).index,
    to: (sentence.tokens[to - 1] as Token).index + 1,
    replacement
  })
  return { sentence, ws, hit }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i)
}
