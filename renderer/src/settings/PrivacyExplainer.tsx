/** One screen on what is sent where. Each line is a promise the core keeps (DOMAIN.md, "Privacy promises"). */
export function PrivacyExplainer({ provider }: { provider: 'claude' | 'on-device' }) {
  return (
    <div className="privacy" data-testid="privacy-explainer">
      <ul className="privacy-list">
        <li>
          <strong>Audio → OpenAI</strong>, for transcription only. It is sent when you finish a recording.
        </li>
        <li>
          {provider === 'claude' ? (
            <>
              <strong>Transcript → Anthropic</strong> (Claude), for the analysis. Audio never goes to Anthropic.
            </>
          ) : (
            <>
              <strong>Nothing is sent for analysis</strong>: on-device analysis runs on this computer.
            </>
          )}
        </li>
        <li>
          <strong>Audio is deleted</strong> as soon as its transcript is saved. If transcription fails, it is kept so you can retry, for the
          retention period you set, then deleted.
        </li>
        <li>
          <strong>Your API keys stay in the main process</strong>, encrypted by your operating system. This window only ever sees whether a key is
          set and its last four characters.
        </li>
        <li>
          <strong>No telemetry.</strong> Each session's privacy ledger lists exactly what left this computer, to whom, when and how many bytes.
        </li>
      </ul>
    </div>
  )
}
