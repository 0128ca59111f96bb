import type { LedgerView } from '../../../electron/shared/contract.ts'
import { capitalize, formatBytes } from '../ui/format.ts'

/**
 * One ledger entry as a sentence, without its time: what was sent and to whom, or, for a stage
 * that ran on this computer and for local housekeeping (audio deleted, a recording recovered),
 * that nothing left it.
 */
export function ledgerLine(entry: Pick<LedgerView, 'provider' | 'what' | 'bytes'>): string {
  if (entry.what === 'nothing sent') return `Nothing sent: ${entry.provider} on this computer`
  // A stretch transcribed while recording: "nothing sent (part 2 of the recording)".
  const part = /^nothing sent \((.+)\)$/.exec(entry.what)
  if (part) return `Nothing sent: ${entry.provider} on this computer, ${part[1]}`
  if (entry.provider === 'local') return `${capitalize(entry.what)} on this computer`
  return `${capitalize(entry.what)} sent to ${entry.provider}, ${formatBytes(entry.bytes)}`
}
