import { detokenize, type Piece } from './detokenize.ts'
import type { M2Sentence } from './m2.ts'
import { keyOfEdit, type EvalKey } from './mapping.ts'
import { seeded, speechSentence } from './speech.ts'

/** A gold edit of a scored key, as a character span of the document text ([at, at] for a missing word). */
export interface GoldSpan {
  key: EvalKey
  from: number
  to: number
}

/** One evaluation document: about ten consecutive learner sentences, written as prose. */
export interface EvalDoc {
  level: string
  index: number
  text: string
  gold: GoldSpan[]
}

export const SENTENCES_PER_DOC = 10

/** Groups sentences into documents of SENTENCES_PER_DOC and writes each as clean prose and as speech. */
export function documentsOf(level: string, sentences: M2Sentence[]): { clean: EvalDoc[]; speech: EvalDoc[] } {
  const clean: EvalDoc[] = []
  const speech: EvalDoc[] = []
  for (let start = 0, index = 0; start < sentences.length; start += SENTENCES_PER_DOC, index++) {
    const group = sentences.slice(start, start + SENTENCES_PER_DOC)
    const perSentence: Piece[][] = []
    const edits: { key: EvalKey; start: number; end: number }[] = []
    let offset = 0
    for (const s of group) {
      perSentence.push(s.tokens.map((text, i) => ({ text, origin: offset + i })))
      for (const e of s.edits) {
        const key = keyOfEdit(e, s)
        if (key) edits.push({ key, start: offset + e.start, end: offset + e.end })
      }
      offset += s.tokens.length
    }
    clean.push(written(level, index, perSentence.flat(), edits))
    const random = seeded(hash(`${level}:${index}`))
    const afterStop = (i: number): boolean => i === 0 || /^[.!?]$/.test(perSentence[i - 1]?.at(-1)?.text ?? '')
    speech.push(written(level, index, perSentence.flatMap((s, i) => speechSentence(s, random, afterStop(i))), edits))
  }
  return { clean, speech }
}

function written(level: string, index: number, pieces: Piece[], edits: { key: EvalKey; start: number; end: number }[]): EvalDoc {
  const { text, spans } = detokenize(pieces)
  const gold = edits.map(({ key, start, end }) => {
    if (start === end) {
      // A missing word sits at the start of the learner word that follows it (or the end of the text).
      const at = pieces.findIndex((p) => p.origin >= start)
      const point = at < 0 ? text.length : (spans[at] as [number, number])[0]
      return { key, from: point, to: point }
    }
    const covered = pieces.flatMap((p, i) => (p.origin >= start && p.origin < end ? [spans[i] as [number, number]] : []))
    return { key, from: Math.min(...covered.map((s) => s[0])), to: Math.max(...covered.map((s) => s[1])) }
  })
  return { level, index, text, gold }
}

function hash(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h >>> 0
}
