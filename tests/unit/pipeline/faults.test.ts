import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from './harness.ts'
import { fileWith, silenceWav, speechWav } from '../../support/audio.ts'
import { silentTranscript, WRONG_KEY } from '../../support/simulator.ts'
import type { Analysis } from '../../../electron/core/analysis/contract.ts'

const SPEECH = 'Last week I visit my friend and we talk about the work. He say that the job is very hard.'
const wav = () => speechWav(SPEECH)

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

async function harness(options: Parameters<typeof createHarness>[0] = {}): Promise<Harness> {
  h = await createHarness(options)
  h.sim.setDefaultTranscript(SPEECH)
  return h
}

function insight(severity: 'high' | 'medium' | 'low', quote: string, key = 'grammar.past-tense'): Analysis['insights'][number] {
  return {
    category: 'grammar',
    patternKey: key,
    pattern: `Pattern ${quote}`,
    detail: 'Detail.',
    frequency: 2,
    severity,
    examples: [{ quote, correction: quote }],
    suggestion: 'Practise it.'
  }
}

function analysis(insights: Analysis['insights']): Analysis {
  return {
    summary: 'Clear ideas.',
    strengths: ['Clear ideas'],
    insights,
    focusNext: { patternKey: 'grammar.past-tense', goal: 'Use the past tense for finished events.' },
    previousFocus: null
  }
}

describe('provider faults end as their classification says', () => {
  it('a 500 is retried and the session still finishes', async () => {
    await harness()
    h!.sim.transcription.enqueue({ status: 500 })
    const session = await h!.process(wav())
    expect(session.status).toBe('DONE')
    expect(h!.sim.count('transcription')).toBe(2)
  })

  it('a 429 with retry-after pauses transcription, then succeeds without using up attempts', async () => {
    await harness()
    h!.sim.transcription.enqueue({ status: 429, headers: { 'retry-after': '0' } }, { status: 429, headers: { 'retry-after': '0' } }, { status: 429, headers: { 'retry-after': '0' } })
    const session = await h!.process(wav())
    expect(session.status).toBe('DONE')
    expect(h!.sim.count('transcription')).toBe(4)
  })

  it('a rejected OpenAI key fails at once with a hint to open Settings, keeping the audio for a retry', async () => {
    await harness({ keys: { openai: WRONG_KEY } })
    const session = await h!.process(wav())
    expect(session.status).toBe('FAILED')
    expect(session.errorMessage).toMatch(/OpenAI API key was rejected/)
    expect(session.errorHint).toMatch(/Settings/)
    expect(h!.sim.count('transcription')).toBe(1)
    expect(session.audioPresent).toBe(true)
    expect(h!.audioFiles()).toHaveLength(1)
  })

  it('a missing OpenAI key fails with "Add your OpenAI API key in Settings", and Retry works once it is added', async () => {
    await harness({ keys: { openai: null } })
    const failed = await h!.process(wav())
    expect(failed.status).toBe('FAILED')
    expect(failed.errorMessage).toBe('Add your OpenAI API key in Settings.')
    expect(h!.sim.count('transcription')).toBe(0)

    await h!.core.call('settings:setKey', { provider: 'openai', key: 'sk-test-openai-9999' })
    await h!.core.call('sessions:retry', { id: failed.id })
    await h!.core.waitForIdle()
    const done = await h!.core.call('sessions:get', { id: failed.id })
    expect(done.status).toBe('DONE')
    expect(h!.audioFiles()).toEqual([])
  })

  it('a provider that never answers times out, is retried three times, then FAILED', async () => {
    await harness({ runner: { timeoutMs: { transcribe: 200, analyze: 200 } } })
    h!.sim.setDefaultTranscription({ delayMs: 5_000 })
    const session = await h!.process(wav())
    expect(session.status).toBe('FAILED')
    expect(session.errorMessage).toMatch(/timed out/)
    expect(h!.sim.count('transcription')).toBe(3)
    expect(session.audioPresent).toBe(true)
  })

  it('a transcription that keeps reporting steps forward outlives the time limit, and each step reaches listeners', async () => {
    const { defaultProviders } = await import('../../../electron/core/app.ts')
    const steps: number[] = []
    h = await createHarness({
      runner: { timeoutMs: { transcribe: 400, analyze: 5_000 } },
      providers: {
        // The real client, after fifteen 40 ms steps (600 ms in all, well past the 400 ms limit), as
        // on-device transcription reports them; one step repeats and must not count.
        async transcriber(settings) {
          const real = await defaultProviders(h!.env, h!.core.settings).transcriber(settings)
          return {
            name: real.name,
            async transcribe(request) {
              for (let step = 1; step <= 15; step++) {
                await new Promise((resolve) => setTimeout(resolve, 40))
                request.onProgress?.(Math.round((step * 100) / 15))
                if (step === 7) request.onProgress?.(Math.round((step * 100) / 15))
              }
              return real.transcribe(request)
            }
          }
        },
        analyzer: (settings) => defaultProviders(h!.env, h!.core.settings).analyzer(settings)
      }
    })
    h.sim.setDefaultTranscript(SPEECH)
    h.core.subscribe((event, payload) => {
      if (event === 'session:progress') steps.push((payload as { percent: number }).percent)
    })
    const session = await h.process(wav())
    expect(session.status).toBe('DONE')
    expect(steps).toEqual(Array.from({ length: 15 }, (_, i) => Math.round(((i + 1) * 100) / 15)))
  })

  it('a malformed analysis body gets one repair retry, then FAILED with the transcript kept', async () => {
    await harness()
    h!.sim.setDefaultAnalysis({ malformed: true })
    const session = await h!.process(wav())
    expect(session.status).toBe('FAILED')
    expect(session.errorMessage).toMatch(/invalid twice/)
    expect(session.transcript?.text).toBe(SPEECH)
    expect(h!.sim.count('analysis')).toBe(2)

    h!.sim.setDefaultAnalysis(null)
    await h!.core.call('sessions:retry', { id: session.id })
    await h!.core.waitForIdle()
    expect((await h!.core.call('sessions:get', { id: session.id })).status).toBe('DONE')
    expect(h!.sim.count('transcription')).toBe(1)
  })

  it('a schema-violating analysis is repaired by the retry', async () => {
    await harness()
    h!.sim.analysis.enqueue({ toolInput: { summary: 42, insights: 'none' } })
    const session = await h!.process(wav())
    expect(session.status).toBe('DONE')
    expect(h!.sim.count('analysis')).toBe(2)
  })

  it('more than five insights are cut to five, most severe first', async () => {
    await harness()
    const quotes = ['I visit my friend', 'we talk about the work', 'He say that', 'the job is very hard', 'Last week', 'my friend and']
    h!.sim.analysis.enqueue({
      analysis: analysis([
        insight('low', quotes[0]!),
        insight('medium', quotes[1]!, 'grammar.articles'),
        insight('high', quotes[2]!, 'grammar.third-person-s'),
        insight('low', quotes[3]!, 'vocabulary.word-choice'),
        insight('high', quotes[4]!, 'grammar.prepositions'),
        insight('medium', quotes[5]!, 'structure.run-on-sentences')
      ])
    })
    const session = await h!.process(wav())
    expect(session.status).toBe('DONE')
    expect(session.insights).toHaveLength(5)
    expect(session.insights.map((i) => i.severity)).toEqual(['high', 'high', 'medium', 'medium', 'low'])
  })

  it('quotes that are not in the transcript are dropped, and insights left without one', async () => {
    await harness()
    h!.sim.analysis.enqueue({
      analysis: analysis([
        { ...insight('high', 'He say that'), examples: [{ quote: 'He say that', correction: 'He said that' }, { quote: 'I never said this', correction: 'x' }] },
        insight('medium', 'an invented sentence', 'grammar.articles')
      ])
    })
    const session = await h!.process(wav())
    expect(session.insights).toHaveLength(1)
    expect(session.insights[0]!.examples).toEqual([{ quote: 'He say that', correction: 'He said that' }])
  })

  it('an unknown pattern key becomes other.<slug>', async () => {
    await harness()
    h!.sim.analysis.enqueue({ analysis: analysis([insight('high', 'He say that', 'Weird Thing')]) })
    const session = await h!.process(wav())
    expect(session.insights[0]!.patternKey).toBe('other.weird-thing')
  })
})

describe('bad input ends FAILED with a clear message and nothing left running', () => {
  it('an empty file', async () => {
    await harness()
    const session = await h!.process(fileWith('empty.wav', new Uint8Array()))
    expect(session.status).toBe('FAILED')
    expect(session.errorMessage).toBe('The recording is empty.')
    expect(h!.sim.count('transcription')).toBe(0)
  })

  it('a file that is not audio', async () => {
    await harness()
    const session = await h!.process(fileWith('notes.wav', new TextEncoder().encode('these are my meeting notes, not audio')))
    expect(session.errorMessage).toBe('This file is not audio Speakloop can read.')
    expect(h!.sim.count('transcription')).toBe(0)
  })

  it('60 s of silence is refused before upload as "no speech detected"', async () => {
    await harness()
    const session = await h!.process(silenceWav(60))
    expect(session.status).toBe('FAILED')
    expect(session.errorMessage).toBe('No speech detected in this recording.')
    expect(session.transcript).toBeNull()
    expect(h!.sim.count('transcription')).toBe(0)
  })

  it('a transcript Whisper hallucinated on silence is never stored', async () => {
    await harness()
    h!.sim.transcription.enqueue({ transcript: silentTranscript() })
    const session = await h!.process(wav())
    expect(session.status).toBe('FAILED')
    expect(session.errorMessage).toBe('No speech detected in this recording.')
    expect(session.transcript).toBeNull()
  })

  it('a truncated WebM the provider cannot decode fails permanently', async () => {
    await harness()
    h!.sim.transcription.enqueue({ status: 400, body: { error: { message: 'Audio file might be corrupted or unsupported', type: 'invalid_request_error', param: 'file', code: 'invalid_value' } } })
    const truncated = fileWith('truncated.webm', new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]))
    const session = await h!.process(truncated, 'audio/webm')
    expect(session.status).toBe('FAILED')
    expect(session.errorMessage).toMatch(/corrupted|could not|invalid/i)
    expect(h!.sim.count('transcription')).toBe(1)
  })

  it('a compressed file over the 25 MB upload limit fails with a clear message before upload', async () => {
    await harness()
    const big = new Uint8Array(26 * 1024 * 1024)
    big.set([0x1a, 0x45, 0xdf, 0xa3], 0)
    for (let i = 4; i < big.length; i += 7) big[i] = (i * 31) % 251
    const session = await h!.process(fileWith('long.webm', big), 'audio/webm')
    expect(session.status).toBe('FAILED')
    expect(session.errorMessage).toMatch(/over the 25 MB upload limit/)
    expect(h!.sim.count('transcription')).toBe(0)
  })

  it('a broken WAV over the upload limit fails permanently, not after retries', async () => {
    await harness()
    const big = new Uint8Array(26 * 1024 * 1024)
    big.set(new TextEncoder().encode('RIFF'), 0)
    big.set(new TextEncoder().encode('WAVEfmt '), 8)
    for (let i = 44; i < big.length; i += 7) big[i] = (i * 31) % 251
    const session = await h!.process(fileWith('broken.wav', big))
    expect(session.errorMessage).toMatch(/could not be split/)
    expect(h!.sim.count('transcription')).toBe(0)
  })

  it('after all of these no session is left in a non-terminal state', async () => {
    await harness()
    await h!.importFile(fileWith('empty2.wav', new Uint8Array()))
    await h!.importFile(wav())
    await h!.core.waitForIdle()
    const { sessions } = await h!.core.call('sessions:list', {})
    expect(sessions.every((s) => s.status === 'DONE' || s.status === 'FAILED')).toBe(true)
  })
})

