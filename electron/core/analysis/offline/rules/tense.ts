import { POSSESSIVES, PRESENT_MARKERS, STATIVE, THIRD_TO_BASE, TIME_NOUNS, VERBS, pastOf } from '../lexicon.ts'
import type { Finding, Sentence } from '../text.ts'
import { clauseIds, inPastFrame, pastFrameOf, notASubject, isBaseVerb, isParticiple, isPastVerb, isThirdVerb, subjectOf, SUBJECT_PERSON, type Doc, type SentenceView } from './grammar.ts'

const NARRATIVE_STARTS = new Set(['then', 'after', 'afterwards', 'later', 'finally', 'next', 'and'])
const BE_PAST: Record<string, string> = { is: 'was', am: 'was', are: 'were', "don't": "didn't", "doesn't": "didn't", can: 'could', "can't": "couldn't", "isn't": "wasn't", "aren't": "weren't" }
const CONTRACTED_BE: Record<string, { subject: string; plural: boolean }> = {
  "i'm": { subject: 'I', plural: false }, "he's": { subject: 'he', plural: false }, "she's": { subject: 'she', plural: false },
  "it's": { subject: 'it', plural: false }, "we're": { subject: 'we', plural: true }, "they're": { subject: 'they', plural: true },
  "you're": { subject: 'you', plural: true }
}
// After "he's/it's" these make a present perfect or passive, not a present "is".
const HAS_NEXT = new Set(['been', 'got', 'gone', 'just', 'already', 'never', 'had', 'done'])
const PERFECT_NEXT = new Set(['been', 'never', 'already', 'ever', 'just', 'not', 'always', 'got'])
// Clauses that talk about the present or the general even inside a story ("I think", "it says").
const FRAMING = new Set(['think', 'believe', 'hope', 'know', 'mean', 'guess', 'suppose', 'say', 'says', 'tell', 'wish'])
const NARRATIVE_JOINS = new Set(['and', 'then', 'so', 'but'])
const AUX_LEMMAS = new Set(['be', 'have', 'do', 'get'])
const NEAR_MARKER_WORDS = 5
const PERSONAL_SUBJECTS = new Set(['i', 'we', 'he', 'she', 'they'])

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

/** Present forms in a past narrative: "Yesterday I go" → "went". */
export function presentForPast(view: SentenceView, doc: Doc): Finding[] {
  const { sentence, ws, hit } = view
  if (!doc.pastScope.has(sentence.index)) return []
  const clause = clauseIds(sentence.tokens)
  const markers = pastMarkers(ws, doc.currentYear)
  const markerClauses = new Set(markers.map((i) => clause[i]))
  // A form of be describes the marker's time only close to it ("Yesterday it is cold"); further away in
  // a long unpunctuated clause it is usually a present comment ("my name is …").
  const nearMarker = (v: number): boolean => markers.some((i) => Math.abs(i - v) <= NEAR_MARKER_WORDS)
  const presentClauses = new Set(ws.flatMap((w, i) => (PRESENT_MARKERS.has(w) ? [clause[i]] : [])))
  const conditional = new Set(ws.flatMap((w, i) => (w === 'if' ? [clause[i]] : [])))
  const out: Finding[] = []
  ws.forEach((w, v) => {
    if (presentClauses.has(clause[v])) return
    // "I am writing to", "we're planning": a progressive usually frames the present (a letter, a plan).
    if (/[a-z]{2,}ing$/.test(ws[v + 1] ?? '') && (['am', 'is', 'are'].includes(w) || CONTRACTED_BE[w])) return
    const contracted = CONTRACTED_BE[w]
    if (contracted) {
      if (markerClauses.has(clause[v]) && nearMarker(v) && !HAS_NEXT.has(ws[v + 1] ?? '')) out.push(hit(v, v + 1, `${contracted.subject} ${contracted.plural ? 'were' : 'was'}`))
      return
    }
    const subject = subjectOf(ws, v)
    const be = BE_PAST[w]
    if (be) {
      // Like statives, "is/are" often describe the present in another clause ("my colleagues there are kind").
      if (!markerClauses.has(clause[v]) || !nearMarker(v)) return
      if (subject || ws[v - 1] === 'there' || POSSESSIVES.has(ws[v - 2] ?? '')) out.push(hit(v, v + 1, subject?.person === 'plural' && w === 'is' ? 'were' : be))
      return
    }
    const base = VERBS.has(w) ? w : THIRD_TO_BASE.get(w)
    if (!subject || !base || pastOf(base) === base) return
    // A capital inside the sentence is a name ("my friend Make showed me"), not a verb.
    if (v > 0 && /^\p{Lu}/u.test(sentence.tokens[v]?.text ?? '')) return
    // "if you like it", "you can see": general "you" and conditions are not the story's events.
    if (ws[subject.at] === 'you' || conditional.has(clause[v])) return
    if (STATIVE.has(base) && !markerClauses.has(clause[v])) return
    // "I think that ten years ago …", "the best memories I have": a comment from now on the story.
    if (FRAMING.has(base) || (base === 'have' && !markerClauses.has(clause[v]))) return
    // Outside the marker's clause only a person telling what they did ("I go", "we walk") is a story;
    // "people make a bonfire", "every teacher teaches" describe what is usual.
    if (!markerClauses.has(clause[v]) && !PERSONAL_SUBJECTS.has(ws[subject.at] ?? '')) return
    if (base === 'have' && (PERFECT_NEXT.has(ws[v + 1] ?? '') || /ed$/.test(ws[v + 1] ?? '') || isParticiple(ws[v + 1]))) return
    out.push(hit(v, v + 1, pastOf(base)))
  })
  return out
}

/**
 * A story told in the past that slips into the present: "We went to the beach and we swim all day." A
 * present action verb after a personal subject, in a clause joined to a clause with a past action verb.
 */
export function narrativeSlip(view: SentenceView, doc: Doc): Finding[] {
  const { sentence, ws, tags, hit } = view
  if (doc.pastScope.has(sentence.index) || ws.some((w) => PRESENT_MARKERS.has(w)) || /\?$/.test(sentence.tokens.at(-1)?.text ?? '')) return []
  if (ws.some((w) => FRAMING.has(w)) || ws.includes('"') || sentence.tokens.some((t) => /["\u201c]/.test(t.text))) return []
  const clause = clauseIds(sentence.tokens)
  const pastClauses = new Set<number>()
  ws.forEach((_, i) => {
    const subject = SUBJECT_PERSON[ws[i - 1] ?? '']
    if (subject && isPastVerb(view, i) && ws[i] !== 'was' && ws[i] !== 'were' && !STATIVE.has(tags[i]?.lemma ?? '')) pastClauses.add(clause[i] as number)
  })
  if (pastClauses.size === 0) return []
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const c = clause[v] as number
    if (pastClauses.has(c) || !pastClauses.has(c - 1)) return
    const opener = sentence.tokens.find((_, i) => clause[i] === c)?.norm ?? ''
    if (!NARRATIVE_JOINS.has(opener)) return
    const person = SUBJECT_PERSON[ws[v - 1] ?? '']
    const lemma = tags[v]?.lemma ?? ''
    // Only action verbs: "we have fixed", "you do not know" are auxiliaries, not slips of tense.
    if (!person || STATIVE.has(lemma) || AUX_LEMMAS.has(lemma) || tags[v]?.pos !== 'VERB' || !VERBS.has(lemma) || pastOf(lemma) === lemma) return
    const form = person === 'third' ? isThirdVerb(view, v) : isBaseVerb(view, v)
    if (form && ws[v + 1] !== 'to') out.push(hit(v, v + 1, pastOf(lemma)))
  })
  return out
}

/**
 * "She get very confused" in a story told in the past: a bare verb after he/she/it or a singular noun,
 * where the sentence (or the one before) narrates in the simple past, meant the past ("got"), not "gets".
 */
export function bareVerbInPastStory(view: SentenceView, doc: Doc): Finding[] {
  const { ws, tags, hit } = view
  if (!inPastFrame(view, doc) || ws.some((w) => PRESENT_MARKERS.has(w))) return []
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const tag = tags[v]
    const subject = subjectOf(ws, v)
    if (!tag || tag.pos !== 'VERB' || w !== tag.lemma || subject?.person !== 'third' || notASubject(view, subject.at)) return
    if (!VERBS.has(w) || pastOf(w) === w || STATIVE.has(w)) return
    out.push(hit(v, v + 1, pastOf(w)))
  })
  return out
}

const STORY_PRESENT: Record<string, string> = { am: 'was', is: 'was', are: 'were', has: 'had', have: 'had', do: 'did', does: 'did', "don't": "didn't", "doesn't": "didn't", "can't": "couldn't", can: 'could' }

/**
 * "We walked to the river. We are very tired, so we sat down.": inside a story told in the simple past
 * (the sentence before narrates in the past, and so does this one), a person's present be,
 * have or do is a slip. A description that still holds ("She is very kind") reads the same, so one
 * hit alone is weak evidence: the rule table marks it weak, and it makes a pattern only when it recurs.
 */
export function presentInStory(view: SentenceView, doc: Doc): Finding[] {
  const { sentence, ws, hit } = view
  const at = doc.sentences.findIndex((s) => s.index === sentence.index)
  const narrates = (i: number): boolean => {
    const s = doc.sentences[i]
    return !!s && pastFrameOf(s, doc)
  }
  if (at < 1 || !narrates(at - 1) || !narrates(at)) return []
  if (ws.some((w) => PRESENT_MARKERS.has(w) || FRAMING.has(w)) || /\?$/.test(sentence.tokens.at(-1)?.text ?? '') || sentence.tokens.some((t) => /["\u201c]/.test(t.text))) return []
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const past = STORY_PRESENT[w]
    if (!past || !PERSONAL_SUBJECTS.has(ws[v - 1] ?? '')) return
    const next = ws[v + 1] ?? ''
    // "we are going to", "she has been", "I have seen", "I am writing": a progressive, perfect or plan.
    if (/[a-z]{2,}ing$/.test(next) || PERFECT_NEXT.has(next) || /ed$/.test(next) || isParticiple(next)) return
    out.push(hit(v, v + 1, past))
  })
  return out
}

/** Positions of past-time markers: yesterday, ago, last week, in 2019, when I was, the other day, in the past. */
export function pastMarkers(ws: string[], currentYear: number): number[] {
  const out: number[] = []
  ws.forEach((w, i) => {
    const next = ws[i + 1] ?? ''
    // "as healthy as twenty years ago", "cheaper than ten years ago" compare with the past; they do not
    // narrate it ("more than ten years ago" does: it says how long ago).
    if (w === 'ago' && [i - 3, i - 4].some((j) => (ws[j] === 'as' || ws[j] === 'than') && !['more', 'less', 'over'].includes(ws[j - 1] ?? ''))) return
    if (w === 'yesterday' || w === 'ago') out.push(i)
    // "my last year at school", "the last semester" name a period that may be now; "last year" is past.
    else if (w === 'last' && TIME_NOUNS.has(next) && !POSSESSIVES.has(ws[i - 1] ?? '')) out.push(i)
    else if (w === 'in' && /^\d{4}$/.test(next) && Number(next) >= 1900 && Number(next) < currentYear) out.push(i)
    else if (w === 'when' && (ws[i + 2] === 'was' || ws[i + 2] === 'were')) out.push(i)
    else if (w === 'other' && ws[i - 1] === 'the' && next === 'day') out.push(i)
    else if (w === 'past' && ws[i - 1] === 'the' && ws[i - 2] === 'in') out.push(i)
    else if (w === 'then' && ws[i - 1] === 'back') out.push(i)
  })
  return out
}
