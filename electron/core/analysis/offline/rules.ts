import type { CleanView } from './cleanView.ts'
import { tagTokens, type Tag } from './nlp.ts'
import { aOrAn, articleBeforeNonCount, bareCountable, bareCountableAfterAnyWord, genericNoun, genericThe, missingArticle, missingUniqueThe, theMost } from './rules/articles.ts'
import { missingThirdPersonS, nounPhraseAgreement, thereIsPlural, verbAgreement } from './rules/agreement.ts'
import { beBeforeVerb } from './rules/auxiliaries.ts'
import { gerundForInfinitive, infinitiveForGerund } from './rules/gerundInfinitive.ts'
import { range, type Doc, type LearnerRule, type SentenceView } from './rules/grammar.ts'
import { kindsOf, pluralAfterEach, singularAfterQuantity, taggedQuantity } from './rules/plurals.ts'
import { missingOrExtraTo, phraseGaps, phrasePrepositions, timePreposition, wrongPreposition } from './rules/prepositions.ts'
import { bareVerbInPastStory, narrativeSlip, pastScope, presentForPast, presentInStory } from './rules/tense.ts'
import { baseAfterAuxiliary, missingHave, overRegularized, pastForParticiple } from './rules/verbForms.ts'
import { confusedWords, quantityWords } from './rules/wordChoice.ts'
import { adverbBeforeObject, embeddedQuestion } from './rules/wordOrder.ts'
import type { Finding, Sentence, Token } from './text.ts'

export type { Doc, LearnerRule, SentenceView } from './rules/grammar.ts'
export { pastScope } from './rules/tense.ts'

/** The rule table: order matters, because an earlier rule's hit hides later hits on the same words. */
export const LEARNER_RULES: LearnerRule[] = [
  { key: 'grammar.past-tense', find: presentForPast },
  { key: 'grammar.auxiliaries', find: beBeforeVerb },
  { key: 'grammar.verb-forms', find: baseAfterAuxiliary },
  { key: 'grammar.verb-forms', find: overRegularized },
  { key: 'grammar.verb-forms', find: pastForParticiple },
  { key: 'grammar.verb-forms', find: missingHave },
  { key: 'grammar.gerund-infinitive', find: infinitiveForGerund },
  { key: 'grammar.gerund-infinitive', find: gerundForInfinitive },
  { key: 'grammar.subject-verb-agreement', find: thereIsPlural },
  { key: 'grammar.subject-verb-agreement', find: verbAgreement },
  { key: 'grammar.past-tense', find: bareVerbInPastStory },
  { key: 'grammar.third-person-s', find: missingThirdPersonS },
  { key: 'grammar.subject-verb-agreement', find: nounPhraseAgreement },
  { key: 'grammar.past-tense', find: narrativeSlip },
  { key: 'grammar.articles', find: aOrAn },
  { key: 'grammar.articles', find: articleBeforeNonCount },
  { key: 'grammar.articles', find: missingArticle },
  { key: 'grammar.articles', find: bareCountable },
  { key: 'grammar.articles', find: genericThe },
  { key: 'grammar.articles', find: genericNoun },
  { key: 'grammar.articles', find: missingUniqueThe },
  { key: 'grammar.articles', find: theMost },
  { key: 'grammar.plurals', find: singularAfterQuantity },
  { key: 'grammar.plurals', find: taggedQuantity },
  { key: 'grammar.plurals', find: pluralAfterEach },
  { key: 'grammar.plurals', find: kindsOf },
  { key: 'grammar.prepositions', find: wrongPreposition },
  { key: 'grammar.prepositions', find: missingOrExtraTo },
  { key: 'grammar.prepositions', find: timePreposition },
  { key: 'grammar.prepositions', find: phrasePrepositions },
  { key: 'grammar.prepositions', find: phraseGaps },
  { key: 'grammar.word-order', find: adverbBeforeObject },
  { key: 'grammar.word-order', find: embeddedQuestion },
  { key: 'vocabulary.word-choice', find: confusedWords },
  { key: 'vocabulary.word-choice', find: quantityWords },
  // Weak rules come last, so a precise rule's hit on the same words wins.
  { key: 'grammar.articles', find: bareCountableAfterAnyWord, weak: true },
  { key: 'grammar.past-tense', find: presentInStory, weak: true }
]

/** The rules' document for a cleaned view: its sentences, tags and past narrative scope. */
export function docOf(view: CleanView, currentYear: number): Doc {
  const tags = tagTokens(view.tokens)
  return {
    tokens: view.tokens,
    sentences: view.sentences,
    pastScope: pastScope(view.sentences, currentYear),
    currentYear,
    tags: new Map(view.tokens.map((t, i) => [t.index, tags[i] as Tag]))
  }
}

/** Runs every rule over every sentence; a word already covered by an earlier hit is not reported twice. */
export function runLearnerRules(doc: Doc, rules: LearnerRule[] = LEARNER_RULES): Finding[] {
  const tags = doc.tags ?? tagMap(doc.tokens)
  doc.tags ??= tags
  const taken = new Set<number>()
  const findings: Finding[] = []
  for (const sentence of doc.sentences) {
    const view = viewOf(sentence, tags)
    for (const rule of rules) {
      for (const f of rule.find(view, doc)) {
        const span = range(f.from, f.to)
        if (span.some((i) => taken.has(i))) continue
        span.forEach((i) => taken.add(i))
        findings.push({ ...f, key: rule.key, ...(rule.weak ? { weak: true } : {}) })
      }
    }
  }
  return findings.sort((a, b) => a.from - b.from)
}

function tagMap(tokens: Token[]): Map<number, Tag> {
  const tags = tagTokens(tokens)
  return new Map(tokens.map((t, i) => [t.index, tags[i] as Tag]))
}

function viewOf(sentence: Sentence, tags: Map<number, Tag>): SentenceView {
  const ws = sentence.tokens.map((t) => t.norm)
  const hit = (from: number, to: number, replacement: string): Finding => ({
    key: '',
    from: (sentence.tokens[from] as Token).index,
    to: (sentence.tokens[to - 1] as Token).index + 1,
    replacement
  })
  return { sentence, ws, tags: sentence.tokens.map((t) => tags.get(t.index) ?? { pos: 'X', lemma: t.norm, negated: false }), hit }
}
