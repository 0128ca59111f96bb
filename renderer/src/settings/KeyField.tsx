import { useId, useState } from 'react'
import type { KeyStatus } from '../../../electron/shared/contract.ts'
import { errorMessage } from '../api/client.ts'
import { announce } from '../shell/announcer.ts'

interface KeyFieldProps {
  provider: 'openai' | 'anthropic'
  label: string
  usage: string
  status: KeyStatus
  onSave: (provider: 'openai' | 'anthropic', key: string | null) => Promise<unknown>
}

/** Sets, replaces or removes an API key. The key goes to main once and never comes back. */
export function KeyField({ provider, label, usage, status, onSave }: KeyFieldProps) {
  const id = useId()
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const save = async (key: string | null) => {
    setBusy(true)
    setError(null)
    try {
      await onSave(provider, key)
      setValue('')
      announce(key === null ? `${label} removed` : `${label} saved`)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const tooShort = value.trim().length > 0 && value.trim().length < 8
  return (
    <fieldset className="key-field" data-testid={`key-${provider}`}>
      <legend>{label}</legend>
      <p className="field-hint">{usage}</p>
      <p className="key-status" data-testid={`key-status-${provider}`} data-set={status.set}>
        {status.set ? (
          <>
            <span className="badge badge-DONE">Set</span> ends in <code>{status.last4}</code>
          </>
        ) : (
          <span className="badge">Not set</span>
        )}
      </p>
      <form
        className="key-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (value.trim().length >= 8) void save(value.trim())
        }}
      >
        <div className="field">
          <label htmlFor={id}>{status.set ? 'Replace key' : 'Key'}</label>
          <input
            id={id}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={tooShort || error !== null}
            aria-describedby={error || tooShort ? `${id}-error` : undefined}
            data-testid={`key-input-${provider}`}
          />
          {(error || tooShort) && (
            <span id={`${id}-error`} className="field-error">
              {error ?? 'A key is at least 8 characters.'}
            </span>
          )}
        </div>
        <div className="btn-row">
          <button type="submit" className="btn btn-primary" disabled={busy || value.trim().length < 8} data-testid={`key-save-${provider}`}>
            {status.set ? 'Replace' : 'Save key'}
          </button>
          {status.set && (
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void save(null)} data-testid={`key-remove-${provider}`}>
              Remove
            </button>
          )}
        </div>
      </form>
    </fieldset>
  )
}
