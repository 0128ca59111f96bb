import type { SessionStatus, SessionSummary } from '../../../electron/shared/contract.ts'

export const STAGES = [
  { key: 'uploaded', label: 'Uploaded' },
  { key: 'transcribing', label: 'Transcribing' },
  { key: 'analysing', label: 'Analysing' },
  { key: 'done', label: 'Done' }
] as const

export type StageState = 'complete' | 'current' | 'pending' | 'failed'

/**
 * The state of each stage. A FAILED session fails at the stage main reports in `failedStage`;
 * sessions stored before that field existed fall back to the transcript: without one it failed
 * transcribing, with one it failed analysing.
 */
export function stageStates(status: SessionStatus, failedStage: SessionSummary['failedStage'], hasTranscript: boolean): StageState[] {
  if (status === 'DONE') return STAGES.map(() => 'complete')
  if (status === 'FAILED') {
    const failedAt = failedStage === 'analysis' ? 2 : failedStage === 'transcription' ? 1 : hasTranscript ? 2 : 1
    return STAGES.map((_, i) => (i < failedAt ? 'complete' : i === failedAt ? 'failed' : 'pending'))
  }
  const current = status === 'CREATED' ? 0 : status === 'ANALYZING' ? 2 : 1
  return STAGES.map((_, i) => (i < current ? 'complete' : i === current ? 'current' : 'pending'))
}

/** The heading of the failure panel, naming the stage that failed. */
export function failureTitle(failedStage: SessionSummary['failedStage'], errorMessage: string | null): string {
  if (errorMessage === 'Cancelled.') return 'Processing was cancelled'
  if (failedStage === 'transcription') return 'Transcription failed'
  if (failedStage === 'analysis') return 'Analysis failed'
  return 'Processing failed'
}

/** What a retry will do (or why it cannot), so the learner knows whether the audio is sent again. */
export function retryExplanation(failedStage: SessionSummary['failedStage'], hasTranscript: boolean, audioPresent: boolean): string {
  if (failedStage === 'analysis' || (failedStage === null && hasTranscript)) {
    return 'Your transcript is saved: Retry runs only the analysis again.'
  }
  if (!audioPresent) return 'The audio was deleted after the retention period, so this session cannot be transcribed again.'
  return 'Your audio is kept on this computer until it is transcribed: Retry sends it for transcription again.'
}
