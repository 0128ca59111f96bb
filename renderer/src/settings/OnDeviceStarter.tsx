import { useEffect, useState } from 'react'
import type { SettingsPatch } from '../../../electron/shared/contract.ts'
import { errorMessage } from '../api/client.ts'
import { Skeleton } from '../ui/States.tsx'
import { useModels } from './modelsStore.ts'
import { ModelProgress } from './ModelProgress.tsx'
import { ACTION_LABELS, actionClass, formatModelBytes, modelActions, recommendedModel, statusLabel } from './modelRows.ts'

interface OnDeviceStarterProps {
  language: string
  save: (patch: SettingsPatch) => Promise<unknown>
}

/**
 * Onboarding's way to run without any key: one button downloads the model recommended for the
 * learner's language and makes it the one on-device transcription uses. Settings' model manager
 * has the whole catalog; this offers only the first step.
 */
export function OnDeviceStarter({ language, save }: OnDeviceStarterProps) {
  const { models, error, busy, load, run } = useModels()
  const [saveError, setSaveError] = useState<string | null>(null)

  useEffect(() => {
    void load()
  }, [load])

  const id = recommendedModel(language)
  const model = models?.find((m) => m.id === id)

  const download = async () => {
    setSaveError(null)
    try {
      await save({ localModel: id })
    } catch (e) {
      setSaveError(errorMessage(e))
      return
    }
    await run('download', id)
  }

  // Verify and Delete belong to Settings; here a model is either on its way or ready.
  const actions = model ? modelActions(model).filter(({ action }) => action !== 'verify' && action !== 'delete') : []
  const problem = saveError ?? model?.error ?? error
  return (
    <section className="on-device-starter" aria-labelledby="ob-on-device" data-testid="on-device-starter">
      <h3 id="ob-on-device">No OpenAI key? Transcribe on this computer</h3>
      {!model ? (
        !error && <Skeleton lines={2} />
      ) : (
        <>
          <p className="field-hint">
            Download the {id} speech model once ({formatModelBytes(model.sizeBytes)}, needs {formatModelBytes(model.ramBytes)} of memory). Recordings
            are then transcribed here and the audio is never sent; with on-device analysis too, nothing you say leaves this computer.
          </p>
          <div className="on-device-starter-row">
            <span className={`badge badge-model-${model.status}`} data-testid="on-device-starter-status">
              {statusLabel(model)}
            </span>
            <ModelProgress model={model} />
            {actions.map(({ action, disabled }) => (
              <button
                key={action}
                type="button"
                className={actionClass(action)}
                disabled={disabled || busy[id] === true}
                onClick={() => void (action === 'download' ? download() : run(action, id))}
                data-testid={`on-device-starter-${action}`}
              >
                {action === 'download' ? `Download the ${id} model` : ACTION_LABELS[action]}
              </button>
            ))}
          </div>
          {model.status === 'installed' && (
            <p className="field-hint" data-testid="on-device-starter-ready">
              Ready: without an OpenAI key, recordings are transcribed with it. Other models are in Settings, On-device models.
            </p>
          )}
          {model.blockedReason && model.status === 'missing' && <p className="field-hint">{model.blockedReason}</p>}
        </>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  )
}
