import { describe, expect, it } from 'vitest'
import type { SessionSummary } from '../../../electron/shared/contract.ts'
import { isNotOlder } from '../../../renderer/src/sessions/order.ts'

const at = (status: SessionSummary['status'], updatedAt: string) => ({ id: 's1', status, updatedAt }) as SessionSummary

describe('isNotOlder', () => {
  it('keeps DONE when Retry’s earlier UPLOADED answer arrives after the pipeline’s events', () => {
    const done = at('DONE', '2026-12-01T08:00:02.500Z')
    const retryAnswer = at('UPLOADED', '2026-12-01T08:00:01.000Z')
    expect(isNotOlder(retryAnswer, done)).toBe(false)
    expect(isNotOlder(done, retryAnswer)).toBe(true)
  })

  it('takes the first summary of a session, and a same-time one in arrival order', () => {
    expect(isNotOlder(at('UPLOADED', '2026-12-01T08:00:01.000Z'), undefined)).toBe(true)
    expect(isNotOlder(at('TRANSCRIBING', '2026-12-01T08:00:01.000Z'), at('UPLOADED', '2026-12-01T08:00:01.000Z'))).toBe(true)
  })

  it('compares instants, not strings: the same time written with an offset is not older', () => {
    expect(isNotOlder(at('DONE', '2026-12-01T09:00:00.000+01:00'), at('ANALYZING', '2026-12-01T07:59:59.000Z'))).toBe(true)
  })
})
