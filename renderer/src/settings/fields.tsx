import { useState, type ReactNode } from 'react'
import { settingsPatchSchema, type SettingsPatch } from '../../../electron/shared/contract.ts'
import { errorMessage } from '../api/client.ts'
import { announce } from '../shell/announcer.ts'

type Key = keyof SettingsPatch
type Save = (patch: SettingsPatch) => Promise<unknown>

/** Validates one field with the contract's own schema, so the renderer and main agree on limits. */
export function validate(key: Key, value: unknown): string | null {
  const result = settingsPatchSchema.safeParse({ [key]: value })
  return result.success ? null : (result.error.issues[0]?.message ?? 'Invalid value')
}

async function commit(save: Save, key: Key, value: unknown, label: string, setError: (e: string | null) => void) {
  const problem = validate(key, value)
  if (problem) {
    setError(problem)
    return
  }
  setError(null)
  try {
    await save({ [key]: value } as SettingsPatch)
    announce(`${label} saved`)
  } catch (e) {
    setError(errorMessage(e))
  }
}

interface FieldProps<V> {
  field: Key
  label: string
  value: V
  save: Save
  hint?: ReactNode
}

/** A select that saves as soon as it changes. */
export function SelectSetting({ field, label, value, save, hint, options }: FieldProps<string> & { options: { value: string; label: string }[] }) {
  const [error, setError] = useState<string | null>(null)
  const id = `setting-${field}`
  const all = options.some((o) => o.value === value) ? options : [{ value, label: value }, ...options]
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => void commit(save, field, e.target.value, label, setError)} data-testid={id}>
        {all.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldNotes hint={hint} error={error} />
    </div>
  )
}

/** A text or number input that saves on blur or Enter, once valid; typing never saves half a value. */
export function InputSetting({
  field,
  label,
  value,
  save,
  hint,
  type = 'text',
  suggestions,
  min,
  max
}: FieldProps<string | number> & { type?: 'text' | 'number'; suggestions?: string[]; min?: number; max?: number }) {
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const id = `setting-${field}`
  const shown = draft ?? String(value)
  const submit = () => {
    if (draft === null || draft === String(value)) return
    const parsed = type === 'number' ? Number(draft) : draft.trim()
    void commit(save, field, parsed, label, setError).then(() => setDraft(null))
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={shown}
        min={min}
        max={max}
        list={suggestions ? `${id}-list` : undefined}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={submit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') submit()
        }}
        data-testid={id}
      />
      {suggestions && (
        <datalist id={`${id}-list`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {hint && <span className="field-hint">{hint}</span>}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}

/** Radio cards that save on change. */
export function RadioSetting({ field, label, value, save, options }: FieldProps<string> & { options: { value: string; label: string; hint?: string }[] }) {
  const [error, setError] = useState<string | null>(null)
  return (
    <fieldset className="field" data-testid={`setting-${field}`}>
      <legend>{label}</legend>
      <div className="radio-row">
        {options.map((o) => (
          <label key={o.value} className="radio-card">
            <input
              type="radio"
              name={`setting-${field}`}
              value={o.value}
              checked={value === o.value}
              onChange={() => void commit(save, field, o.value, label, setError)}
            />
            <span>
              <strong>{o.label}</strong>
              {o.hint && <span className="field-hint radio-hint">{o.hint}</span>}
            </span>
          </label>
        ))}
      </div>
      <FieldNotes error={error} />
    </fieldset>
  )
}

/** A checkbox that saves as soon as it changes. */
export function CheckboxSetting({ field, label, value, save, hint }: FieldProps<boolean>) {
  const [error, setError] = useState<string | null>(null)
  const id = `setting-${field}`
  return (
    <div className="field field-check">
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={value} onChange={(e) => void commit(save, field, e.target.checked, label, setError)} data-testid={id} />
        {label}
      </label>
      <FieldNotes hint={hint} error={error} />
    </div>
  )
}

/** A field's hint and its validation error, announced when it appears. */
function FieldNotes({ hint, error }: { hint?: ReactNode; error: string | null }) {
  return (
    <>
      {hint && <span className="field-hint">{hint}</span>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  )
}
