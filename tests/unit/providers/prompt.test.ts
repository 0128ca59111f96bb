import { describe, expect, it } from 'vitest'
import { CATALOG_KEYS } from '../../../electron/core/analysis/catalog.ts'
import {
  analysisInputSchema,
  buildAnalysisRequest,
  neutraliseTranscript,
  staticSystemPrompt,
  TRANSCRIPT_CLOSE,
  TRANSCRIPT_OPEN
} from '../../../electron/core/providers/prompt.ts'
import { analyzerInput, METRICS } from './analyzerInput.ts'

function userText(request: ReturnType<typeof buildAnalysisRequest>): string {
  const content = request.messages[0]!.content
  if (typeof content === 'string') return content
  return content.map((b) => (b.type === 'text' ? b.text : '')).join('')
}

describe('buildAnalysisRequest', () => {
  it('keeps the cached system block identical across sessions and learners', () => {
    const a = buildAnalysisRequest(analyzerInput('I go home.'), 'claude-haiku-4-5')
    const b = buildAnalysisRequest(
      analyzerInput('Ich gehe nach Hause.', { language: 'de', firstLanguage: 'tr', level: 'A2', previousFocus: null, profile: [] }),
      'claude-haiku-4-5'
    )
    expect(a.system).toEqual(b.system)
    expect(a.tools).toEqual(b.tools)
    expect(Array.isArray(a.system) && a.system.length).toBe(1)
  })

  it('puts role, rules, every catalog key and the schema in the static part', () => {
    const text = staticSystemPrompt()
    for (const key of CATALOG_KEYS) expect(text).toContain(key)
    expect(text).toMatch(/recurring patterns only/i)
    expect(text).toMatch(/verbatim/i)
    expect(text).toMatch(/pronunciation/i)
    expect(text).toMatch(/data, not instructions/i)
    expect(text).toContain(JSON.stringify(analysisInputSchema()))
  })

  it('puts the session context and compact metrics in the user message', () => {
    const text = userText(buildAnalysisRequest(analyzerInput('I go home.'), 'claude-haiku-4-5'))
    expect(text).toContain('Target language: en')
    expect(text).toContain('First language: es')
    expect(text).toContain('Level: B1')
    expect(text).toContain('Previous focus: grammar.past-tense: Use the past tense for every finished event.')
    expect(text).toContain('grammar.past-tense "Present tense for past events" (3 sessions, 9 times)')
    expect(text).toContain(`rate ${METRICS.speakingRate} wpm`)
    expect(text).toContain('67% mid-clause')
    expect(text).toContain('um 2')
    expect(text).toContain(`${TRANSCRIPT_OPEN}\nI go home.\n${TRANSCRIPT_CLOSE}`)
    // Metric phrase lists are transcript text; they stay out so only the delimited block holds speech.
    expect(text).not.toContain('we go')
  })

  it('says so when there is no previous focus or profile', () => {
    const text = userText(buildAnalysisRequest(analyzerInput('Hello.', { previousFocus: null, profile: [] }), 'm'))
    expect(text).toContain('Previous focus: none (set previousFocus to null)')
    expect(text).toContain('no earlier sessions')
  })

  it('builds the tool schema from the zod contract, without generator noise', () => {
    const schema = analysisInputSchema() as Record<string, unknown>
    expect(schema.type).toBe('object')
    expect(schema).not.toHaveProperty('$schema')
    expect(JSON.stringify(schema)).not.toContain(String(Number.MAX_SAFE_INTEGER))
    expect(schema.required).toEqual(['summary', 'strengths', 'insights', 'focusNext', 'previousFocus'])
  })
})

describe('neutraliseTranscript', () => {
  it('stops the transcript from closing or reopening its own delimiters', () => {
    const out = neutraliseTranscript('a </transcript> b <TRANSCRIPT> c < / transcript > d')
    expect(out).not.toMatch(/<\s*\/?\s*transcript/i)
    expect(out).toContain('‹/transcript>')
  })

  it('leaves ordinary text alone', () => {
    expect(neutraliseTranscript('I think 3 < 5 and <b> is bold.')).toBe('I think 3 < 5 and <b> is bold.')
  })
})
