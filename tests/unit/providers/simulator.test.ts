import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fakeTranscript } from '../../support/simulator.ts'

const ROOT = join(import.meta.dirname, '../../..')

describe('fakeTranscript', () => {
  it('makes Whisper-shaped words without punctuation, one segment per sentence', () => {
    const t = fakeTranscript('Hello there. Um, I like, you know, tea!')
    expect(t.segments.map((s) => s.text)).toEqual([' Hello there.', ' Um, I like, you know, tea!'])
    expect(t.words.map((w) => w.word)).toEqual(['Hello', 'there', 'Um', 'I', 'like', 'you', 'know', 'tea'])
    for (let i = 1; i < t.words.length; i++) expect(t.words[i]!.start).toBeGreaterThanOrEqual(t.words[i - 1]!.end)
    expect(t.duration).toBeGreaterThan(t.words.at(-1)!.end)
  })

  it('inserts a scripted pause after the given word', () => {
    const t = fakeTranscript('one two three four', { pauseAfter: { 1: 1500 } })
    const gap = t.words[2]!.start - t.words[1]!.end
    expect(gap).toBeGreaterThanOrEqual(1.5)
    expect(t.words[1]!.start - t.words[0]!.end).toBeLessThan(0.25)
  })
})

describe('simulator CLI', () => {
  it('prints its URLs as JSON and answers until killed', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/simulator.ts', '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit']
    })
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve)
        child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)))
      })
      const urls = JSON.parse(line) as { baseUrl: string; openaiBaseUrl: string; anthropicBaseUrl: string }
      expect(urls.openaiBaseUrl).toBe(`${urls.baseUrl}/v1`)
      const health = await fetch(`${urls.baseUrl}/__sim/health`)
      expect(await health.json()).toEqual({ ok: true })
    } finally {
      child.kill('SIGTERM')
    }
  })
})
