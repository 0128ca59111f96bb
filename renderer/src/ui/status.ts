import type { SessionStatus } from '../../../electron/shared/contract.ts'

/** Learner-facing names of session states. */
export const STATUS_LABELS: Record<SessionStatus, string> = {
  CREATED: 'Recording',
  UPLOADED: 'Uploaded',
  TRANSCRIBING: 'Transcribing',
  ANALYZING: 'Analysing',
  DONE: 'Done',
  FAILED: 'Failed'
}

/** States in which main is working on a session (CREATED is still being recorded, so it is not "processing"). */
export const PROCESSING_STATUSES: readonly SessionStatus[] = ['UPLOADED', 'TRANSCRIBING', 'ANALYZING']

export function isProcessing(status: SessionStatus): boolean {
  return PROCESSING_STATUSES.includes(status)
}
