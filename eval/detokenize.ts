/** A word of a document as it will be written, with the learner token it came from (-1 for inserted words). */
export interface Piece {
  text: string
  origin: number
}

/** Written text and, per piece, its [from, to) character span. */
export interface Written {
  text: string
  spans: [number, number][]
}

const NO_SPACE_BEFORE = /^([.,!?;:%)\]}]|\.\.\.|n't|'(s|m|re|ve|ll|d)|-)$/i
const NO_SPACE_AFTER = /^([([{$]|-)$/

/**
 * Joins tokenised words back into prose ("I do n't know ." → "I don't know."), so the analyzer reads
 * text shaped like a transcript, not like a tokeniser's output.
 */
export function detokenize(pieces: Piece[]): Written {
  let text = ''
  const spans: [number, number][] = []
  let quoteOpen = false
  let glueNext = true
  for (const piece of pieces) {
    const t = piece.text
    const isQuote = t === '"' || t === "''" || t === '``'
    let space = !glueNext
    if (isQuote) {
      if (quoteOpen) space = false
    } else if (NO_SPACE_BEFORE.test(t)) space = false
    if (space) text += ' '
    const from = text.length
    text += isQuote ? '"' : t
    spans.push([from, text.length])
    glueNext = isQuote ? !quoteOpen : NO_SPACE_AFTER.test(t)
    if (isQuote) quoteOpen = !quoteOpen
  }
  return { text, spans }
}
