import { describe, it, expect } from 'vitest'
import {
  CONVERT_ABOVE_BYTES,
  MAX_DECODE_BYTES,
  MAX_DECODE_MS,
  UPLOAD_LIMIT_BYTES,
  decodeLengthProblem,
  planImport,
  refusalMessage
} from '../../../renderer/src/record/importPlan.ts'

const MB = 1024 * 1024
const HOUR = 3_600_000

describe('how an imported file reaches main', () => {
  it('sends a compressed file up to 24 MB as it is', () => {
    expect(planImport({ mimeType: 'audio/mpeg', size: CONVERT_ABOVE_BYTES, durationMs: 30 * 60_000 })).toEqual({ kind: 'stream' })
    expect(planImport({ mimeType: 'audio/ogg', size: 3 * MB, durationMs: 0 })).toEqual({ kind: 'stream' })
  })

  it('decodes MP3, M4A, OGG and WebM over 24 MB to WAV, leaving a margin under the 25 MB cap', () => {
    expect(CONVERT_ABOVE_BYTES).toBeLessThan(UPLOAD_LIMIT_BYTES)
    for (const mimeType of ['audio/mpeg', 'audio/mp4', 'audio/ogg', 'audio/webm'] as const) {
      expect(planImport({ mimeType, size: CONVERT_ABOVE_BYTES + 1, durationMs: HOUR })).toEqual({ kind: 'convert' })
    }
  })

  it('decodes every compressed file for on-device transcription, which reads PCM only', () => {
    expect(planImport({ mimeType: 'audio/mpeg', size: 3 * MB, durationMs: 60_000, onDevice: true })).toEqual({ kind: 'convert' })
    expect(planImport({ mimeType: 'audio/webm', size: 1 * MB, durationMs: 0, onDevice: true })).toEqual({ kind: 'convert' })
    expect(planImport({ mimeType: 'audio/wav', size: 3 * MB, durationMs: 60_000, onDevice: true })).toEqual({ kind: 'stream' })
  })

  it('sends a WAV of any size as it is, because main splits WAVs itself', () => {
    expect(planImport({ mimeType: 'audio/wav', size: 900 * MB, durationMs: 5 * HOUR })).toEqual({ kind: 'stream' })
  })

  it('converts when the duration is unknown, to be checked again once decoded', () => {
    expect(planImport({ mimeType: 'audio/webm', size: 60 * MB, durationMs: 0 })).toEqual({ kind: 'convert' })
  })

  it('refuses a compressed file over 2 hours before decoding it', () => {
    const plan = planImport({ mimeType: 'audio/mpeg', size: 100 * MB, durationMs: MAX_DECODE_MS + 60_000 })
    expect(plan.kind).toBe('refuse')
    expect(plan.kind === 'refuse' && plan.reason).toBe('it is 2 hours 1 minute long, and files over 2 hours cannot be prepared for upload')
  })

  it('refuses a compressed file over 400 MB whatever its duration', () => {
    const plan = planImport({ mimeType: 'audio/mp4', size: MAX_DECODE_BYTES + 1, durationMs: 0 })
    expect(plan).toEqual({ kind: 'refuse', reason: 'it is 401 MB, and compressed files over 400 MB cannot be prepared for upload' })
  })
})

describe('the decoded-length check', () => {
  it('allows exactly the limit and says how long a longer file is, rounded up', () => {
    expect(decodeLengthProblem(MAX_DECODE_MS)).toBeNull()
    expect(decodeLengthProblem(MAX_DECODE_MS + 1_000)).toContain('2 hours 1 minute long')
    expect(decodeLengthProblem(3 * HOUR)).toContain('3 hours long')
  })

  it('reads as one sentence for the learner', () => {
    expect(refusalMessage('lecture.mp3', 'it is 3 hours long, and files over 2 hours cannot be prepared for upload')).toBe(
      'lecture.mp3 is too long to import: it is 3 hours long, and files over 2 hours cannot be prepared for upload. Split it into shorter files and import them one by one.'
    )
  })
})
