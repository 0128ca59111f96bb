import type { M2Edit, M2Sentence } from './m2.ts'

/** The catalog keys the evaluation scores (issue 13's mapping), in table order. */
export const EVAL_KEYS = [
  'grammar.articles',
  'grammar.plurals',
  'grammar.subject-verb-agreement',
  'grammar.past-tense',
  'grammar.verb-forms',
  'grammar.gerund-infinitive',
  'grammar.prepositions',
  'grammar.word-order',
  'vocabulary.word-choice'
] as const

export type EvalKey = (typeof EVAL_KEYS)[number]

/** The four keys with the stricter target. */
export const CORE_KEYS: readonly EvalKey[] = ['grammar.articles', 'grammar.plurals', 'grammar.subject-verb-agreement', 'grammar.past-tense']

/** An analyzer key as scored: third-person -s is a kind of agreement; keys outside the nine are not scored. */
export function scoredKey(patternKey: string): EvalKey | undefined {
  if (patternKey === 'grammar.third-person-s') return 'grammar.subject-verb-agreement'
  return (EVAL_KEYS as readonly string[]).includes(patternKey) ? (patternKey as EvalKey) : undefined
}

const ARTICLES = new Set(['a', 'an', 'the'])
const PRESENT = new Set(['am', 'is', 'are', 'have', 'has', 'do', 'does', "'s", "'re", "'m", 'ca', 'can'])
// Simple-past forms that do not end in -ed (a closed list: the eval decides gold on its own, not with the analyzer's lexicon).
const IRREGULAR_PAST = new Set(`was were had did went bought saw ate took made came got gave met found thought knew told said left felt began
brought drank drove flew forgot lost paid ran sold sent sat slept spoke spent stood swam taught understood woke wore won wrote became
built caught chose fell grew heard held rode sang broke threw kept lent put cut let set hit read hurt cost shut spread quit fought
sought bent lit fed led meant rang sank shook stole struck swore tore wept bit hid slid stuck dug hung drew forgave arose overcame`.split(/\s+/))

/** The catalog key an ERRANT edit counts for, or undefined when its type is out of scope. */
export function keyOfEdit(edit: M2Edit, sentence: M2Sentence): EvalKey | undefined {
  const op = edit.type.slice(0, 1)
  const type = edit.type.slice(2)
  const from = sentence.tokens.slice(edit.start, edit.end).map((w) => w.toLowerCase())
  const to = edit.correction.split(' ').filter(Boolean).map((w) => w.toLowerCase())
  switch (type) {
    case 'VERB:SVA':
      return 'grammar.subject-verb-agreement'
    case 'VERB:TENSE':
      return presentToPast(from, to) ? 'grammar.past-tense' : 'grammar.verb-forms'
    case 'VERB:FORM':
    case 'VERB:INFL':
      return ingInfinitiveSwap(from, to, toBefore(edit, sentence)) ? 'grammar.gerund-infinitive' : 'grammar.verb-forms'
    case 'DET':
      return [...from, ...to].every((w) => ARTICLES.has(w)) ? 'grammar.articles' : undefined
    case 'NOUN:NUM':
      return 'grammar.plurals'
    case 'PREP':
      return 'grammar.prepositions'
    case 'WO':
      return 'grammar.word-order'
    case 'NOUN':
    case 'VERB':
    case 'ADJ':
      return op === 'R' ? 'vocabulary.word-choice' : undefined
    default:
      return undefined
  }
}

/** "go" → "went", "is" → "was", "do (n't)" → "did": a present form where a simple past belongs. */
function presentToPast(from: string[], to: string[]): boolean {
  if (from.length !== 1 || to.length !== 1) return false
  const [was = '', now = ''] = [from[0], to[0]]
  const past = (w: string): boolean => IRREGULAR_PAST.has(w) || (/ed$/.test(w) && w.length > 3)
  return past(now) && !past(was) && !/ing$/.test(was) && (PRESENT.has(was) || /^[a-z]+$/.test(was))
}

/**
 * "enjoy to swim" ↔ "enjoy swimming", "want going" ↔ "want to go": -ing and to-infinitive swapped. ERRANT
 * often splits the swap into a "to" edit and a verb edit, so a "to" right before the verb (or inserted
 * there by another edit) counts as the infinitive's.
 */
function ingInfinitiveSwap(from: string[], to: string[], toNearby: boolean): boolean {
  const ing = (ws: string[]): boolean => ws.length > 0 && ws.every((w) => w === 'to' || /[a-z]{2,}ing$/.test(w)) && ws.some((w) => /ing$/.test(w))
  const toInf = (ws: string[]): boolean => ws.length === 2 && ws[0] === 'to' && !/ing$/.test(ws[1] ?? '')
  const bare = (ws: string[]): boolean => ws.length === 1 && /^[a-z]+$/.test(ws[0] ?? '') && !/ing$/.test(ws[0] ?? '')
  return (ing(from) && (toInf(to) || (bare(to) && toNearby))) || (ing(to) && (toInf(from) || (bare(from) && toNearby)))
}

function toBefore(edit: M2Edit, sentence: M2Sentence): boolean {
  if (sentence.tokens[edit.start - 1]?.toLowerCase() === 'to') return true
  return sentence.edits.some((e) => e !== edit && e.start === edit.start && e.end === edit.start && e.correction.toLowerCase() === 'to')
}
