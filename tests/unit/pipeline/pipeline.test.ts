import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from './harness.ts'
import { speechWav } from '../../support/audio.ts'
import { normalizeForMatch } from '../../../electron/core/analysis/verify.ts'

const SPEECH = 'Yesterday I go to the market and I buy many apple. It was very nice, um, and I like it.'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('pipeline happy path', () => {
  it('takes a spoken WAV to DONE with verified insights, a focus goal, a ledger and no audio left', async () => {
    h = await createHarness()
    h.sim.setDefaultTranscript(SPEECH)
    const wav = speechWav(SPEECH)
    const seen: string[] = []
    h.core.subscribe((event, payload) => {
      if (event === 'session:updated' && 'status' in payload) seen.push(payload.status)
    })

    const session = await h.process(wav)

    expect(session.status).toBe('DONE')
    expect(session.transcript?.text).toBe(SPEECH)
    expect(session.transcript?.words.length).toBeGreaterThan(10)
    expect(session.insights.length).toBeGreaterThan(0)
    for (const insight of session.insights) {
      for (const example of insight.examples) expect(normalizeForMatch(SPEECH)).toContain(normalizeForMatch(example.quote))
    }
    expect(session.focusNext?.goal).toBeTruthy()
    expect(session.metrics?.wordCount).toBe(session.transcript?.words.length)
    expect(session.tokens?.input).toBeGreaterThan(0)
    expect(seen).toEqual(expect.arrayContaining(['CREATED', 'UPLOADED', 'TRANSCRIBING', 'ANALYZING', 'DONE']))
    expect(seen.indexOf('TRANSCRIBING')).toBeLessThan(seen.indexOf('ANALYZING'))

    // The bytes that reached the provider are the recording, unchanged; then the audio is gone.
    const upload = h.sim.requests.find((r) => r.kind === 'transcription')!
    expect(upload.fileSha256).toBe(createHash('sha256').update(readFileSync(wav)).digest('hex'))
    expect(upload.language).toBe('en')
    expect(h.audioFiles()).toEqual([])
    expect(session.audioPresent).toBe(false)
    expect(session.ledger.map((l) => `${l.provider}:${l.what}`)).toEqual(['openai:audio', 'local:audio deleted', 'anthropic:transcript'])
    expect(session.ledger[0]!.bytes).toBe(readFileSync(wav).length)

    const { patterns } = await h.core.call('profile:get', {})
    expect(patterns.map((p) => p.patternKey).sort()).toEqual([...new Set(session.insights.map((i) => i.patternKey))].sort())
  })

  it('analyses on the device when no Anthropic key is set, and sends no transcript', async () => {
    h = await createHarness({ keys: { anthropic: null } })
    h.sim.setDefaultTranscript(SPEECH)
    const session = await h.process(speechWav(SPEECH))
    expect(session.status).toBe('DONE')
    expect(h.sim.count('analysis')).toBe(0)
    expect(session.analysisModel).toBe('speakloop-offline-1')
    expect(session.ledger.map((l) => `${l.provider}:${l.what}`)).toContain('on-device analysis:nothing sent')
    expect(session.insights.map((i) => i.patternKey)).toContain('grammar.past-tense')
  })
})
