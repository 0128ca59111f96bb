/**
 * The Anthropic half of the provider simulator: a deterministic default analysis derived from the
 * request's own transcript, Messages-shaped responses, and a small prompt-cache model for usage.
 */
import { createHash } from 'node:crypto'
import { TRANSCRIPT_CLOSE, TRANSCRIPT_OPEN } from '../../../electron/core/providers/prompt.ts'

export interface SimUsage {
  input_tokens: number
  output_tokens: number
  cache_creation_input_tokens: number
  cache_read_input_tokens: number
}

interface TextBlock {
  type: 'text'
  text: string
  cache_control?: unknown
}

export interface MessagesBody {
  model?: string
  system?: string | TextBlock[]
  tools?: unknown[]
  messages?: { role: string; content: string | { type: string; text?: string; cache_control?: unknown }[] }[]
  [key: string]: unknown
}

const FILLERS = ['um', 'uh', 'er', 'erm', 'hmm', 'like', 'you know', 'i mean']

/** The text of the last user message between the analyzer's transcript delimiters, or null. */
export function extractTranscript(body: MessagesBody): string | null {
  const last = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user')
  if (!last) return null
  const text = typeof last.content === 'string' ? last.content : last.content.map((b) => b.text ?? '').join('\n')
  const open = text.indexOf(TRANSCRIPT_OPEN)
  const close = text.lastIndexOf(TRANSCRIPT_CLOSE)
  if (open < 0 || close <= open) return null
  return text.slice(open + TRANSCRIPT_OPEN.length, close).trim()
}

/**
 * A schema-valid analysis whose example quotes are real spans of the request's transcript, so an
 * unscripted end-to-end run passes local verification. Deterministic: same transcript, same analysis.
 */
export function defaultAnalysisFor(body: MessagesBody): Record<string, unknown> {
  const transcript = extractTranscript(body) ?? ''
  const insights: Record<string, unknown>[] = []

  const fillerSpans = fillerWindows(transcript)
  if (fillerSpans.length > 0) {
    insights.push({
      category: 'vocabulary',
      patternKey: 'vocabulary.filler-words',
      pattern: 'Filler words',
      detail: 'Fillers such as "um" and "like" interrupt several of your sentences.',
      frequency: fillerSpans.length,
      severity: 'medium',
      examples: fillerSpans.slice(0, 3).map((quote) => ({ quote, correction: stripFillers(quote) || quote })),
      suggestion: 'Pause silently instead of saying a filler while you plan the next words.'
    })
  }
  const openings = sentenceOpenings(transcript)
  if (openings.length > 0) {
    insights.push({
      category: 'structure',
      patternKey: 'structure.repeated-starters',
      pattern: 'Similar sentence openings',
      detail: 'Several sentences start in the same way.',
      frequency: openings.length,
      severity: 'low',
      examples: openings.slice(0, 2).map((quote) => ({ quote, correction: quote })),
      suggestion: 'Start some sentences with a time phrase or a connector instead.'
    })
  }

  const focusKey = (insights[0]?.patternKey as string | undefined) ?? 'fluency.pace'
  return {
    summary: transcript
      ? 'You kept talking and got your ideas across. A few habits repeat and are worth working on.'
      : 'There was too little speech to analyse in detail.',
    strengths: transcript ? ['You kept going without long breakdowns.'] : [],
    insights,
    focusNext: { patternKey: focusKey, goal: 'Use fewer than 3 fillers per minute in your next session.' },
    previousFocus: previousFocusFrom(body)
  }
}

/** A Messages API response with one `record_analysis` tool call (or text blocks when `text` is given). */
export function messageResponse(
  model: string,
  content: { toolInput?: unknown; text?: string; blocks?: unknown[] },
  usage: SimUsage,
  id: number
): Record<string, unknown> {
  const blocks =
    content.blocks ??
    (content.text !== undefined
      ? [{ type: 'text', text: content.text, citations: null }]
      : [{ type: 'tool_use', id: `toolu_sim_${id}`, name: 'record_analysis', input: content.toolInput, caller: { type: 'direct' } }])
  const toolCall = blocks.some((b) => (b as { type?: string }).type === 'tool_use')
  return {
    id: `msg_sim_${id}`,
    type: 'message',
    role: 'assistant',
    model,
    content: blocks,
    stop_reason: toolCall ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: { ...usage, cache_creation: null, inference_geo: null, output_tokens_details: null, server_tool_use: null, service_tier: 'standard' }
  }
}

// Minimum cacheable prefix by model (Anthropic's prompt-caching docs): below it nothing is cached and
// no error is raised; the only sign is zero cache counters.
const CACHE_FLOORS: Record<string, number> = {
  'claude-haiku-4-5': 4096,
  'claude-haiku-4-5-20251001': 4096,
  'claude-opus-4-5': 4096,
  'claude-opus-4-6': 4096
}
const DEFAULT_CACHE_FLOOR = 1024

/**
 * Approximates Anthropic prompt caching: the prefix up to the last `cache_control` breakpoint (tools,
 * then system, then messages) is written on first sight and read afterwards. ~4 characters per token.
 */
export class PromptCache {
  readonly #seen = new Set<string>()
  /** `minTokens` overrides the per-model floor; 0 caches any prefix. */
  constructor(readonly minTokens?: number) {}

  usageFor(body: MessagesBody, output: unknown): SimUsage {
    const parts: { text: string; breakpoint: boolean }[] = []
    for (const tool of body.tools ?? []) parts.push({ text: JSON.stringify(tool), breakpoint: hasCacheControl(tool) })
    const system = typeof body.system === 'string' ? [{ type: 'text' as const, text: body.system }] : (body.system ?? [])
    for (const block of system) parts.push({ text: block.text, breakpoint: Boolean(block.cache_control) })
    for (const message of body.messages ?? []) {
      const blocks = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content
      for (const block of blocks) parts.push({ text: block.text ?? JSON.stringify(block), breakpoint: Boolean(block.cache_control) })
    }
    const lastBreakpoint = parts.map((p) => p.breakpoint).lastIndexOf(true)
    const prefix = parts.slice(0, lastBreakpoint + 1).map((p) => p.text).join('')
    const rest = parts.slice(lastBreakpoint + 1).map((p) => p.text).join('')
    const prefixTokens = tokens(prefix)
    const outputTokens = tokens(typeof output === 'string' ? output : JSON.stringify(output ?? ''))
    const floor = this.minTokens ?? CACHE_FLOORS[body.model ?? ''] ?? DEFAULT_CACHE_FLOOR
    if (lastBreakpoint < 0 || prefixTokens < floor) {
      return { input_tokens: prefixTokens + tokens(rest), output_tokens: outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }
    }
    const key = createHash('sha256').update(`${body.model}\n${prefix}`).digest('hex')
    const hit = this.#seen.has(key)
    this.#seen.add(key)
    return {
      input_tokens: tokens(rest),
      output_tokens: outputTokens,
      cache_creation_input_tokens: hit ? 0 : prefixTokens,
      cache_read_input_tokens: hit ? prefixTokens : 0
    }
  }

  clear(): void {
    this.#seen.clear()
  }
}

const SINGLE_FILLERS = new Set(['um', 'uh', 'er', 'erm', 'hmm', 'like'])

// Verbatim windows (by character offsets) of a few words around each filler, not overlapping.
function fillerWindows(text: string): string[] {
  const words = [...text.matchAll(/[\p{L}\p{N}']+/gu)]
  const spans: string[] = []
  let next = 0
  words.forEach((w, i) => {
    if (i < next || !SINGLE_FILLERS.has(w[0].toLowerCase())) return
    const from = Math.max(0, i - 2)
    const to = Math.min(words.length - 1, i + 3)
    if (to - from < 2) return
    spans.push(text.slice(words[from]!.index, words[to]!.index + words[to]![0].length))
    next = to + 1
  })
  return spans.filter(clean)
}

// The first 3-6 words of each sentence, verbatim.
function sentenceOpenings(text: string): string[] {
  const spans: string[] = []
  for (const sentence of text.matchAll(/[^.!?]+/g)) {
    const words = [...sentence[0].matchAll(/[\p{L}\p{N}']+/gu)]
    if (words.length < 3) continue
    const last = words[Math.min(6, words.length) - 1]!
    spans.push(text.slice(sentence.index + words[0]!.index, sentence.index + last.index + last[0].length))
  }
  return spans.filter(clean)
}

// A neutralised delimiter is not something a learner said; never quote it.
function clean(span: string): boolean {
  return !/[<>‹›]/.test(span)
}

function stripFillers(span: string): string {
  let out = span
  for (const filler of FILLERS) out = out.replace(new RegExp(`\\b${filler}\\b,?\\s*`, 'gi'), '')
  return out.replace(/\s+/g, ' ').replace(/^[,\s]+|[,\s]+$/g, '')
}

function previousFocusFrom(body: MessagesBody): Record<string, unknown> | null {
  const last = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user')
  const text = !last ? '' : typeof last.content === 'string' ? last.content : last.content.map((b) => b.text ?? '').join('\n')
  const match = /previous focus:\s*((?:grammar|vocabulary|fluency|structure|other)\.[a-z0-9-]+)/i.exec(text)
  if (!match) return null
  return { patternKey: match[1]!.toLowerCase(), verdict: 'not-enough-evidence', evidence: 'Simulated: the transcript was not compared.' }
}

function hasCacheControl(value: unknown): boolean {
  return Boolean(value && typeof value === 'object' && 'cache_control' in value && (value as { cache_control?: unknown }).cache_control)
}

function tokens(text: string): number {
  return Math.ceil(text.length / 4)
}
