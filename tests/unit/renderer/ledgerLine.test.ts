import { describe, expect, it } from 'vitest'
import { ledgerLine } from '../../../renderer/src/session/ledgerLine.ts'

describe('the privacy ledger, line by line', () => {
  it('says what was sent to whom, and how much', () => {
    expect(ledgerLine({ provider: 'openai', what: 'audio', bytes: 2048 })).toMatch(/^Audio sent to openai, 2(\.0)? KB$/)
  })

  it('says nothing left the computer for a stage that ran on it', () => {
    expect(ledgerLine({ provider: 'on-device transcription', what: 'nothing sent', bytes: 0 })).toBe('Nothing sent: on-device transcription on this computer')
  })

  it('names the stretch of a recording transcribed while it went on', () => {
    expect(ledgerLine({ provider: 'on-device transcription', what: 'nothing sent (part 2 of the recording)', bytes: 0 })).toBe(
      'Nothing sent: on-device transcription on this computer, part 2 of the recording'
    )
    expect(ledgerLine({ provider: 'openai', what: 'audio (part 2 of the recording)', bytes: 2048 })).toMatch(/^Audio \(part 2 of the recording\) sent to openai, 2(\.0)? KB$/)
  })

  it('tells local housekeeping apart from sending', () => {
    expect(ledgerLine({ provider: 'local', what: 'audio deleted', bytes: 0 })).toBe('Audio deleted on this computer')
  })
})
