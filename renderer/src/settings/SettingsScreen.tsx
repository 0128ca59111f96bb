import { LEVELS } from '../../../electron/shared/contract.ts'
import { useSettings } from './store.ts'
import { CheckboxSetting, InputSetting, RadioSetting, SelectSetting } from './fields.tsx'
import { KeyField } from './KeyField.tsx'
import { PrivacyExplainer } from './PrivacyExplainer.tsx'
import { DataControls } from './DataControls.tsx'
import { OnDeviceModels } from './OnDeviceModels.tsx'
import { deleteEverything, exportEverything } from './userData.ts'
import {
  ANALYSIS_MODEL_SUGGESTIONS,
  ANALYSIS_PROVIDER_OPTIONS,
  FIRST_LANGUAGE_SUGGESTIONS,
  LANGUAGES,
  LEVEL_DESCRIPTIONS,
  TRANSCRIPTION_MODEL_SUGGESTIONS,
  TRANSCRIPTION_PROVIDER_OPTIONS
} from './options.ts'
import { MicTest } from '../record/MicTest.tsx'
import './settings.css'

export const KEY_USAGE = {
  openai: 'Needed for OpenAI transcription: your audio is sent to OpenAI.',
  anthropic: 'Needed for Claude analysis: your transcript is sent to Anthropic.'
}

export function SettingsScreen() {
  const { settings, update, setKey, keyTests, testKey } = useSettings()
  if (!settings) return null
  return (
    <div className="screen settings-screen">
      <h1 tabIndex={-1}>Settings</h1>

      <section className="card settings-section" aria-labelledby="s-learning">
        <h2 id="s-learning">Learning</h2>
        <div className="settings-grid">
          <SelectSetting field="language" label="Language you are learning" value={settings.language} save={update} options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))} />
          <InputSetting field="firstLanguage" label="Your first language" value={settings.firstLanguage} save={update} suggestions={FIRST_LANGUAGE_SUGGESTIONS} hint="Helps explain errors that come from your first language." />
          <SelectSetting field="level" label="Level" value={settings.level} save={update} options={LEVELS.map((l) => ({ value: l, label: LEVEL_DESCRIPTIONS[l] }))} />
        </div>
      </section>

      <section className="card settings-section" aria-labelledby="s-analysis">
        <h2 id="s-analysis">Transcription and analysis</h2>
        <RadioSetting
          field="transcriptionProvider"
          label="Transcription"
          value={settings.transcriptionProvider}
          save={update}
          options={TRANSCRIPTION_PROVIDER_OPTIONS}
        />
        <RadioSetting field="analysisProvider" label="Analysis" value={settings.analysisProvider} save={update} options={ANALYSIS_PROVIDER_OPTIONS} />
        <div className="settings-grid">
          <InputSetting field="analysisModel" label="Analysis model" value={settings.analysisModel} save={update} suggestions={ANALYSIS_MODEL_SUGGESTIONS} />
          <InputSetting
            field="transcriptionModel"
            label="Transcription model"
            value={settings.transcriptionModel}
            save={update}
            suggestions={TRANSCRIPTION_MODEL_SUGGESTIONS}
            hint="For OpenAI transcription. whisper-1 gives word timings; without them pause metrics are unavailable."
          />
        </div>
      </section>

      <OnDeviceModels settings={settings} save={update} />

      <section className="card settings-section" aria-labelledby="s-keys">
        <h2 id="s-keys">API keys</h2>
        <div className="settings-grid">
          <KeyField provider="openai" label="OpenAI API key" usage={KEY_USAGE.openai} status={settings.openaiKey} onSave={setKey} test={keyTests.openai} onTest={testKey} />
          <KeyField
            provider="anthropic"
            label="Anthropic API key"
            usage={KEY_USAGE.anthropic}
            status={settings.anthropicKey}
            onSave={setKey}
            test={keyTests.anthropic}
            onTest={testKey}
          />
        </div>
        <p className="field-hint">Test connection asks the provider to list its models with the stored key. No audio or text is sent.</p>
      </section>

      <section className="card settings-section" aria-labelledby="s-privacy">
        <h2 id="s-privacy">Privacy: what is sent where</h2>
        <PrivacyExplainer transcription={settings.transcriptionProvider} analysis={settings.analysisProvider} />
        <div className="settings-grid">
          <InputSetting field="retentionDays" label="Keep audio of failed sessions for (days)" type="number" min={1} max={365} value={settings.retentionDays} save={update} />
        </div>
        <DataControls onExport={exportEverything} onDeleteAll={deleteEverything} />
      </section>

      <section className="card settings-section" aria-labelledby="s-recording">
        <h2 id="s-recording">Recording</h2>
        <div className="settings-grid">
          <InputSetting field="maxRecordingMinutes" label="Maximum recording length (minutes)" type="number" min={1} max={120} value={settings.maxRecordingMinutes} save={update} />
          <CheckboxSetting
            field="transcribeWhileRecording"
            label="Transcribe while recording"
            value={settings.transcribeWhileRecording}
            save={update}
            hint="Feedback comes seconds after you stop. Each finished stretch goes to the same transcription provider (about every 30 seconds on this computer, every 3 minutes to OpenAI) and its audio is deleted once transcribed. Off: everything waits for Stop."
          />
        </div>
        <h3>Microphone test</h3>
        <MicTest />
      </section>

      <section className="card settings-section" aria-labelledby="s-appearance">
        <h2 id="s-appearance">Appearance</h2>
        <RadioSetting
          field="theme"
          label="Theme"
          value={settings.theme}
          save={update}
          options={[
            { value: 'system', label: 'System' },
            { value: 'light', label: 'Light' },
            { value: 'dark', label: 'Dark' }
          ]}
        />
      </section>
    </div>
  )
}
