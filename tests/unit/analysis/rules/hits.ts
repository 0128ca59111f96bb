import { cleanView, plainView } from '../../../../electron/core/analysis/offline/cleanView.ts'
import { docOf, runLearnerRules, type LearnerRule } from '../../../../electron/core/analysis/offline/rules.ts'
import { spanText, tokenize } from '../../../../electron/core/analysis/offline/text.ts'
import { syntheticTimings, tokenizeTranscript } from '../../../../electron/core/analysis/metrics.ts'

/** Each hit of the given rules on `text` as "key: original → replacement" (all rules when none given). */
export function hits(text: string, rules?: LearnerRule[], speech = false): string[] {
  const { tokens, sentences } = tokenize(text)
  const view = speech ? cleanView(tokens, sentences, syntheticTimings(tokenizeTranscript(text))) : plainView(tokens, sentences)
  return runLearnerRules(docOf(view, 2025), rules).map((f) => `${f.key}: ${spanText(text, tokens, f.from, f.to)} → ${f.replacement}`)
}
