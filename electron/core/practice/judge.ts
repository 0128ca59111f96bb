import type { TimedWord } from '../analysis/contract.ts'
import { diffWords, findRun, fluentKeys, spokenWords, type Ignored } from './spoken.ts'

/** The forms a drill checks: each is a run of comparison keys ("i went to"). */
export interface DrillForms {
  /** Every one must be said. */
  expected: string[][]
  /** None may be said: the learner's original wrong forms. */
  avoid: string[][]
}

/** One heard word and what the judge made of it, for highlighting. */
export interface HeardWord {
  text: string
  /** Part of a corrected form that was said, part of a form to avoid, or left out as a filler or restart. */
  mark: 'expected' | 'wrong' | Ignored | null
}

/** The deterministic verdict on one attempt. */
export interface Judgement {
  passed: boolean
  /** What the transcriber heard, word by word, marked. */
  heard: HeardWord[]
  /** The corrected forms, as text. */
  expected: string[]
  /** Corrected forms that were not said. */
  missing: string[]
  /** Forms to avoid that were said. */
  wrong: string[]
  /** One sentence a learner can read. */
  reason: string
}

/**
 * The forms a drill checks, from one verified example. Each difference between the learner's quote
 * and the correction becomes a pair: the corrected words with one word of context either side
 * ("went" → "i went to"), and the same context around the learner's words ("i go to"). The context
 * makes a missing word checkable ("bought a car" vs "bought car") and keeps a common word from
 * matching anywhere in the sentence. Fillers and restarts in either text are left out first.
 */
export function drillForms(quote: string, correction: string): DrillForms {
  const a = fluentKeys(spokenWords(quote))
  const b = fluentKeys(spokenWords(correction))
  const forms: DrillForms = { expected: [], avoid: [] }
  for (const hunk of diffWords(a, b)) {
    // Words outside a hunk are common to both texts, so the context is the same on both sides.
    const before = hunk.aFrom > 0 && hunk.bFrom > 0 ? 1 : 0
    const after = hunk.aTo < a.length && hunk.bTo < b.length ? 1 : 0
    const expected = b.slice(hunk.bFrom - before, hunk.bTo + after)
    const avoid = a.slice(hunk.aFrom - before, hunk.aTo + after)
    // A change with no word on either side to anchor it cannot be checked in speech.
    if (expected.length === 0 || avoid.length === 0) continue
    forms.expected.push(expected)
    // An insertion at an edge ("car" → "the car") leaves the old form inside the new one: saying the
    // new one would count as the old. The missing expected form already catches the old one there.
    if (findRun(expected, avoid) < 0) forms.avoid.push(avoid)
  }
  return forms
}

/**
 * Judges what was heard against a drill: it passes when every expected form is said and no form
 * to avoid is, both compared on normalised words with fillers and restarts left out. A wrong form
 * said after the right one still fails: the learner said it.
 */
export function judgeAttempt(forms: DrillForms, heardText: string, heardWords?: TimedWord[]): Judgement {
  const spoken = spokenWords(heardText, heardWords)
  const marks: HeardWord[] = spoken.map((w) => ({ text: w.text, mark: w.ignored }))
  // Fluent keys with the index of the spoken word each came from, so matches can be highlighted.
  const keys: string[] = []
  const owner: number[] = []
  spoken.forEach((w, index) => {
    if (w.ignored) return
    for (const key of w.keys) {
      keys.push(key)
      owner.push(index)
    }
  })
  const mark = (at: number, length: number, as: 'expected' | 'wrong') => {
    for (let k = at; k < at + length; k++) marks[owner[k]!]!.mark = as
  }
  const missing: string[] = []
  for (const form of forms.expected) {
    const at = findRun(keys, form)
    if (at < 0) missing.push(form.join(' '))
    else mark(at, form.length, 'expected')
  }
  const wrong: string[] = []
  for (const form of forms.avoid) {
    let at = findRun(keys, form)
    if (at >= 0) wrong.push(form.join(' '))
    while (at >= 0) {
      mark(at, form.length, 'wrong')
      at = findRun(keys, form, at + 1)
    }
  }
  const passed = keys.length > 0 && missing.length === 0 && wrong.length === 0
  return { passed, heard: marks, expected: forms.expected.map((f) => f.join(' ')), missing, wrong, reason: reasonFor(keys.length, missing, wrong) }
}

function reasonFor(heardCount: number, missing: string[], wrong: string[]): string {
  if (heardCount === 0) return 'No words were heard. Try again a little closer to the microphone.'
  const quoted = (forms: string[]) => forms.map((f) => `“${f}”`).join(', ')
  const parts: string[] = []
  if (wrong.length > 0) parts.push(`You said ${quoted(wrong)}, the form to avoid.`)
  if (missing.length > 0) parts.push(`${quoted(missing)} was not heard.`)
  return parts.length === 0 ? 'Every corrected form was said.' : parts.join(' ')
}
