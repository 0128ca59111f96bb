import { ADJECTIVES, ARTICLE_OPTIONAL, COUNTABLE_NOUNS, DETERMINERS, PLURAL_NOUNS, THE_PLACES, THE_TIMES, TIME_NOUNS } from '../lexicon.ts'
import { BARE_AFTER, COUNTABLE_ONLY, PHRASE_NOUNS, GENERIC_NO_THE, GENERIC_PHRASES, GENERIC_UNCOUNTABLE, NO_INDEFINITE_ARTICLE, UNIQUE_THE } from '../countability.ts'
import type { Finding, Token } from '../text.ts'
import { article, bare, isNounish, named, range, type SentenceView } from './grammar.ts'

const ARTICLE_TRIGGERS = new Set(['is', 'was', 'am', "it's", "he's", "she's", "i'm", 'have', 'has', 'had', 'want', 'wanted', 'need', 'needed', 'buy', 'bought', 'got', 'found', 'rent', 'rented', 'became', 'become', 'met', 'saw'])
const GO_VERBS = new Set(['go', 'goes', 'went', 'going', 'gone', 'come', 'came', 'drive', 'drove', 'walk', 'walked', 'get', 'got', 'run', 'ran'])
const THE_ADJECTIVES = new Set(['first', 'last', 'next', 'same', 'best', 'only', 'whole', 'second', 'worst'])
// Words that stand in for a determiner before a noun ("such", "what", "whose", a genitive).
const DETERMINER_LIKE = new Set([...DETERMINERS, 'last', 'next', 'such', 'what', 'whose', 'which', 'either', 'neither', 'every', 'no', 'any', 'enough', 'half', 'quite', 'rather', 'per', 'than', 'as'])

const ARTICLE_CONTEXT = new Set(['is', 'was', 'be', 'been', 'become', 'became', 'becomes', "it's", "he's", "she's", "i'm", "that's", 'have', 'has', 'had', 'am'])

/** "a apple" → "an apple", "an car" → "a car". */
export function aOrAn({ ws, hit, sentence }: SentenceView): Finding[] {
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
export function missingArticle(view: SentenceView): Finding[] {
  const { ws, hit } = view
  const out: Finding[] = []
  const add = (at: number, the: boolean): void => {
    out.push(hit(at, at + 1, `${the ? 'the' : article(ws[at] ?? '')} ${bare(view, at)}`))
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
      if (COUNTABLE_NOUNS.has(noun) && !ARTICLE_OPTIONAL.has(noun) && !named(view, k) && !isNounish(ws[k + 1]) && !DETERMINERS.has(ws[v + 1] ?? '') && !timePhrase) {
        // "has other idea" → "another idea": the hit covers the noun, so no rule also makes it plural.
        if (ws[v + 1] === 'other') out.push(hit(v + 1, k + 1, `an${range(v + 1, k + 1).map((i) => bare(view, i)).join(' ')}`))
        else add(v + 1, THE_ADJECTIVES.has(ws[start] ?? ''))
      }
    }
    if (w === 'to' && GO_VERBS.has(ws[v - 1] ?? '') && THE_PLACES.has(ws[v + 1] ?? '')) add(v + 1, true)
    if ((w === 'in' || w === 'at' || w === 'on') && THE_TIMES.has(ws[v + 1] ?? '') && !isNounish(ws[v + 2]) && !TIME_NOUNS.has(ws[v + 2] ?? '')) add(v + 1, true)
  })
  return out
}

/**
 * The tagged form of the same slip, anywhere in a clause: a singular noun that is always countable
 * ("experience" is not; "cloakroom" is) with no determiner before it and its adjectives: "It was fantastic
 * trip", "we went to cloakroom". Fixed phrases that take no article ("by car", "at home") are left alone.
 */
export function bareCountable(view: SentenceView): Finding[] {
  // Only where an article is the fix: after be/have/become ("it was fantastic trip", "I have car") or
  // a place preposition ("went to cloakroom").
  return bareNouns(view, (prev, pos) => ARTICLE_CONTEXT.has(prev) || (PLACE_PREPOSITIONS.has(prev) && pos === 'ADP'))
}

/**
 * The same bare noun after any other verb or preposition ("I bought car", "for long time"). A plural is
 * about as likely a fix there ("reading book"), so one hit alone is weak evidence: the rule table marks
 * it weak, and it makes a pattern only when it recurs (see offlineAnalyzer.ts).
 */
export function bareCountableAfterAnyWord(view: SentenceView): Finding[] {
  return bareNouns(view, (prev, pos) => pos === 'ADP' || pos === 'VERB', PHRASE_NOUNS)
}

const PLACE_PREPOSITIONS = new Set(['to', 'at', 'in', 'into', 'from'])

function bareNouns(view: SentenceView, context: (prev: string, pos: string | undefined) => boolean, skip?: Set<string>): Finding[] {
  const { ws, tags, hit, sentence } = view
  const out: Finding[] = []
  ws.forEach((w, n) => {
    const tag = tags[n]
    if (!tag || tag.pos !== 'NOUN' || !COUNTABLE_ONLY.has(w) || skip?.has(w)) return
    // A noun modifying the next noun ("car park") or hyphen-joined is not the head.
    const next = tags[n + 1]
    if (next && (next.pos === 'NOUN' || next.pos === 'PROPN' || next.pos === 'NUM') && !/[,.;:!?]$/.test(sentence.tokens[n]?.text ?? '')) return
    if (/['\u2019]s$|-/.test(ws[n] ?? '') || named(view, n)) return
    let start = n
    while (start > 0 && ['ADJ', 'ADV', 'NOUN'].includes(tags[start - 1]?.pos ?? '') && !/[,;:]$/.test(sentence.tokens[start - 1]?.text ?? '') && !DETERMINER_LIKE.has(ws[start - 1] ?? '')) start--
    const before = start > 0 ? (sentence.tokens[start - 1] as Token) : undefined
    const prev = ws[start - 1] ?? ''
    const prevTag = tags[start - 1]
    if (!before || DETERMINER_LIKE.has(prev) || prevTag?.pos === 'DET' || prevTag?.pos === 'NUM' || prevTag?.pos === 'PRON') return
    if (/['\u2019]s$/.test(prev) || prevTag?.pos === 'PROPN' || /[,;:.!?]$/.test(before.text)) return
    // "using own car" is missing "their", not an article: "an own car" is no English.
    if (BARE_AFTER[prev]?.has(w) || ws.slice(start, n).some((x) => DETERMINER_LIKE.has(x) || x === 'own' || /['\u2019]s$/.test(x))) return
    if (!context(prev, prevTag?.pos)) return
    if (ws[n + 1] === 'of' && ['kind', 'type', 'sort', 'part', 'lot', 'number'].includes(w)) return
    const first = start === n ? bare(view, n) : view.sentence.tokens.slice(start, n + 1).map((_, i) => bare(view, start + i)).join(' ')
    // A destination is usually a known place ("went to the cloakroom"); elsewhere it is one of many.
    const determiner = ['to', 'into', 'from'].includes(prev) ? 'the' : article(ws[start] ?? '')
    // "in other way" → "in another way", never "an other way".
    out.push(hit(start, n + 1, determiner !== 'the' && ws[start] === 'other' ? `an${first}` : `${determiner} ${first}`))
  })
  return out
}

/** "The life is hard", "the nature gives": "the" before a noun meant in general, as a subject. */
export function genericThe(view: SentenceView): Finding[] {
  const { ws, tags, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const noun = ws[v + 1] ?? ''
    if (w !== 'the' || !GENERIC_UNCOUNTABLE.has(noun)) return
    const after = tags[v + 2]
    const opensClause = v === 0 || /[,;:]$/.test(view.sentence.tokens[v - 1]?.text ?? '') || ['and', 'but', 'because', 'that', 'think', 'believe'].includes(ws[v - 1] ?? '')
    if (opensClause && after && (after.pos === 'AUX' || after.pos === 'VERB')) out.push(hit(v, v + 2, bare(view, v + 1)))
  })
  return out
}

// What makes a noun after "the" specific: "the people in my town", "the life of my grandmother".
const POSTMODIFIERS = new Set(['of', 'in', 'on', 'at', 'from', 'with', 'who', 'that', 'which', 'where', 'whom', 'whose', 'for', 'around', 'here', 'there', 'living', 'i', 'we', 'you', 'they', 'he', 'she', 'my', 'to'])

// Words that take "of the" before a part of a group: "some of the people", "most of the society".
const PART_OF = new Set(['some', 'many', 'most', 'all', 'none', 'one', 'few', 'each', 'any', 'half', 'lot', 'lots', 'majority', 'rest', 'both', 'several', 'part', 'much'])

/**
 * "the public transport is", "in the society", "the people think": "the" before a noun meant in general.
 * Left alone: a noun modifying the next one ("the public transport system") and a part of a group.
 */
export function genericNoun(view: SentenceView): Finding[] {
  const { ws, tags, hit, sentence } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    if (w !== 'the') return
    const publicTransport = GENERIC_PHRASES.has(`${ws[v + 1]} ${ws[v + 2]}`)
    const end = publicTransport ? v + 3 : v + 2
    const noun = ws[end - 1] ?? ''
    // "the people think/use/want" states a general view; "the people are friendly" usually describes people there.
    const peopleAsSubject = noun === 'people' && tags[end]?.pos === 'VERB' && tags[end]?.lemma !== 'be' && !['first', 'last', 'same', 'other'].includes(ws[v - 1] ?? '')
    if (!publicTransport && !GENERIC_NO_THE.has(noun) && !peopleAsSubject) return
    const closed = /[,.;:!?]$/.test(sentence.tokens[end - 1]?.text ?? '')
    if (!closed && (POSTMODIFIERS.has(ws[end] ?? '') || tags[end]?.pos === 'NOUN')) return
    // "all the people", "some of the people": a part of a known group, not the group in general.
    if (ws[v - 1] === 'all' || ws[v - 1] === 'both' || (ws[v - 1] === 'of' && PART_OF.has(ws[v - 2] ?? ''))) return
    if (/['\u2019]s$/.test(ws[end - 1] ?? '')) return
    out.push(hit(v, end, Array.from({ length: end - v - 1 }, (_, i) => bare(view, v + 1 + i)).join(' ')))
  })
  return out
}

/** "on internet", "protect environment", "in future world": a one-of-a-kind noun with no "the". */
export function missingUniqueThe(view: SentenceView): Finding[] {
  const { ws, tags, hit } = view
  const out: Finding[] = []
  ws.forEach((w, n) => {
    if (!UNIQUE_THE.has(w) || tags[n]?.pos === 'PROPN' && n > 0 && /^\p{Lu}/u.test(view.sentence.tokens[n]?.text ?? '') && w !== 'internet') return
    // Only the bare noun right after a verb or preposition: with an adjective it is one of many ("a
    // healthy environment", "a better future"), and "in the near future" may hide a tagged-ADP "near".
    const prev = ws[n - 1] ?? ''
    const prevTag = tags[n - 1]
    if (n === 0 || ws.slice(Math.max(0, n - 3), n).some((x) => DETERMINER_LIKE.has(x)) || DETERMINER_LIKE.has(prev) || prevTag?.pos === 'DET' || prevTag?.pos === 'PRON' || prevTag?.pos === 'NUM' || /['\u2019]s$/.test(prev)) return
    // "in future" is good British English; "government officials", "world war": a noun before a noun is a modifier.
    if ((w === 'future' && prev === 'in') || ['NOUN', 'PROPN'].includes(tags[n + 1]?.pos ?? '') && !/[,.;:!?]$/.test(view.sentence.tokens[n]?.text ?? '')) return
    if (!['ADP', 'VERB', 'AUX', 'CCONJ', 'SCONJ'].includes(prevTag?.pos ?? '')) return
    out.push(hit(n, n + 1, `the ${bare(view, n)}`))
  })
  return out
}

const MOST_OF_NEXT = new Set(['the', 'my', 'our', 'your', 'his', 'her', 'their', 'its', 'these', 'those', 'them', 'us', 'people', 'students', 'children'])

/**
 * "The most people think", "the most of my friends": "most" meaning the greater part takes no "the".
 * Left alone: "the most important", "the most" at a clause's end, and "make the most of".
 */
export function theMost(view: SentenceView): Finding[] {
  const { ws, tags, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    if (w !== 'the' || ws[v + 1] !== 'most' || /^mak(e|es|ing)$|^made$/.test(ws[v - 1] ?? '')) return
    if (/[,.;:!?]$/.test(view.sentence.tokens[v + 1]?.text ?? '')) return
    const next = ws[v + 2] ?? ''
    const pluralNoun = tags[v + 2]?.pos === 'NOUN' && PLURAL_NOUNS.has(next)
    if (pluralNoun || (next === 'of' && MOST_OF_NEXT.has(ws[v + 3] ?? ''))) out.push(hit(v, v + 2, /^\p{Lu}/u.test(bare(view, v)) ? 'Most' : 'most'))
  })
  return out
}

// Count words that take "a" ("a lot", "a few", "a dozen"), and nouns the tagger lemmatizes as if they
// were plurals though "a" fits them ("a series", "a means": lemmas "series", "mean").
const A_BEFORE_PLURAL = new Set(['lot', 'lots', 'few', 'couple', 'number', 'dozen', 'hundred', 'thousand', 'million', 'pair', 'series', 'means', 'species', 'news', 'physics', 'mathematics', 'economics', 'politics'])

/**
 * "a good health", "an advice", "a skilled machinists": "a/an" before a noun that takes none, an
 * uncountable one or a plural. Only the head of the phrase counts: "a music festival" is fine.
 */
export function articleBeforeNonCount(view: SentenceView): Finding[] {
  const { ws, tags, hit, sentence } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    // "now a days" is "nowadays" misspelt.
    if ((w !== 'a' && w !== 'an') || ws[v - 1] === 'now') return
    let n = v + 1
    while (n < v + 4 && ['ADJ', 'ADV'].includes(tags[n]?.pos ?? '') && !/[,;:.!?]$/.test(sentence.tokens[n]?.text ?? '')) n++
    const noun = ws[n] ?? ''
    const tag = tags[n]
    if (!tag || tag.pos !== 'NOUN' || ws.slice(v + 1, n + 1).some((x) => A_BEFORE_PLURAL.has(x)) || /['\u2019-]/.test(noun)) return
    const closed = /[,;:.!?]$/.test(sentence.tokens[n]?.text ?? '')
    if (!closed && ['NOUN', 'PROPN', 'NUM'].includes(tags[n + 1]?.pos ?? '')) return
    const plural = noun !== tag.lemma && /s$/.test(noun)
    if (!plural && !NO_INDEFINITE_ARTICLE.has(noun)) return
    const rest = sentence.tokens.slice(v + 1, n + 1).map((_, i) => bare(view, v + 1 + i)).join(' ')
    out.push(hit(v, n + 1, v === 0 ? rest.charAt(0).toUpperCase() + rest.slice(1) : rest))
  })
  return out
}
