import { afterEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from './harness.ts'
import { speechWav } from '../../support/audio.ts'
import { rebuildProfile } from '../../../electron/core/pipeline/patternProfile.ts'
import { openDatabase } from '../../../electron/core/db/client.ts'
import { join } from 'node:path'
import { MIGRATIONS } from './harness.ts'

const TEXTS = [
  'Yesterday I go to the park and I see a big dog. It was, um, very funny.',
  'Last year we travel to Spain. The food was good and the people was nice.',
  'My brother work in a bank. He like his job but he say it is boring.',
  'I have three cat and many friend. They are, like, very important for me.'
]

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

type Row = { patternKey: string; category: string; label: string; occurrences: number; sessions: number; firstSeenAt: string; lastSeenAt: string }

async function profile(harness: Harness): Promise<Row[]> {
  return (await harness.core.call('profile:get', {})).patterns
}

/** Rebuilds the profile from insights in a separate connection and reads it back. */
async function rebuilt(harness: Harness): Promise<Row[]> {
  await harness.core.shutdown()
  const db = await openDatabase(join(harness.dataDir, 'speakloop.db'), MIGRATIONS)
  await rebuildProfile(db.sql)
  await db.close()
  await harness.reopen()
  return profile(harness)
}

describe('pattern profile', () => {
  it('20 sessions enqueued at once with concurrency 2 all finish, and the profile equals its rebuild', async () => {
    h = await createHarness({ runner: { concurrency: 2 } })
    const ids: string[] = []
    for (let i = 0; i < 20; i++) {
      h.sim.transcription.enqueue({ text: TEXTS[i % TEXTS.length]! })
      ids.push(await h.importFile(speechWav(TEXTS[i % TEXTS.length]!)))
    }
    await h.core.waitForIdle()
    const { sessions } = await h.core.call('sessions:list', { limit: 100 })
    expect(sessions).toHaveLength(20)
    expect(sessions.every((s) => s.status === 'DONE')).toBe(true)

    const incremental = await profile(h)
    const insightTotals = new Map<string, number>()
    for (const id of ids) {
      for (const insight of (await h.core.call('sessions:get', { id })).insights) {
        insightTotals.set(insight.patternKey, (insightTotals.get(insight.patternKey) ?? 0) + insight.frequency)
      }
    }
    expect(Object.fromEntries(incremental.map((p) => [p.patternKey, p.occurrences]))).toEqual(Object.fromEntries(insightTotals))
    expect(await rebuilt(h)).toEqual(incremental)
  })

  it('deleting a session takes exactly its contribution out of the profile', async () => {
    h = await createHarness()
    h.sim.transcription.enqueue({ text: TEXTS[0]! }, { text: TEXTS[0]! })
    const first = await h.process(speechWav(TEXTS[0]!))
    const second = await h.process(speechWav(TEXTS[0]!))
    const before = await profile(h)
    const key = first.insights[0]!.patternKey
    const row = before.find((p) => p.patternKey === key)!
    expect(row.sessions).toBe(2)

    await h.core.call('sessions:delete', { id: second.id })
    const after = (await profile(h)).find((p) => p.patternKey === key)!
    expect(after.sessions).toBe(1)
    expect(after.occurrences).toBe(row.occurrences - second.insights.filter((i) => i.patternKey === key).reduce((n, i) => n + i.frequency, 0))
    expect(after.lastSeenAt).toBe(first.createdAt)

    await h.core.call('sessions:delete', { id: first.id })
    expect(await profile(h)).toEqual([])
  })

  it('re-analysing a session replaces its insights and its profile contribution', async () => {
    h = await createHarness()
    h.sim.setDefaultTranscript(TEXTS[1]!)
    const session = await h.process(speechWav(TEXTS[1]!))
    const before = await profile(h)
    h.sim.analysis.enqueue({
      analysis: {
        summary: 'Good.',
        strengths: [],
        insights: [
          {
            category: 'grammar',
            patternKey: 'grammar.subject-verb-agreement',
            pattern: 'Agreement',
            detail: 'Plural subjects take plural verbs.',
            frequency: 3,
            severity: 'high',
            examples: [{ quote: 'the people was nice', correction: 'the people were nice' }],
            suggestion: 'Check the verb after plural nouns.'
          }
        ],
        focusNext: { patternKey: 'grammar.subject-verb-agreement', goal: 'No agreement slips.' },
        previousFocus: null
      }
    })
    await h.core.call('sessions:reanalyze', { id: session.id })
    await h.core.waitForIdle()
    const again = await h.core.call('sessions:get', { id: session.id })
    expect(again.status).toBe('DONE')
    expect(again.insights.map((i) => i.patternKey)).toEqual(['grammar.subject-verb-agreement'])
    expect(await profile(h)).toEqual([
      expect.objectContaining({ patternKey: 'grammar.subject-verb-agreement', occurrences: 3, sessions: 1 })
    ])
    expect(before).not.toEqual(await profile(h))
    expect(h.sim.count('transcription')).toBe(1)
    expect(await rebuilt(h)).toEqual(await profile(h))
  })
})
