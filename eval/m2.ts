import { readFileSync } from 'node:fs'

/** One gold edit: learner tokens [start, end) should read `correction` (ERRANT type, e.g. "R:VERB:SVA"). */
export interface M2Edit {
  start: number
  end: number
  type: string
  correction: string
}

/** One tokenised learner sentence with its gold edits. */
export interface M2Sentence {
  tokens: string[]
  edits: M2Edit[]
}

/** Reads an M2 file (BEA-2019 format); annotator 0's edits only, `noop` edits dropped. */
export function readM2(path: string): M2Sentence[] {
  return parseM2(readFileSync(path, 'utf8'))
}

/** Parses M2 text: an `S` line per sentence, then its `A start end|||TYPE|||correction|||...|||annotator` lines. */
export function parseM2(text: string): M2Sentence[] {
  const out: M2Sentence[] = []
  let current: M2Sentence | undefined
  for (const line of text.split('\n')) {
    if (line.startsWith('S ')) {
      current = { tokens: line.slice(2).split(' ').filter(Boolean), edits: [] }
      out.push(current)
    } else if (line.startsWith('A ') && current) {
      const fields = line.slice(2).split('|||')
      const [start = -1, end = -1] = (fields[0] ?? '').split(' ').map(Number)
      const type = fields[1] ?? ''
      const annotator = fields[fields.length - 1]?.trim()
      if (type === 'noop' || type === 'UNK' || annotator !== '0' || start < 0) continue
      current.edits.push({ start, end, type, correction: fields[2] ?? '' })
    }
  }
  return out
}
