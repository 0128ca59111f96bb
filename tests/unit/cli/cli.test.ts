import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, WRONG_KEY, type Simulator } from '../../support/simulator.ts'
import { runSpeakloop } from '../../support/cliProcess.ts'
import { fileWith, speechWav } from '../../support/audio.ts'
import { normalizeForMatch } from '../../../electron/core/analysis/verify.ts'
import { filesHolding } from '../sessions/diskScan.ts'

const SPEECH = 'When I was child I live in a small village. Every day I walk to school with my brother, and we was always late.'

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator()
  sim.setDefaultTranscript(SPEECH)
})
afterAll(() => sim.close())

const speakloop = (args: string[], env: NodeJS.ProcessEnv = {}) => runSpeakloop(sim, args, env)

const dataDir = () => mkdtempSync(join(tmpdir(), 'speakloop-cli-'))

describe('speakloop CLI', { timeout: 120_000 }, () => {
  it('process: an espeak-ng WAV ends DONE with verified quotes and no audio left (exit 0)', async () => {
    const dir = dataDir()
    const { code, stdout } = await speakloop(['process', speechWav(SPEECH), '--topic', 'Childhood', '--json', '--data-dir', dir])
    expect(code).toBe(0)
    const session = JSON.parse(stdout)
    expect(session.status).toBe('DONE')
    expect(session.topic).toBe('Childhood')
    expect(session.insights.length).toBeGreaterThan(0)
    for (const insight of session.insights) {
      for (const example of insight.examples) expect(normalizeForMatch(session.transcript.text)).toContain(normalizeForMatch(example.quote))
    }
    expect(session.focusNext.goal).toBeTruthy()
    expect(readdirSync(join(dir, 'audio'))).toEqual([])

    const listed = JSON.parse((await speakloop(['sessions', '--json', '--data-dir', dir])).stdout)
    expect(listed.sessions.map((s: { id: string }) => s.id)).toEqual([session.id])
    const shown = await speakloop(['show', session.id, '--data-dir', dir])
    expect(shown.stdout).toContain('Status: DONE')
    expect(shown.stdout).toContain('Focus next:')
    const profile = JSON.parse((await speakloop(['profile', '--json', '--data-dir', dir])).stdout)
    expect(profile.patterns.length).toBeGreaterThan(0)

    const out = mkdtempSync(join(tmpdir(), 'speakloop-export-'))
    expect((await speakloop(['export', '--out', out, '--data-dir', dir])).code).toBe(0)
    const exported = JSON.parse(readFileSync(join(out, readdirSync(out)[0]!), 'utf8'))
    expect(exported.sessions[0].transcript.text).toBe(SPEECH)
    expect(JSON.stringify(exported)).not.toContain('sk-test-openai')

    expect((await speakloop(['delete', session.id, '--data-dir', dir])).code).toBe(0)
    expect(JSON.parse((await speakloop(['sessions', '--json', '--data-dir', dir])).stdout).sessions).toEqual([])
  })

  it('process: a rejected key ends FAILED with exit 1, and the readable reason', async () => {
    const { code, stdout } = await speakloop(['process', speechWav(SPEECH), '--data-dir', dataDir()], { OPENAI_API_KEY: WRONG_KEY })
    expect(code).toBe(1)
    expect(stdout).toContain('Status: FAILED')
    expect(stdout).toMatch(/OpenAI API key was rejected/)
  })

  it('bad usage and unreadable input exit 2', async () => {
    expect((await speakloop(['process', '/no/such/file.wav', '--data-dir', dataDir()])).code).toBe(2)
    expect((await speakloop(['process', fileWith('notes.txt', new TextEncoder().encode('hi')), '--data-dir', dataDir()])).code).toBe(2)
    expect((await speakloop(['frobnicate'])).code).toBe(2)
    expect((await speakloop(['show', '--data-dir', dataDir()])).code).toBe(2)
    expect((await speakloop(['process', '--bogus-flag'])).code).toBe(2)
  })

  it('import queues without waiting, and run drains every pending session', async () => {
    const dir = dataDir()
    const queued = JSON.parse((await speakloop(['import', speechWav(SPEECH), '--json', '--data-dir', dir])).stdout)
    const before = JSON.parse((await speakloop(['sessions', '--json', '--data-dir', dir])).stdout)
    expect(before.sessions[0]).toMatchObject({ id: queued.id, status: 'UPLOADED' })
    const run = await speakloop(['run', '--json', '--data-dir', dir])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).sessions[0]).toMatchObject({ id: queued.id, status: 'DONE' })
  })

  it('analyze --transcript --offline finds the learner patterns in a text file', async () => {
    const file = join(dataDir(), 'talk.txt')
    writeFileSync(file, 'Yesterday I go to the cinema with my friends. He like the film very much. I have two brother and many friend.')
    const { code, stdout } = await speakloop(['analyze', '--transcript', file, '--offline', '--json'], { ANTHROPIC_API_KEY: '' })
    expect(code).toBe(0)
    const analysis = JSON.parse(stdout)
    const keys = analysis.insights.map((i: { patternKey: string }) => i.patternKey)
    expect(keys).toEqual(expect.arrayContaining(['grammar.past-tense', 'grammar.third-person-s', 'grammar.plurals']))
    expect(analysis.focusNext.goal).toBeTruthy()
  })

  it('delete --all --yes leaves no byte of the learner text in the data folder, and the next session still goes to DONE', async () => {
    const dir = dataDir()
    const secret = 'Zanzibarquux'
    const said = `Um, yesterday I go to the ${secret} market, like, and I see my friends.`
    sim.setDefaultTranscript(said)
    try {
      expect((await speakloop(['process', speechWav(said), '--topic', `${secret} trip`, '--data-dir', dir])).code).toBe(0)
    } finally {
      sim.setDefaultTranscript(SPEECH)
    }
    // The app's encrypted keys live in the same folder; the command line cannot read them but must delete them.
    writeFileSync(join(dir, 'secrets.json'), '{"version":1,"secrets":{"openai":"Y2lwaGVy"}}')
    expect(filesHolding(dir, secret)).not.toEqual([])

    const unconfirmed = await speakloop(['delete', '--all', '--data-dir', dir])
    expect(unconfirmed.code).toBe(2)
    expect(unconfirmed.stdout).toContain('add --yes to confirm')
    expect(JSON.parse((await speakloop(['sessions', '--json', '--data-dir', dir])).stdout).sessions).toHaveLength(1)

    const deleted = await speakloop(['delete', '--all', '--yes', '--json', '--data-dir', dir])
    expect(deleted.code).toBe(0)
    expect(JSON.parse(deleted.stdout)).toEqual({ deleted: 'everything', sessions: 1 })
    expect(filesHolding(dir, secret)).toEqual([])
    expect(readdirSync(dir)).not.toContain('secrets.json')

    const again = JSON.parse((await speakloop(['process', speechWav(SPEECH), '--json', '--data-dir', dir])).stdout)
    expect(again.status).toBe('DONE')
  })
})
