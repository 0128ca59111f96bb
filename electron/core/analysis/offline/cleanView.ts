import type { TimedWord } from '../contract.ts'
import { findFillers } from '../metrics.ts'
import type { Sentence, Token } from './text.ts'

/**
 * The transcript as the grammar rules read it: fillers, immediate repeats and restarts removed (they are
 * fluency evidence, never grammar errors). Kept tokens keep their index into the verbatim tokens, so every
 * finding maps straight back to what the learner said.
 */
export interface CleanView {
  /** Every verbatim token, by index. */
  all: Token[]
  /** The kept tokens in order; a kept token's `text` loses the comma that only set off a removed filler. */
  tokens: Token[]
  sentences: Sentence[]
  removed: Set<number>
}

// Doubled words that are grammar, not a stammer ("we had had enough", "I know that that is").
const REAL_DOUBLES = new Set(['had', 'that', 'very', 'many', 'so', 'bye', 'no', 'really', 'more', 'far', 'long', 'again', 'ha'])
const RESTART_OPENERS = new Set(['i', 'we', 'you', 'he', 'she', 'it', 'they', 'the', 'a', 'an', 'my', 'our', 'there', 'this'])

/** Builds the cleaned view of tokenized speech; `timed` holds one timed word per token (real or synthetic timings). */
export function cleanView(tokens: Token[], sentences: Sentence[], timed: TimedWord[]): CleanView {
  const removed = new Set<number>()
  for (const hit of findFillers(timed)) for (let i = hit.index; i < hit.index + hit.length; i++) removed.add(i)
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i] as Token
    const b = tokens[i + 1] as Token
    if (removed.has(i) || a.sentence !== b.sentence) continue
    if (a.norm && a.norm === b.norm && !REAL_DOUBLES.has(a.norm) && /^[\p{L}']+$/u.test(a.text)) removed.add(i)
    // "we we- we went", "my grand- my grandmother": drop the abandoned start up to the cut-off word.
    if (/\p{L}-$/u.test(a.text)) removeRestart(tokens, i, removed)
  }
  removeCommaRestarts(tokens, removed)
  const kept = tokens.filter((t) => !removed.has(t.index)).map((t) => ({ ...t, text: keptText(tokens, t, removed) }))
  const out: Sentence[] = []
  for (const t of kept) {
    const last = out[out.length - 1]
    if (last && last.index === t.sentence) last.tokens.push(t)
    else out.push({ index: t.sentence, tokens: [t] })
  }
  return { all: tokens, tokens: kept, sentences: out, removed }
}

/** The cleaned view of text without timings or fillers (every token kept); used by rule tests. */
export function plainView(tokens: Token[], sentences: Sentence[]): CleanView {
  return { all: tokens, tokens, sentences, removed: new Set() }
}

function removeRestart(tokens: Token[], cut: number, removed: Set<number>): void {
  const next = tokens[cut + 1] as Token
  for (let m = Math.min(4, cut); m >= 0; m--) {
    const start = tokens[cut - m] as Token
    if (start.sentence === next.sentence && start.norm === next.norm) {
      for (let i = cut - m; i <= cut; i++) removed.add(i)
      return
    }
  }
  removed.add(cut)
}

/** "we went to, we go to": a 2-4 word start ending in a comma, said again from its first word. */
function removeCommaRestarts(tokens: Token[], removed: Set<number>): void {
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i] as Token
    if (removed.has(i) || !RESTART_OPENERS.has(first.norm)) continue
    const previous = tokens[i - 1]
    if (previous && previous.sentence === first.sentence && !/[,.!?]$/.test(previous.text) && !removed.has(i - 1)) continue
    for (let len = 2; len <= 4; len++) {
      const last = tokens[i + len - 1]
      const again = tokens[i + len]
      if (!last || !again || last.sentence !== first.sentence || again.sentence !== first.sentence) break
      if (!/,$/.test(last.text)) continue
      if (again.norm === first.norm) for (let k = i; k < i + len; k++) removed.add(k)
      break
    }
  }
}

/** "I, um, visit" reads "I visit": a comma before a removed filler that was itself set off goes with it. */
function keptText(tokens: Token[], t: Token, removed: Set<number>): string {
  if (!/,$/.test(t.text) || !removed.has(t.index + 1)) return t.text
  let k = t.index + 1
  while (removed.has(k)) k++
  const lastRemoved = tokens[k - 1] as Token
  return /[,]$/.test(lastRemoved.text) || /-$/.test(lastRemoved.text) ? t.text.slice(0, -1) : t.text
}
