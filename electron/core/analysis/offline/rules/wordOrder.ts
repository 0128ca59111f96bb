import type { Finding } from '../text.ts'
import { bare, type SentenceView } from './grammar.ts'

const FREQUENCY = new Set(['always', 'often', 'usually', 'sometimes', 'never', 'also', 'rarely', 'seldom'])
const EMBEDDING = new Set(['know', 'tell', 'ask', 'wonder', 'understand', 'explain', 'remember', 'forget', 'sure', 'idea', 'see', 'show', 'decide'])
const WH = new Set(['what', 'where', 'when', 'why', 'how', 'who'])
const BE = new Set(['is', 'are', 'was', 'were'])

/** "I like very much football", "I play always tennis": an adverb between a verb and its object. */
export function adverbBeforeObject(view: SentenceView): Finding[] {
  const { ws, tags, hit } = view
  const out: Finding[] = []
  ws.forEach((w, v) => {
    const tag = tags[v]
    if (!tag || tag.pos !== 'VERB' || tag.lemma === 'be') return
    const veryMuch = ws[v + 1] === 'very' && ws[v + 2] === 'much'
    const adverbEnd = veryMuch ? v + 3 : FREQUENCY.has(ws[v + 1] ?? '') ? v + 2 : -1
    if (adverbEnd < 0) return
    const object = tags[adverbEnd]
    if (!object || !['NOUN', 'DET', 'PROPN'].includes(object.pos) && !(object.pos === 'PRON' && ['my', 'your', 'his', 'her', 'our', 'their'].includes(ws[adverbEnd] ?? ''))) return
    const adverb = veryMuch ? 'very much' : (ws[v + 1] as string)
    // The object ends at punctuation or the next verb/preposition; keep the fix short.
    let end = adverbEnd
    while (end + 1 < ws.length && ['NOUN', 'DET', 'ADJ', 'PROPN', 'PRON'].includes(tags[end + 1]?.pos ?? '') && !/[,.;:!?]$/.test(view.sentence.tokens[end]?.text ?? '')) end++
    if (end - adverbEnd > 3) return
    const object_ = Array.from({ length: end - adverbEnd + 1 }, (_, i) => bare(view, adverbEnd + i)).join(' ')
    const fixed = veryMuch ? `${bare(view, v)} ${object_} very much` : `${adverb} ${bare(view, v)} ${object_}`
    out.push(hit(v, end + 1, fixed))
  })
  return out
}

/** "I don't know where is the station" → "where the station is": question order inside a statement. */
export function embeddedQuestion(view: SentenceView): Finding[] {
  const { ws, tags, hit, sentence } = view
  if (/\?$/.test(sentence.tokens.at(-1)?.text ?? '')) return []
  const out: Finding[] = []
  ws.forEach((w, v) => {
    if (!WH.has(w) || !EMBEDDING.has(tags[v - 1]?.lemma ?? ws[v - 1] ?? '')) return
    const verb = ws[v + 1] ?? ''
    if (!BE.has(verb)) return
    // The subject after the verb: a pronoun, or a short noun phrase ending the clause.
    let end = v + 2
    const first = tags[end]
    if (!first || !(first.pos === 'DET' || first.pos === 'PROPN' || (first.pos === 'PRON' && ['he', 'she', 'it', 'they', 'we', 'you', 'i', 'this', 'that'].includes(ws[end] ?? '')))) return
    while (end + 1 < ws.length && ['NOUN', 'ADJ', 'PROPN'].includes(tags[end + 1]?.pos ?? '') && !/[,.;:!?]$/.test(sentence.tokens[end]?.text ?? '')) end++
    const closes = end === ws.length - 1 || /[,.;:!?]$/.test(sentence.tokens[end]?.text ?? '') || ['and', 'but', 'because', 'so'].includes(ws[end + 1] ?? '')
    if (!closes) return
    const subject = Array.from({ length: end - v - 1 }, (_, i) => bare(view, v + 2 + i)).join(' ')
    out.push(hit(v + 1, end + 1, `${subject} ${bare(view, v + 1)}`))
  })
  return out
}
