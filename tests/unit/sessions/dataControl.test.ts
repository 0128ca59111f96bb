import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../pipeline/harness.ts'
import { speechWav } from '../../support/audio.ts'
import { WRONG_KEY } from '../../support/simulator.ts'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('settings: test connection', () => {
  it('says a working key works, a rejected key why, and a missing key that it is missing', async () => {
    h = await createHarness({ keys: { anthropic: null } })
    expect(await h.core.call('settings:testKey', { provider: 'openai' })).toEqual({ ok: true, message: 'Connected to OpenAI: the key works.' })
    expect(await h.core.call('settings:testKey', { provider: 'anthropic' })).toEqual({ ok: false, message: 'No Anthropic key is set.' })

    await h.core.call('settings:setKey', { provider: 'openai', key: WRONG_KEY })
    const rejected = await h.core.call('settings:testKey', { provider: 'openai' })
    expect(rejected.ok).toBe(false)
    expect(rejected.message).toMatch(/rejected/)
    expect(rejected.message).not.toContain(WRONG_KEY)
    // Checking a key sends no audio and no transcript.
    expect(h.sim.requests.every((r) => r.kind === 'models')).toBe(true)
  })
})

describe('privacy: export and delete everything', () => {
  it('exports every session, the profile and the settings, never a key', async () => {
    h = await createHarness()
    const session = await h.process(speechWav('export me'))
    const { fileName, json } = await h.core.call('data:export', {})
    expect(fileName).toMatch(/^speakloop-export-\d{4}-\d{2}-\d{2}\.json$/)
    const document = JSON.parse(json)
    expect(document.sessions.map((s: { id: string }) => s.id)).toEqual([session.id])
    expect(document.sessions[0].transcript.text).toBe(session.transcript!.text)
    expect(document.profile.length).toBeGreaterThan(0)
    expect(document.settings.openaiKey).toEqual({ set: true, last4: '0001' })
    expect(json).not.toContain('sk-test-openai-0001')
    expect(json).not.toContain('sk-ant-test-0002')
  })

  it('delete everything removes sessions, audio, the profile, settings and keys, and keeps downloaded speech models', async () => {
    h = await createHarness({ keys: { openai: WRONG_KEY } })
    await h.core.call('settings:update', { level: 'C1', onboarded: true })
    await h.process(speechWav('failed keeps audio'))
    expect(h.audioFiles()).toHaveLength(1)
    // A model holds nothing of the learner's and costs a long download: the dialog says it stays.
    mkdirSync(join(h.dataDir, 'models'), { recursive: true })
    writeFileSync(join(h.dataDir, 'models', 'ggml-base.bin'), 'model bytes')
    expect(await h.core.dispatch('data:deleteAll', {})).toMatchObject({ ok: false, error: { code: 'invalid-request' } })

    await h.core.call('data:deleteAll', { confirm: 'DELETE' })
    expect((await h.core.call('sessions:list', {})).total).toBe(0)
    expect((await h.core.call('profile:get', {})).patterns).toEqual([])
    expect(h.audioFiles()).toEqual([])
    const settings = await h.core.call('settings:get', {})
    expect(settings).toMatchObject({ level: 'B1', onboarded: false, openaiKey: { set: false, last4: null } })
    expect(existsSync(join(h.dataDir, 'audio'))).toBe(true)
    expect(readdirSync(join(h.dataDir, 'audio'))).toEqual([])
    expect(readdirSync(join(h.dataDir, 'models'))).toEqual(['ggml-base.bin'])
  })
})

describe('profile trend', () => {
  it('gives each pattern its occurrences in each of the latest sessions', async () => {
    h = await createHarness()
    const text = 'Yesterday I go to the park, um, and I see a dog.'
    h.sim.setDefaultTranscript(text)
    const first = await h.process(speechWav('trend one'))
    h.sim.setDefaultTranscript('Today the weather is nice and I am happy.')
    await h.process(speechWav('trend two'))
    const { patterns } = await h.core.call('profile:get', {})
    const key = first.insights[0]!.patternKey
    const row = patterns.find((p) => p.patternKey === key)!
    expect(row.trend).toHaveLength(2)
    expect(row.trend[0]).toBe(first.insights.filter((i) => i.patternKey === key).reduce((n, i) => n + i.frequency, 0))
  })
})
