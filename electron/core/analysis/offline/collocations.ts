/**
 * Verb patterns learners often get wrong: which verbs take -ing or a to-infinitive, and which words take
 * which preposition. Kept to frequent, unambiguous pairs: a wrong entry costs a false accusation.
 */

/** Verbs followed by -ing, never by a to-infinitive ("enjoy swimming"). */
export const GERUND_VERBS = new Set(['enjoy', 'avoid', 'finish', 'mind', 'consider', 'suggest', 'recommend', 'imagine', 'miss', 'practise', 'practice', 'keep', 'deny', 'risk', 'admit', 'quit', 'dislike', 'postpone', 'delay', 'fancy', 'involve', 'mention'])

/** Verbs followed by a to-infinitive, never by -ing ("want to go"). */
export const INFINITIVE_VERBS = new Set(['want', 'decide', 'hope', 'plan', 'expect', 'agree', 'promise', 'refuse', 'manage', 'afford', 'choose', 'learn', 'offer', 'seem', 'wish', 'deserve', 'fail', 'intend', 'pretend', 'tend', 'arrange', 'attempt', 'threaten', 'aim', 'like', 'would'])

/** -ing form of a base verb ("swim" → "swimming", "make" → "making"). */
export function ingOf(base: string): string {
  if (/ie$/.test(base)) return `${base.slice(0, -2)}ying`
  if (/[^aeiou]e$/.test(base) && base !== 'be' && !/ee$/.test(base)) return `${base.slice(0, -1)}ing`
  if (/^[^aeiou]*[aeiou][bdgmnprt]$/.test(base)) return `${base}${base.slice(-1)}ing`
  return `${base}ing`
}

/**
 * Wrong preposition after a word (by lemma): "depend of" → "depend on". The value is the right
 * preposition, or '' when none belongs ("discuss about" → "discuss").
 */
export const PREPOSITION_AFTER: Record<string, Record<string, string>> = {
  depend: { of: 'on', from: 'on', in: 'on' },
  dependent: { of: 'on', from: 'on' },
  arrive: { to: 'at' },
  marry: { with: '' },
  married: { with: 'to' },
  interested: { on: 'in', for: 'in', about: 'in', of: 'in' },
  discuss: { about: '' },
  mention: { about: '' },
  emphasize: { on: '' },
  emphasise: { on: '' },
  enter: { in: '', into: '' },
  reach: { to: '' },
  contact: { with: '' },
  responsible: { of: 'for' },
  proud: { for: 'of', about: 'of' },
  afraid: { from: 'of' },
  similar: { with: 'to' },
  famous: { of: 'for' },
  full: { with: 'of' },
  consist: { in: 'of', on: 'of' },
  participate: { on: 'in', at: 'in' },
  insist: { to: 'on' },
  succeed: { to: 'in' },
  capable: { to: 'of' },
  according: { with: 'to' },
  aware: { about: 'of' },
  fond: { with: 'of' },
  tired: { from: 'of' },
  worried: { for: 'about' },
  angry: { on: 'with' },
  keen: { in: 'on' },
  knowledge: { about: 'of' },
  research: { about: 'into' },
  passion: { in: 'for' },
  attention: { in: 'to', on: 'to' },
  solution: { for: 'to' },
  example: { for: 'of' },
  out: { from: 'of' },
  addicted: { on: 'to', with: 'to' },
  good: { in: 'at' },
  bad: { in: 'at' },
  different: { of: 'from' },
  look: { to: 'at' }
}

/** Words after which "to" is wrong before a place adverb: "go to home" → "go home". */
export const NO_TO_BEFORE = new Set(['home', 'abroad', 'downtown', 'there', 'here', 'upstairs', 'downstairs', 'overseas'])
export const MOTION_VERBS = new Set(['go', 'come', 'return', 'travel', 'get', 'arrive', 'move', 'drive', 'fly', 'walk', 'run', 'head'])
