import type { Analysis, TimedWord } from './contract.ts'
import { alignTimings, syntheticTimings } from './metrics.ts'
import { cleanView } from './offline/cleanView.ts'
import { tokenize } from './offline/text.ts'

/**
 * Below this many words (after fillers and repeats) there is nothing to judge: the analysis says so, asks
 * for a longer recording, and claims no pattern, strength, goal or verdict.
 */
export const MIN_JUDGED_WORDS = 10

/**
 * The model a too-short session records: none ran. It carries the on-device prefix, because the
 * decision was made on this computer and nothing was sent for analysis.
 */
export const TOO_LITTLE_SPEECH_MODEL = 'speakloop-offline-too-little-speech'

/**
 * The words there are to judge: the transcript's words with fillers, repeats and restarts left out, as
 * the on-device checks count them (their cleaned view), whichever analyzer the session uses.
 */
export function judgedWordCount(transcript: string, words: TimedWord[]): number {
  const { tokens, sentences } = tokenize(transcript)
  // The pipeline's words are already one per token, with its text (punctuateWords aligned them):
  // aligning them again would give the same timings.
  const aligned = words.length === tokens.length && words.every((w, i) => w.word === tokens[i]!.text)
  const timed = aligned ? words : words.length > 0 ? alignTimings(tokens, words) : syntheticTimings(tokens)
  return cleanView(tokens, sentences, timed).tokens.length
}

/**
 * The analysis of a session too short to judge, on either path: it says so and asks for a longer
 * recording. No goal, so the next session is judged against the last goal set; no verdict on it.
 */
export function tooLittleSpeech(words: number): Analysis {
  return {
    summary: `Only ${words} ${words === 1 ? 'word' : 'words'} to go on: too little speech to judge. Record at least a minute (about 100 words) to get feedback on your patterns.`,
    strengths: [],
    insights: [],
    focusNext: null,
    previousFocus: null
  }
}
