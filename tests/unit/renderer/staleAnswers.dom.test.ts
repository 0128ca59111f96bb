import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AttemptView, RetellView, SessionDetail, SessionSummary } from '../../../electron/shared/contract.ts'

// The renderer's stores against a bridge whose answers the test releases one by one, in the order a
// loaded machine can deliver them: a pushed event before the answer to a call made earlier, and
// the answers to two calls in reverse order. (".dom.test.ts": it imports the stores, so it is
// type-checked with the DOM's types, in tsconfig.web.json.)

interface PendingCall {
  channel: string
  request: unknown
  answer: (value: unknown) => void
}

const pending: PendingCall[] = []
const listeners = new Map<string, ((payload: unknown) => void)[]>()

const bridge = new Proxy(
  {},
  {
    get: (_target, key: string) =>
      key === 'on'
        ? (event: string, listener: (payload: unknown) => void) => {
            listeners.set(event, [...(listeners.get(event) ?? []), listener])
            return () => undefined
          }
        : (request: unknown) => new Promise((resolve) => pending.push({ channel: key, request, answer: (value) => resolve({ ok: true, value }) }))
  }
)

vi.mock('../../../renderer/src/record/recorder.ts', () => ({
  sessionSink: () => ({}),
  startRecording: async () => ({
    id: 'recording',
    level: () => 0,
    elapsedMs: () => 60_000,
    pause: () => undefined,
    resume: () => undefined,
    stop: async () => summary('s3', 'UPLOADED', 1),
    discard: async () => undefined
  })
}))

type Stores = {
  sessions: typeof import('../../../renderer/src/sessions/store.ts')
  retell: typeof import('../../../renderer/src/retell/store.ts')
  practice: typeof import('../../../renderer/src/practice/store.ts')
}
let stores: Stores

beforeAll(async () => {
  const noop = () => undefined
  Object.assign(globalThis, {
    window: { speakloop: bridge, location: { hash: '' }, addEventListener: noop, setInterval: () => 0, clearInterval: noop }
  })
  stores = {
    sessions: await import('../../../renderer/src/sessions/store.ts'),
    retell: await import('../../../renderer/src/retell/store.ts'),
    practice: await import('../../../renderer/src/practice/store.ts')
  }
  stores.sessions.startSessionSync()
  stores.retell.startRetellSync()
  stores.practice.startPracticeSync()
})

beforeEach(async () => {
  // startSessionSync's first lists, and anything an earlier test left unanswered.
  await flush()
  pending.splice(0).forEach((c) => c.answer({ sessions: [] }))
  await flush()
})

describe('a session on screen', () => {
  it('shows its analysis when it finished while the screen’s first load was on its way', async () => {
    const { useSessions } = stores.sessions
    void useSessions.getState().loadDetail('s1')
    const firstLoad = take('sessions:get')
    emit('session:updated', summary('s1', 'ANALYZING', 2))
    emit('session:updated', summary('s1', 'DONE', 3))
    // The first load was read before the analysis was committed.
    firstLoad.answer(detail('s1', 'ANALYZING', 1, null))
    await flush()
    take('sessions:get').answer(detail('s1', 'DONE', 3, 'Only 1 word to go on.'))
    await flush()
    const shown = useSessions.getState().details.s1!.detail!
    expect(shown.status).toBe('DONE')
    expect(shown.summary).toBe('Only 1 word to go on.')
  })

  it('keeps the newer detail when an older request answers last', async () => {
    const { useSessions } = stores.sessions
    void useSessions.getState().loadDetail('s2')
    take('sessions:get').answer(detail('s2', 'TRANSCRIBING', 1, null))
    await flush()
    emit('session:updated', summary('s2', 'ANALYZING', 2))
    const whenAnalysing = take('sessions:get')
    emit('session:updated', summary('s2', 'DONE', 3))
    take('sessions:get').answer(detail('s2', 'DONE', 3, 'Three patterns recur.'))
    await flush()
    whenAnalysing.answer(detail('s2', 'ANALYZING', 2, null))
    await flush()
    expect(useSessions.getState().details.s2!.detail!.summary).toBe('Three patterns recur.')
  })
})

describe('a retell on screen', () => {
  it('shows the last round’s figures when its session finished while the round was being added', async () => {
    const { useRetell } = stores.retell
    useRetell.setState({ retell: retellView([round(1, 'DONE'), round(2, 'DONE')]), round: 3, phase: 'ready' })
    await useRetell.getState().startRound()
    const stopped = useRetell.getState().stopRound()
    await flush()
    // Main added the round, then the session finished before the renderer knew it belongs here.
    const adding = take('retell:addRound')
    emit('session:updated', summary('s3', 'DONE', 3))
    adding.answer(retellView([round(1, 'DONE'), round(2, 'DONE'), round(3, 'ANALYZING')]))
    await stopped
    take('retell:get').answer(retellView([round(1, 'DONE'), round(2, 'DONE'), round(3, 'DONE')]))
    await flush()
    expect(useRetell.getState().retell!.rounds.map((r) => r.status)).toEqual(['DONE', 'DONE', 'DONE'])
    expect(useRetell.getState().retell!.rounds[2]!.figures).not.toBeNull()
  })

  it('keeps the newer view when an older read answers last', async () => {
    const { useRetell } = stores.retell
    useRetell.setState({ retell: retellView([round(1, 'TRANSCRIBING')]), round: 2, phase: 'ready' })
    emit('session:updated', summary('s1', 'ANALYZING', 2))
    const whenAnalysing = take('retell:get')
    emit('session:updated', summary('s1', 'DONE', 3))
    take('retell:get').answer(retellView([round(1, 'DONE')]))
    await flush()
    whenAnalysing.answer(retellView([round(1, 'ANALYZING')]))
    await flush()
    expect(useRetell.getState().retell!.rounds[0]!.status).toBe('DONE')
  })
})

/** The newest waiting call on a channel. */
describe('a practice attempt', () => {
  it('shows the verdict when it was judged while Retry was on its way', async () => {
    const { usePractice } = stores.practice
    usePractice.setState({ attempt: attempt('FAILED'), phase: 'done' })
    const retried = usePractice.getState().retry()
    await flush()
    const retrying = take('practice:retry')
    emit('practice:updated', attempt('JUDGED'))
    retrying.answer(attempt('TRANSCRIBING'))
    await flush()
    take('practice:attempt').answer(attempt('JUDGED'))
    await retried
    expect(usePractice.getState().phase).toBe('done')
    expect(usePractice.getState().attempt!.status).toBe('JUDGED')
  })
})

function take(channel: string): PendingCall {
  const index = pending.findLastIndex((c) => c.channel === channel)
  if (index < 0) throw new Error(`no ${channel} call is waiting (waiting: ${pending.map((c) => c.channel).join(', ') || 'none'})`)
  return pending.splice(index, 1)[0]!
}

function emit(event: string, payload: unknown): void {
  for (const listener of listeners.get(event) ?? []) listener(payload)
}

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}

function at(second: number): string {
  return new Date(Date.UTC(2026, 11, 5, 9, 0, second)).toISOString()
}

function summary(id: string, status: SessionSummary['status'], second: number): SessionSummary {
  return { id, status, createdAt: at(0), updatedAt: at(second) } as SessionSummary
}

function detail(id: string, status: SessionSummary['status'], second: number, text: string | null): SessionDetail {
  return { ...summary(id, status, second), summary: text, transcript: null, insights: [], strengths: [] } as unknown as SessionDetail
}

function round(n: number, status: RetellView['rounds'][number]['status']): RetellView['rounds'][number] {
  const figures = status === 'DONE' ? { speakingRate: 100 + n, fillersPerMinute: 1, midClausePausesPerMinute: 1, mattr: 0.7, mattrLowConfidence: false } : null
  return { round: n, sessionId: `s${n}`, status, createdAt: at(n), durationMs: 60_000, figures }
}

function attempt(status: AttemptView['status']): AttemptView {
  const judged = status === 'JUDGED'
  return {
    id: 'a1',
    drillId: 'd1',
    status,
    createdAt: at(0),
    judgedAt: judged ? at(5) : null,
    heard: judged ? 'She goes to work.' : null,
    judgement: judged ? ({ passed: true, reason: 'You said it as corrected.' } as AttemptView['judgement']) : null,
    errorMessage: status === 'FAILED' ? 'The provider was unreachable.' : null,
    errorHint: null,
    nextDue: null
  }
}

function retellView(rounds: RetellView['rounds']): RetellView {
  return { id: 'r1', prompt: 'A film you saw', roundSeconds: [240, 180, 120], createdAt: at(0), rounds }
}
