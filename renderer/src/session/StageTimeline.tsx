import type { SessionStatus, SessionSummary } from '../../../electron/shared/contract.ts'
import { STAGES, stageStates, type StageState } from './stages.ts'

const STATE_TEXT: Record<StageState, string> = {
  complete: 'completed',
  current: 'in progress',
  pending: 'not started',
  failed: 'failed'
}

interface StageTimelineProps {
  status: SessionStatus
  failedStage: SessionSummary['failedStage']
  hasTranscript: boolean
  /** How far transcription is, 0–100, when its provider reports it (on-device); absent otherwise. */
  transcribePercent?: number
}

export function StageTimeline({ status, failedStage, hasTranscript, transcribePercent }: StageTimelineProps) {
  const states = stageStates(status, failedStage, hasTranscript)
  return (
    <ol className="timeline" aria-label="Processing stages" data-testid="stage-timeline" data-status={status} data-failed-stage={failedStage ?? undefined}>
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
              {stage.key === 'transcribing' && state === 'current' && transcribePercent !== undefined && (
                <span className="timeline-percent" data-testid="transcribe-percent">
                  {transcribePercent}%
                </span>
              )}
            </span>
          </li>
        )
      })}
    </ol>
  )
}
