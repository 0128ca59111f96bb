import type { Piece } from './detokenize.ts'

/** Knobs of the speech transform (per sentence or per word), fixed so every run writes the same speech. */
export const SPEECH = { openingFiller: 0.35, midFiller: 0.07, repeat: 0.05, restart: 0.12 } as const

const OPENERS = ['Um', 'Uh', 'So, um', 'Well, uh', 'Like']
const MID = ['um', 'uh', 'like', 'you know']
const WORD = /^[A-Za-z][A-Za-z']*$/

/**
 * Turns one written sentence into speech as Whisper writes it when asked to keep disfluencies: filled
 * pauses and discourse fillers set off by commas, immediate repeats ("I I"), restarts ("we we- we went"),
 * and a lower-case word after an opening filler. Learner words keep their `origin`; added words get -1.
 */
export function speechSentence(sentence: Piece[], random: () => number, afterStop = true): Piece[] {
  const out: Piece[] = []
  const add = (text: string): void => {
    out.push({ text, origin: -1 })
  }
  const words = sentence.filter((p) => WORD.test(p.text)).length
  if (words >= 4 && random() < SPEECH.restart) {
    // An abandoned start: the first words again, the last one cut off ("my grand- my grandmother").
    const k = Math.min(words - 1, 1 + Math.floor(random() * 3))
    const head = sentence.slice(0, k)
    if (head.every((p) => WORD.test(p.text))) {
      head.forEach((p, i) => add(i === k - 1 ? `${cut(p.text)}-` : p.text))
    }
  }
  let lowerNext = false
  if (random() < SPEECH.openingFiller) {
    // A sentence of the corpus can start mid-sentence (no full stop before it): its filler is lower-case there.
    const opener = OPENERS[Math.floor(random() * OPENERS.length)] as string
    for (const part of (afterStop ? opener : opener.toLowerCase()).split(/(,)/).filter((s) => s.trim())) add(part.trim())
    add(',')
    lowerNext = true
  }
  sentence.forEach((piece, i) => {
    const previous = sentence[i - 1]
    if (i > 0 && previous && WORD.test(previous.text) && WORD.test(piece.text) && random() < SPEECH.midFiller) {
      add(',')
      add(MID[Math.floor(random() * MID.length)] as string)
      add(',')
    }
    let text = piece.text
    if (lowerNext && text !== 'I' && !/^[A-Z]{2,}/.test(text)) text = text.charAt(0).toLowerCase() + text.slice(1)
    lowerNext = false
    if (WORD.test(text) && text.length <= 4 && random() < SPEECH.repeat) add(text)
    out.push({ text, origin: piece.origin })
  })
  return out
}

/** Mulberry32: a small seeded generator, so the transform is the same on every machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function cut(word: string): string {
  return word.length <= 3 ? word : word.slice(0, Math.ceil(word.length / 2))
}
