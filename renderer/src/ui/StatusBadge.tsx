import type { SessionStatus } from '../../../electron/shared/contract.ts'
import { STATUS_LABELS, isProcessing } from './status.ts'

export function StatusBadge({ status }: { status: SessionStatus }) {
  return (
    <span className={`badge badge-${status}`} data-testid="status-badge" data-status={status}>
      {isProcessing(status) && <span className="spinner" aria-hidden="true" />}
      {STATUS_LABELS[status]}
    </span>
  )
}
