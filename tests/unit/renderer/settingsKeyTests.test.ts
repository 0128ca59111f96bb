import { beforeEach, describe, expect, it } from 'vitest'
import { createKeyTester, type KeyProvider, type KeyTest, type KeyTester } from '../../../renderer/src/settings/keyTests.ts'

type Verdict = { ok: boolean; message: string }

/** Checks whose answers the test releases one by one, and a record of what would be shown. */
let pending: { provider: KeyProvider; settle: (answer: Verdict | Error) => void }[]
let shown: Record<KeyProvider, KeyTest>
let tester: KeyTester

beforeEach(() => {
  pending = []
  shown = { openai: { state: 'idle' }, anthropic: { state: 'idle' } }
  tester = createKeyTester(
    (provider) =>
      new Promise<Verdict>((resolve, reject) =>
        pending.push({ provider, settle: (answer) => (answer instanceof Error ? reject(answer) : resolve(answer)) })
      ),
    (provider, test) => {
      shown[provider] = test
    }
  )
})

const answerNext = (answer: Verdict | Error) => pending.shift()!.settle(answer)

describe('testing a stored key', () => {
  it('shows testing until the check answers, then its verdict for that provider only', async () => {
    const run = tester.test('openai')
    expect(shown.openai).toEqual({ state: 'testing' })
    expect(pending.map((p) => p.provider)).toEqual(['openai'])

    answerNext({ ok: false, message: 'Your OpenAI API key was rejected.' })
    await run
    expect(shown.openai).toEqual({ state: 'done', ok: false, message: 'Your OpenAI API key was rejected.' })
    expect(shown.anthropic).toEqual({ state: 'idle' })
  })

  it('shows a failed call as a failed test instead of throwing', async () => {
    const run = tester.test('anthropic')
    answerNext(new Error('The bridge went away.'))
    await expect(run).resolves.toBeUndefined()
    expect(shown.anthropic).toEqual({ state: 'done', ok: false, message: 'The bridge went away.' })
  })

  it('forgets the verdict when the key is replaced or removed', async () => {
    const run = tester.test('openai')
    answerNext({ ok: true, message: 'Connected to OpenAI: the key works.' })
    await run
    expect(shown.openai).toMatchObject({ state: 'done', ok: true })

    tester.forget('openai')
    expect(shown.openai).toEqual({ state: 'idle' })
  })

  it('drops a slow answer about a key that was replaced while it was being tested', async () => {
    const run = tester.test('openai')
    tester.forget('openai')
    answerNext({ ok: true, message: 'Connected to OpenAI: the key works.' })
    await run
    expect(shown.openai).toEqual({ state: 'idle' })
  })

  it('shows only the latest of two overlapping tests, whatever order they answer in', async () => {
    const first = tester.test('openai')
    const second = tester.test('openai')
    const [older, newer] = [pending[0]!, pending[1]!]
    newer.settle({ ok: true, message: 'new' })
    await second
    older.settle({ ok: false, message: 'old' })
    await first
    expect(shown.openai).toEqual({ state: 'done', ok: true, message: 'new' })
  })

  it('keeps the providers apart: forgetting one key leaves the other’s test running', async () => {
    const run = tester.test('anthropic')
    tester.forget('openai')
    answerNext({ ok: true, message: 'Connected to Anthropic: the key works.' })
    await run
    expect(shown.anthropic).toMatchObject({ state: 'done', ok: true })
  })
})
