/** Pattern catalog v1 (../shared/DOMAIN.md): stable keys the profile aggregates by. */
export const CATEGORIES = ['grammar', 'vocabulary', 'fluency', 'structure'] as const
export type Category = (typeof CATEGORIES)[number]

export const CATALOG: Record<Category, readonly string[]> = {
  grammar: [
    'past-tense',
    'present-perfect',
    'subject-verb-agreement',
    'third-person-s',
    'articles',
    'plurals',
    'countable-uncountable',
    'prepositions',
    'word-order',
    'question-formation',
    'auxiliaries',
    'pronouns',
    'verb-forms',
    'gerund-infinitive',
    'comparatives',
    'conditionals',
    'negation'
  ],
  vocabulary: [
    'filler-words',
    'overused-words',
    'false-friends',
    'collocations',
    'word-choice',
    'register',
    'limited-range'
  ],
  fluency: ['mid-clause-pauses', 'self-corrections', 'pace', 'hesitation'],
  structure: ['run-on-sentences', 'repeated-starters', 'limited-connectors', 'incomplete-sentences']
}

/** Every full key, e.g. `grammar.past-tense`. */
export const CATALOG_KEYS: readonly string[] = CATEGORIES.flatMap((c) => CATALOG[c].map((n) => `${c}.${n}`))

const catalogKeySet = new Set(CATALOG_KEYS)

/** Turns free text into a kebab-case slug ("Word Choice!" → "word-choice"). */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
}

/**
 * Maps whatever key an analyzer returned onto the catalog: a full key stays, a bare name
 * that exists in exactly one category gains its category, anything else becomes `other.<slug>`.
 */
export function normalizePatternKey(key: string): string {
  const trimmed = key.trim().toLowerCase()
  if (catalogKeySet.has(trimmed)) return trimmed
  if (/^other\.[a-z0-9]+(-[a-z0-9]+)*$/.test(trimmed)) return trimmed
  const bare = trimmed.includes('.') ? trimmed.slice(trimmed.lastIndexOf('.') + 1) : trimmed
  const matches = CATEGORIES.filter((c) => CATALOG[c].includes(bare))
  if (matches.length === 1) return `${matches[0]}.${bare}`
  return `other.${slugify(bare) || 'unnamed'}`
}

/** The catalog's category of a full key, or undefined for `other.*` keys. */
export function categoryOfKey(key: string): Category | undefined {
  const prefix = key.split('.')[0]
  return (CATEGORIES as readonly string[]).includes(prefix ?? '') ? (prefix as Category) : undefined
}
