import { useEffect, useRef, useState } from 'react'
import { LEVELS, type AnalysisProvider, type Level, type SettingsPatch } from '../../../electron/shared/contract.ts'
import { errorMessage } from '../api/client.ts'
import { useSettings } from './store.ts'
import { KeyField } from './KeyField.tsx'
import { PrivacyExplainer } from './PrivacyExplainer.tsx'
import { ANALYSIS_PROVIDER_OPTIONS, FIRST_LANGUAGE_SUGGESTIONS, LANGUAGES, LEVEL_DESCRIPTIONS } from './options.ts'
import { KEY_USAGE } from './SettingsScreen.tsx'
import { MicTest } from '../record/MicTest.tsx'
import { useModels } from './modelsStore.ts'
import { OnDeviceStarter } from './OnDeviceStarter.tsx'
import './settings.css'

const STEPS = ['Welcome', 'Your languages', 'Keys or on-device', 'Microphone', 'Ready'] as const

/** First run: language, first language, level, keys or on-device, a mic test; ends with onboarded: true. */
export function Onboarding() {
  const { settings, update, setKey } = useSettings()
  const [step, setStep] = useState(0)
  const [language, setLanguage] = useState(settings?.language ?? 'en')
  const [firstLanguage, setFirstLanguage] = useState(settings?.firstLanguage ?? '')
  const [level, setLevel] = useState<Level>(settings?.level ?? 'B1')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)
  const firstRender = useRef(true)
  const localModel = useModels((s) => s.models?.find((m) => m.id === settings?.localModel))

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    heading.current?.focus()
  }, [step])

  if (!settings) return null

  const save = async (patch: SettingsPatch, next: number) => {
    setBusy(true)
    setError(null)
    try {
      await update(patch)
      setStep(next)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const next = () => {
    if (step === 1) void save({ language, firstLanguage: firstLanguage.trim(), level }, 2)
    else if (step === STEPS.length - 1) void save({ onboarded: true }, step)
    else setStep(step + 1)
  }

  // Automatic uses Claude once a key is set, so the key field is offered for it too.
  const claude = settings.analysisProvider !== 'on-device'
  return (
    <main className="onboarding" data-testid="onboarding" data-step={step}>
      <div className="card onboarding-card">
        <h1>Welcome to Speakloop</h1>
        <ol className="onboarding-steps" aria-label={`Step ${step + 1} of ${STEPS.length}`}>
          {STEPS.map((s, i) => (
            <li key={s} data-done={i <= step} aria-current={i === step ? 'step' : undefined}>
              <span className="visually-hidden">{s}</span>
            </li>
          ))}
        </ol>
        <section className="onboarding-body" aria-labelledby="onboarding-step-title">
          <h2 id="onboarding-step-title" ref={heading} tabIndex={-1}>
            {STEPS[step]}
          </h2>
          {step === 0 && (
            <>
              <p>
                Speak for a few minutes about anything. Speakloop transcribes it, finds the patterns that keep coming back in your speech, shows
                them with your own words, and gives you one goal for next time.
              </p>
              <p>Setup takes a minute: your languages, how the analysis runs, and a microphone check.</p>
            </>
          )}
          {step === 1 && (
            <>
              <div className="field">
                <label htmlFor="ob-language">Language you are learning</label>
                <select id="ob-language" value={language} onChange={(e) => setLanguage(e.target.value)} data-testid="onboarding-language">
                  {LANGUAGES.map((l) => (
                    <option key={l.code} value={l.code}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="ob-first">Your first language</label>
                <input
                  id="ob-first"
                  type="text"
                  maxLength={32}
                  list="ob-first-list"
                  value={firstLanguage}
                  onChange={(e) => setFirstLanguage(e.target.value)}
                  data-testid="onboarding-first-language"
                />
                <datalist id="ob-first-list">
                  {FIRST_LANGUAGE_SUGGESTIONS.map((s) => (
                    <option key={s} value={s} />
                  ))}
                </datalist>
              </div>
              <div className="field">
                <label htmlFor="ob-level">Level</label>
                <select id="ob-level" value={level} onChange={(e) => setLevel(e.target.value as Level)} data-testid="onboarding-level">
                  {LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {LEVEL_DESCRIPTIONS[l]}
                    </option>
                  ))}
                </select>
              </div>
            </>
          )}
          {step === 2 && (
            <>
              <fieldset className="field">
                <legend>How should your speech be analysed?</legend>
                <div className="radio-row">
                  {ANALYSIS_PROVIDER_OPTIONS.map((o) => (
                    <label key={o.value} className="radio-card">
                      <input
                        type="radio"
                        name="ob-provider"
                        value={o.value}
                        checked={settings.analysisProvider === o.value}
                        onChange={() => void update({ analysisProvider: o.value as AnalysisProvider }).catch((e) => setError(errorMessage(e)))}
                      />
                      <span>
                        <strong>{o.label}</strong>
                        <span className="field-hint radio-hint">{o.hint}</span>
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
              <KeyField provider="openai" label="OpenAI API key" usage={KEY_USAGE.openai} status={settings.openaiKey} onSave={setKey} />
              {claude && (
                <KeyField provider="anthropic" label="Anthropic API key" usage={KEY_USAGE.anthropic} status={settings.anthropicKey} onSave={setKey} />
              )}
              <OnDeviceStarter language={settings.language} save={update} />
              <details>
                <summary>What is sent where</summary>
                <PrivacyExplainer transcription={settings.transcriptionProvider} analysis={settings.analysisProvider} />
              </details>
            </>
          )}
          {step === 3 && <MicTest />}
          {step === 4 && (
            <>
              <p>You are set. Press Start recording, or use the keyboard shortcut, and talk for two or three minutes.</p>
              {settings.transcriptionProvider === 'openai' && !settings.openaiKey.set && (
                <p className="alert alert-warning">No OpenAI key yet: recordings will wait until you add one in Settings.</p>
              )}
              {settings.transcriptionProvider === 'auto' && !settings.openaiKey.set && localModel?.status === 'installed' && (
                <p className="alert alert-info" data-testid="onboarding-on-device-ready">
                  No OpenAI key: recordings will be transcribed on this computer with the {localModel.id} model, and the audio is never sent.
                </p>
              )}
              {settings.transcriptionProvider === 'auto' && !settings.openaiKey.set && localModel?.status !== 'installed' && (
                <p className="alert alert-warning">
                  No OpenAI key: recordings will be transcribed on this computer, which needs a speech model. Download one in the “Keys or on-device” step or
                  in Settings, On-device models{localModel?.status === 'downloading' ? ' (the download is still running)' : ''}.
                </p>
              )}
              {settings.analysisProvider === 'claude' && !settings.anthropicKey.set && (
                <p className="alert alert-warning">No Anthropic key yet: add one in Settings, or switch to on-device analysis.</p>
              )}
            </>
          )}
          {error && (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          )}
        </section>
        <div className="onboarding-nav">
          <div className="btn-row">
            {step > 0 && (
              <button type="button" className="btn" onClick={() => setStep(step - 1)} disabled={busy}>
                Back
              </button>
            )}
            {step < STEPS.length - 1 && (
              <button type="button" className="btn btn-quiet" onClick={() => void save({ onboarded: true }, step)} disabled={busy} data-testid="onboarding-skip">
                Skip setup
              </button>
            )}
          </div>
          <button type="button" className="btn btn-primary" onClick={next} disabled={busy} data-testid="onboarding-next">
            {step === STEPS.length - 1 ? 'Start using Speakloop' : 'Continue'}
          </button>
        </div>
      </div>
    </main>
  )
}
