import type { SessionStatus } from '../../../electron/shared/contract.ts'

const STAGES = [
  { key: 'uploaded', label: 'Uploaded' },
  { key: 'transcribing', label: 'Transcribing' },
  { key: 'analysing', label: 'Analysing' },
  { key: 'done', label: 'Done' }
] as const

type StageState = 'complete' | 'current' | 'pending' | 'failed'

/**
 * The state of each stage. A FAILED session does not say where it failed, so the transcript
 * decides: without one it failed transcribing, with one it failed analysing.
 */
export function stageStates(status: SessionStatus, hasTranscript: boolean): StageState[] {
  if (status === 'DONE') return STAGES.map(() => 'complete')
  if (status === 'FAILED') {
    const failedAt = hasTranscript ? 2 : 1
    return STAGES.map((_, i) => (i < failedAt ? 'complete' : i === failedAt ? 'failed' : 'pending'))
  }
  const current = status === 'CREATED' ? 0 : status === 'ANALYZING' ? 2 : 1
  return STAGES.map((_, i) => (i < current ? 'complete' : i === current ? 'current' : 'pending'))
}

const STATE_TEXT: Record<StageState, string> = {
  complete: 'completed',
  current: 'in progress',
  pending: 'not started',
  failed: 'failed'
}

export function StageTimeline({ status, hasTranscript }: { status: SessionStatus; hasTranscript: boolean }) {
  const states = stageStates(status, hasTranscript)
  return (
    <ol className="timeline" aria-label="Processing stages" data-testid="stage-timeline" data-status={status}>
      {STAGES.map((stage, i) => {
        const state = states[i]!
        return (
          <li
            key={stage.key}
            className={`timeline-step timeline-${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
            data-testid={`stage-${stage.key}`}
            data-state={state}
          >
            <span className="timeline-dot" aria-hidden="true">
              {state === 'complete' ? '✓' : state === 'failed' ? '!' : state === 'current' ? <span className="spinner" /> : i + 1}
            </span>
            <span className="timeline-label">
              {stage.label}
              <span className="visually-hidden">, {STATE_TEXT[state]}</span>
            </span>
          </li>
        )
      })}
    </ol>
  )
}
