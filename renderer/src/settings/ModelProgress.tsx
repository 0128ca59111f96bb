import type { ModelView } from '../../../electron/shared/contract.ts'
import { downloadPercent, formatModelBytes } from './modelRows.ts'

/** How much of a model is on this computer, as a progress bar; nothing while there is nothing to show. */
export function ModelProgress({ model, testId }: { model: ModelView; testId?: string }) {
  const percent = downloadPercent(model)
  if (percent === null) return null
  return (
    <div
      className="model-progress"
      role="progressbar"
      aria-label={`${model.id} download`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}% of ${formatModelBytes(model.sizeBytes)}`}
      data-testid={testId}
    >
      <div className="model-progress-fill" style={{ width: `${percent}%` }} />
    </div>
  )
}
