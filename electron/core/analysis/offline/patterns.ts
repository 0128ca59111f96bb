import type { Severity } from '../contract.ts'

/** How the on-device analyzer names and explains each pattern it can find. */
export interface PatternInfo {
  pattern: string
  detail: (frequency: number) => string
  suggestion: string
}

const times = (n: number): string => (n === 1 ? 'once' : `${n} times`)

export const PATTERNS: Record<string, PatternInfo> = {
  'grammar.past-tense': {
    pattern: 'Present tense for past events',
    detail: (n) => `A present form was used for something that already happened (${times(n)}), in a story told in the past.`,
    suggestion: 'When you say when it happened ("yesterday", "last year"), switch every verb in that story to the past: go → went, buy → bought.'
  },
  'grammar.auxiliaries': {
    pattern: 'Extra or mismatched auxiliary',
    detail: (n) => `An auxiliary (am/is/was, did/does) was combined with a verb form it does not take (${times(n)}).`,
    suggestion: 'Say "I agree", not "I am agree"; after did/does use the base verb ("didn\'t go", "does he like").'
  },
  'grammar.subject-verb-agreement': {
    pattern: 'Verb does not agree with its subject',
    detail: (n) => `The verb did not match a plural or singular subject (${times(n)}), e.g. "they was" or "there is many".`,
    suggestion: 'Check the subject before the verb: they/we/people + are/were/have; he/she/it + is/was/has.'
  },
  'grammar.third-person-s': {
    pattern: 'Missing -s after he/she/it',
    detail: (n) => `A present-tense verb after he, she, it or a singular noun lost its -s (${times(n)}).`,
    suggestion: 'In the present, add -s after he/she/it: he goes, she likes, it doesn\'t.'
  },
  'grammar.articles': {
    pattern: 'Articles (a/an/the)',
    detail: (n) => `An article was missing or the wrong one was used (${times(n)}).`,
    suggestion: 'Put a/an before a singular job or thing you mention for the first time ("a teacher"), "an" before vowel sounds, and "the" for known places ("the cinema").'
  },
  'grammar.plurals': {
    pattern: 'Singular noun after a number or "many"',
    detail: (n) => `A noun stayed singular after a number, "many" or "one of" (${times(n)}).`,
    suggestion: 'After two, three, many or "one of my", make the noun plural: two brothers, one of my friends.'
  },
  'grammar.verb-forms': {
    pattern: 'Wrong verb form',
    detail: (n) => `A verb took a form that does not fit where it stands (${times(n)}), e.g. "buyed", "have went" or "can goes".`,
    suggestion: 'Learn the three forms of irregular verbs (buy, bought, bought); after can/will/did/to use the base verb.'
  },
  'grammar.gerund-infinitive': {
    pattern: '-ing or "to" after a verb',
    detail: (n) => `A verb was followed by the wrong pattern (${times(n)}), e.g. "enjoy to swim" or "want going".`,
    suggestion: 'Some verbs take -ing (enjoy, suggest, avoid), others take "to" (want, decide, hope): learn them in pairs.'
  },
  'grammar.prepositions': {
    pattern: 'Preposition after a word',
    detail: (n) => `A word was paired with the wrong preposition, or with one it does not need (${times(n)}).`,
    suggestion: 'Learn words with their preposition: depend on, interested in, married to, discuss (no "about").'
  },
  'grammar.word-order': {
    pattern: 'Word order',
    detail: (n) => `Words came in an order English does not use (${times(n)}), e.g. an adverb between a verb and its object.`,
    suggestion: 'Keep the verb next to its object ("I like football very much"), and use statement order after "I know where".'
  },
  'vocabulary.word-choice': {
    pattern: 'A word that means something else',
    detail: (n) => `A word was used for a neighbour with another meaning (${times(n)}), e.g. "boring" for "bored" or "do a mistake".`,
    suggestion: 'Use -ed for how you feel (bored, interested) and -ing for what causes it; make a mistake, do homework.'
  },
  'vocabulary.filler-words': {
    pattern: 'Frequent filler words',
    detail: (n) => `Fillers such as "um", "you know" or "basically" came up ${times(n)}.`,
    suggestion: 'When you need time, pause silently instead of filling the gap; a short silence sounds more confident than "um".'
  },
  'fluency.mid-clause-pauses': {
    pattern: 'Pauses in the middle of clauses',
    detail: (n) => `Silent pauses fell inside a phrase rather than at a comma or full stop (${times(n)}).`,
    suggestion: 'Plan the next phrase at the sentence boundary, then say it in one breath.'
  },
  'structure.repeated-starters': {
    pattern: 'Sentences start the same way',
    detail: (n) => `${n} sentences began with the same words.`,
    suggestion: 'Vary how sentences start: use connectors such as "After that", "Later" or "As a result".'
  }
}

/** Severity from how often a pattern occurred: one slip is low, a habit is high. */
export function severityFor(key: string, frequency: number, per100Words: number): Severity {
  if (key === 'vocabulary.filler-words') return per100Words >= 8 ? 'high' : per100Words >= 5 ? 'medium' : 'low'
  if (key === 'structure.repeated-starters' || key === 'fluency.mid-clause-pauses') return frequency >= 5 ? 'high' : 'medium'
  return frequency >= 4 ? 'high' : frequency >= 2 ? 'medium' : 'low'
}

/** Connectors offered instead of a repeated sentence starter. */
export const STARTER_ALTERNATIVES: Record<string, string> = {
  'and then': 'After that,',
  then: 'After that,',
  and: 'Also,',
  so: 'As a result,',
  but: 'However,',
  'i think': 'In my opinion,',
  because: 'This is because',
  also: 'In addition,',
  'after that': 'Later,'
}
