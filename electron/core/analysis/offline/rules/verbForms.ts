import { PAST_TO_BASE, THIRD_TO_BASE, VERBS } from '../lexicon.ts'
import type { Finding } from '../text.ts'
import { bare, type SentenceView } from './grammar.ts'

const HAVE = new Set(['have', 'has', 'had', "i've", "we've", "they've", "you've", 'having'])
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "isn't", "aren't", "wasn't", "weren't"])
const MODALS = new Set(['can', 'could', 'will', 'would', 'should', 'must', 'might', 'may', "can't", "couldn't", "won't", "wouldn't", "shouldn't", "mustn't", 'cannot'])
const DO_SUPPORT = new Set(['did', "didn't", 'does', "doesn't", 'do', "don't"])
const SKIPPABLE = new Set(['not', 'never', 'also', 'just', 'really', 'already', 'always', 'even', 'still', 'ever', 'only', 'often', 'usually', 'probably', 'definitely'])

/** "buyed", "teached", "goed": an irregular verb given the regular -ed ending. */
export function overRegularized(view: SentenceView): Finding[] {
  const { ws, tags, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    if (!/ed$/.test(w)) return
    const lemma = tags[v]?.lemma ?? ''
    // A regular verb's own past ("seemed") is never a slip, whatever shorter verb hides in it ("see").
    if ([lemma, w.slice(0, -2), w.slice(0, -1)].some((b) => VERBS.get(b)?.past === w)) return
    const doubled = w.length > 4 && w.at(-3) === w.at(-4) ? [w.slice(0, -3)] : []
    const stem = [lemma, w.slice(0, -2), w.slice(0, -1), ...doubled].find((b) => VERBS.get(b)?.past && !/ed$/.test(VERBS.get(b)?.past ?? ''))
    const forms = stem ? VERBS.get(stem) : undefined
    if (!forms || w === forms.past || w === forms.participle) return
    out.push(hit(v, v + 1, HAVE.has(ws[v - 1] ?? '') || BE.has(ws[v - 1] ?? '') ? forms.participle : forms.past))
  })
  return out
}

/** "have went", "was took": a simple past where the perfect or the passive needs the participle. */
export function pastForParticiple({ ws, hit }: SentenceView): Finding[] {
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const base = PAST_TO_BASE.get(w)
    const forms = base ? VERBS.get(base) : undefined
    if (!forms || forms.participle === forms.past) return
    let k = v - 1
    while (SKIPPABLE.has(ws[k] ?? '')) k--
    const aux = ws[k] ?? ''
    // "was" + past ("was went") or "have" + past ("have went"); "had" alone may be the main verb, so it needs a subject before.
    if (HAVE.has(aux) || (BE.has(aux) && aux !== 'being')) out.push(hit(v, v + 1, forms.participle))
  })
  return out
}

/** "didn't went", "can goes", "will went", "to went": a modal, do-support or "to" takes the base form. */
export function baseAfterAuxiliary({ ws, hit, sentence }: SentenceView): Finding[] {
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const doSupport = DO_SUPPORT.has(w)
    if (!doSupport && !MODALS.has(w) && w !== 'to') return
    // "my friend Will showed me": a capital inside the sentence is a name.
    if (v > 0 && /^\p{Lu}/u.test(sentence.tokens[v]?.text ?? '')) return
    let k = v + 1
    while (SKIPPABLE.has(ws[k] ?? '')) k++
    // "does he likes": do-support in a question puts the subject first.
    if (doSupport && ['i', 'you', 'he', 'she', 'it', 'we', 'they'].includes(ws[k] ?? '')) k++
    const verb = ws[k] ?? ''
    const past = PAST_TO_BASE.get(verb)
    const third = THIRD_TO_BASE.get(verb)
    // After "to", only unmistakable verb forms: "to" is also a preposition ("to meetings", "to work").
    if (w === 'to' && !(past && VERBS.get(past)?.participle !== verb && !/ed$/.test(verb))) return
    const base = past ?? (third !== verb ? third : undefined)
    if (base && base !== verb && !(doSupport && third && w !== 'does' && w !== "doesn't" && w !== 'did' && w !== "didn't")) out.push(hit(k, k + 1, base))
  })
  return out
}

const PERFECT_SUBJECTS: Record<string, string> = { i: 'have', we: 'have', you: 'have', they: 'have', he: 'has', she: 'has' }
// Participles that are never a simple past ("seen", "gone", "done"): after a bare subject they lack "have".
// "been" is left out: on the evaluation, "I been" was right only about 60% of the time.
const PARTICIPLES_ONLY = new Set([...VERBS.values()].filter((v) => v.participle !== v.past && v.participle !== v.base).map((v) => v.participle))

/** "I seen that film", "we never seen it", "she already gone": a perfect without its "have". */
export function missingHave(view: SentenceView): Finding[] {
  const { ws, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const have = PERFECT_SUBJECTS[w]
    if (!have) return
    let k = v + 1
    while (SKIPPABLE.has(ws[k] ?? '') && k < v + 3) k++
    const participle = ws[k] ?? ''
    // "I seen" is often a dialect past ("I seen him yesterday"), but for a learner it is the perfect's form either way.
    if (PARTICIPLES_ONLY.has(participle)) out.push(hit(v, v + 1, `${bare(view, v)} ${have}`))
  })
  return out
}
