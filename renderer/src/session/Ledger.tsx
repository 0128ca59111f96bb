import type { SessionDetail } from '../../../electron/shared/contract.ts'
import { formatTime, formatDate } from '../ui/format.ts'
import { ledgerLine } from './ledgerLine.ts'
import { analysisInfo } from './analysisInfo.ts'

/** The privacy ledger: what left this computer, to whom, when, and whether the audio still exists. */
export function Ledger({ detail }: { detail: SessionDetail }) {
  const info = analysisInfo(detail)
  return (
    <section className="card" aria-labelledby="ledger-title" data-testid="privacy-ledger">
      <h2 id="ledger-title">Privacy ledger</h2>
      <ul className="ledger">
        {detail.ledger.length === 0 && <li data-testid="ledger-entry">Nothing has left this computer for this session.</li>}
        {detail.ledger.map((entry, i) => (
          <li key={i} data-testid="ledger-entry">
            {ledgerLine(entry)}, at{' '}
            <time dateTime={entry.at} title={formatDate(entry.at)}>
              {formatTime(entry.at)}
            </time>
          </li>
        ))}
        <li data-testid="ledger-audio" data-audio-present={detail.audioPresent}>
          {detail.audioPresent
            ? detail.status === 'FAILED'
              ? 'Audio kept on this computer so you can retry; it is deleted after the retention period.'
              : 'Audio stored on this computer until its transcript is saved.'
            : 'Audio deleted'}
        </li>
      </ul>
      {info && (
        <p className="muted ledger-model" data-testid="analysis-info" data-on-device={info.onDevice}>
          {info.text}
        </p>
      )}
    </section>
  )
}
