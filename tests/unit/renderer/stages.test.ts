import { describe, it, expect } from 'vitest'
import { failureTitle, retryExplanation, stageStates } from '../../../renderer/src/session/stages.ts'

describe('stageStates', () => {
  it('follows a session through processing', () => {
    expect(stageStates('CREATED', null, false)).toEqual(['current', 'pending', 'pending', 'pending'])
    expect(stageStates('UPLOADED', null, false)).toEqual(['complete', 'current', 'pending', 'pending'])
    expect(stageStates('TRANSCRIBING', null, false)).toEqual(['complete', 'current', 'pending', 'pending'])
    expect(stageStates('ANALYZING', null, true)).toEqual(['complete', 'complete', 'current', 'pending'])
    expect(stageStates('DONE', null, true)).toEqual(['complete', 'complete', 'complete', 'complete'])
  })

  it('marks the stage main reports as failed', () => {
    expect(stageStates('FAILED', 'transcription', false)).toEqual(['complete', 'failed', 'pending', 'pending'])
    expect(stageStates('FAILED', 'analysis', true)).toEqual(['complete', 'complete', 'failed', 'pending'])
  })

  it('believes failedStage over the transcript', () => {
    expect(stageStates('FAILED', 'transcription', true)).toEqual(['complete', 'failed', 'pending', 'pending'])
    expect(stageStates('FAILED', 'analysis', false)).toEqual(['complete', 'complete', 'failed', 'pending'])
  })

  it('falls back to the transcript when failedStage is unknown', () => {
    expect(stageStates('FAILED', null, false)[1]).toBe('failed')
    expect(stageStates('FAILED', null, true)[2]).toBe('failed')
  })
})

describe('failure texts', () => {
  it('names the failed stage, and a cancellation as such', () => {
    expect(failureTitle('transcription', 'Your OpenAI key was rejected.')).toBe('Transcription failed')
    expect(failureTitle('analysis', 'Overloaded')).toBe('Analysis failed')
    expect(failureTitle('transcription', 'Cancelled.')).toBe('Processing was cancelled')
    expect(failureTitle(null, null)).toBe('Processing failed')
  })

  it('says what Retry will do', () => {
    expect(retryExplanation('analysis', true, false)).toMatch(/transcript is saved/)
    expect(retryExplanation('transcription', false, true)).toMatch(/sends it for transcription again/)
    expect(retryExplanation('transcription', false, false)).toMatch(/cannot be transcribed again/)
  })
})
