import type { AnalysisProvider, TranscriptionProvider } from '../../../electron/shared/contract.ts'

/** One screen on what is sent where. Each line is a promise the core keeps (DOMAIN.md, "Privacy promises"). */
export function PrivacyExplainer({ transcription, analysis }: { transcription: TranscriptionProvider; analysis: AnalysisProvider }) {
  return (
    <div className="privacy" data-testid="privacy-explainer">
      <ul className="privacy-list">
        <li>
          {transcription === 'openai' && (
            <>
              <strong>Audio → OpenAI</strong>, for transcription only. It is sent when you finish a recording.
            </>
          )}
          {transcription === 'on-device' && (
            <>
              <strong>Audio stays on this computer</strong>: it is transcribed here, with the model you downloaded.
            </>
          )}
          {transcription === 'auto' && (
            <>
              <strong>Audio → OpenAI</strong>, for transcription only, while an OpenAI key is set. Without one, your audio is transcribed on this
              computer and never sent.
            </>
          )}
        </li>
        <li>
          {analysis === 'claude' && (
            <>
              <strong>Transcript → Anthropic</strong> (Claude), for the analysis. Audio never goes to Anthropic.
            </>
          )}
          {analysis === 'on-device' && (
            <>
              <strong>Nothing is sent for analysis</strong>: on-device analysis runs on this computer.
            </>
          )}
          {analysis === 'auto' && (
            <>
              <strong>Transcript → Anthropic</strong> (Claude), for the analysis, while an Anthropic key is set. Without one, the analysis runs on
              this computer and nothing is sent. Audio never goes to Anthropic.
            </>
          )}
        </li>
        <li>
          <strong>Model downloads</strong> fetch a speech model from Hugging Face over HTTPS; nothing of yours is sent with them.
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
