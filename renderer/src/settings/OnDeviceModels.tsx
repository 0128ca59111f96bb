import { useEffect, useState } from 'react'
import type { ModelId, ModelView, PublicSettings, SettingsPatch } from '../../../electron/shared/contract.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { Skeleton } from '../ui/States.tsx'
import { SelectSetting } from './fields.tsx'
import { ModelProgress } from './ModelProgress.tsx'
import { useModels } from './modelsStore.ts'
import {
  ACTION_LABELS,
  actionClass,
  formatModelBytes,
  formatRate,
  languagesLabel,
  modelActions,
  statusLabel,
  usableFor,
  type ModelAction
} from './modelRows.ts'

interface OnDeviceModelsProps {
  settings: Pick<PublicSettings, 'language' | 'localModel' | 'transcriptionProvider'>
  save: (patch: SettingsPatch) => Promise<unknown>
}

/** Settings' model manager: the on-device speech models, their downloads, and which one is used. */
export function OnDeviceModels({ settings, save }: OnDeviceModelsProps) {
  const { models, machine, error, checks, busy, load, run } = useModels()
  const [confirming, setConfirming] = useState<ModelView | null>(null)

  useEffect(() => {
    void load()
  }, [load])

  const selected = models?.find((m) => m.id === settings.localModel)
  const act = (model: ModelView, action: ModelAction) => {
    if (action === 'delete') setConfirming(model)
    else void run(action, model.id).then(() => keepFocusIn(model.id))
  }

  return (
    <section className="card settings-section" aria-labelledby="s-models" data-testid="model-manager">
      <h2 id="s-models">On-device models</h2>
      <p className="field-hint">
        Speech models for transcribing on this computer (whisper.cpp). Each is downloaded once over HTTPS from the address built into Speakloop and
        checked against its built-in checksum; nothing of yours is sent. After that, on-device transcription needs no network.
      </p>
      {machine && (
        <p className="muted" data-testid="model-machine">
          This computer: {formatModelBytes(machine.totalMemBytes)} of memory, {formatModelBytes(machine.freeDiskBytes)} of free disk space.
        </p>
      )}
      {error && (
        <p className="alert alert-error" role="alert" data-testid="model-manager-error">
          {error}
        </p>
      )}
      {models === null ? (
        !error && <Skeleton lines={3} />
      ) : (
        <div className="model-table-wrap">
          <table className="model-table">
            <caption className="visually-hidden">On-device speech models</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col" className="num">
                  Memory
                </th>
                <th scope="col">Speed and accuracy</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {models.map((model) => (
                <ModelRow
                  key={model.id}
                  model={model}
                  inUse={model.id === settings.localModel}
                  busy={busy[model.id] === true}
                  check={checks[model.id]}
                  onAction={(action) => act(model, action)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {models && (
        <div className="settings-grid">
          <SelectSetting
            field="localModel"
            label="Model for on-device transcription"
            value={settings.localModel}
            save={save}
            options={models
              .filter((m) => usableFor(m, settings.language))
              .map((m) => ({ value: m.id, label: `${m.id} – ${languagesLabel(m).toLowerCase()}, ${formatModelBytes(m.sizeBytes)}${m.status === 'installed' ? '' : ' (not downloaded)'}` }))}
            hint={settings.language === 'en' ? 'Models ending in .en only understand English.' : 'Models ending in .en only understand English, so they are not offered.'}
          />
        </div>
      )}
      {selected && settings.transcriptionProvider !== 'openai' && selected.status !== 'installed' && (
        <p className="alert alert-warning" data-testid="model-not-installed">
          When transcription runs on this computer it uses the {selected.id} model, which is not downloaded yet.
        </p>
      )}
      {selected && !usableFor(selected, settings.language) && (
        <p className="alert alert-warning">The {selected.id} model only understands English: choose a multilingual model for your language.</p>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={`Delete the ${confirming?.id ?? ''} model?`}
        body={`Its ${formatModelBytes(confirming?.bytes ?? 0)} file is removed from this computer. You can download it again later.`}
        confirmLabel="Delete model"
        danger
        onConfirm={() => {
          if (confirming) {
            const id = confirming.id
            void run('delete', id).then(() => keepFocusIn(id))
          }
          setConfirming(null)
        }}
        onCancel={() => setConfirming(null)}
      />
    </section>
  )
}

/**
 * An action swaps the row's buttons (Pause becomes Resume, Delete becomes Download), which drops
 * keyboard focus on the page body: put it back on the row's first button, or the row's name.
 */
function keepFocusIn(id: ModelId): void {
  const active = document.activeElement
  if (active && active !== document.body && active.isConnected) return
  const row = document.getElementById(rowId(id))
  const target = row?.querySelector<HTMLElement>('button:not(:disabled)') ?? row?.querySelector<HTMLElement>('th')
  target?.focus()
}

const rowId = (id: ModelId) => `model-row-${id.replace('.', '-')}`

interface ModelRowProps {
  model: ModelView
  inUse: boolean
  busy: boolean
  check: { ok: boolean; message: string } | undefined
  onAction: (action: ModelAction) => void
}

function ModelRow({ model, inUse, busy, check, onAction }: ModelRowProps) {
  const id: ModelId = model.id
  const rate = model.status === 'downloading' ? formatRate(model.bytesPerSecond) : null
  const showBlocked = model.blockedReason !== null && model.status !== 'installed' && model.status !== 'downloading'
  const blockedId = `model-blocked-${id}`
  return (
    <tr id={rowId(id)} data-testid={`model-row-${id}`} data-status={model.status}>
      <th scope="row" tabIndex={-1}>
        <span className="model-name">{id}</span>
        {inUse && <span className="badge badge-in-use">In use</span>}
        <span className="model-languages">{languagesLabel(model)}</span>
      </th>
      <td className="num">{formatModelBytes(model.sizeBytes)}</td>
      <td className="num">{formatModelBytes(model.ramBytes)}</td>
      <td className="model-speed">{model.speed}</td>
      <td className="model-status">
        <span className={`badge badge-model-${model.status}`} data-testid={`model-status-${id}`}>
          {statusLabel(model)}
        </span>
        <ModelProgress model={model} testId={`model-progress-${id}`} />
        {(model.status === 'downloading' || model.status === 'paused') && (
          <span className="field-hint">
            {formatModelBytes(model.bytes)} of {formatModelBytes(model.sizeBytes)}
            {rate && ` · ${rate}`}
          </span>
        )}
        {showBlocked && (
          <span id={blockedId} className="field-hint" data-testid={`model-blocked-${id}`}>
            {model.blockedReason}
          </span>
        )}
        {model.error && (
          <span className="field-error" role="alert" data-testid={`model-error-${id}`}>
            {model.error}
          </span>
        )}
        {check && (
          <span className={check.ok ? 'field-hint model-check-ok' : 'field-error'} role="status" data-testid={`model-check-${id}`}>
            {check.message}
          </span>
        )}
      </td>
      <td>
        <div className="model-actions">
          {modelActions(model).map(({ action, disabled }) => (
            <button
              key={action}
              type="button"
              className={actionClass(action)}
              disabled={disabled || busy}
              aria-label={`${ACTION_LABELS[action]} ${id}`}
              aria-describedby={disabled && showBlocked ? blockedId : undefined}
              onClick={() => onAction(action)}
              data-testid={`model-${action}-${id}`}
            >
              {ACTION_LABELS[action]}
            </button>
          ))}
        </div>
      </td>
    </tr>
  )
}
