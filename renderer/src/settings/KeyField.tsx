import { useId, useState } from 'react'
import type { KeyStatus } from '../../../electron/shared/contract.ts'
import { errorMessage } from '../api/client.ts'
import { announce } from '../shell/announcer.ts'
import type { KeyTest } from './keyTests.ts'

interface KeyFieldProps {
  provider: 'openai' | 'anthropic'
  label: string
  usage: string
  status: KeyStatus
  onSave: (provider: 'openai' | 'anthropic', key: string | null) => Promise<unknown>
  /** With both, a "Test connection" button checks the stored key and shows the answer. */
  test?: KeyTest
  onTest?: (provider: 'openai' | 'anthropic') => void
}

/** Sets, replaces, removes or tests an API key. The key goes to main once and never comes back. */
export function KeyField({ provider, label, usage, status, onSave, test, onTest }: KeyFieldProps) {
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
      {test && onTest && <KeyTestControl provider={provider} available={status.set && !busy} test={test} onTest={onTest} />}
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

interface KeyTestControlProps {
  provider: 'openai' | 'anthropic'
  /** A key is stored and not being replaced right now (a test then would check an unknown key). */
  available: boolean
  test: KeyTest
  onTest: (provider: 'openai' | 'anthropic') => void
}

/** The test button and its result; the result sits in a live region so it is read out when it arrives. */
function KeyTestControl({ provider, available, test, onTest }: KeyTestControlProps) {
  const testing = test.state === 'testing'
  const done = test.state === 'done' ? test : null
  return (
    <div className="key-test">
      <button
        type="button"
        className="btn"
        // Stays focusable while testing (aria-disabled), so keyboard focus is not lost mid-test.
        disabled={!available}
        aria-disabled={testing || undefined}
        aria-busy={testing || undefined}
        onClick={() => {
          if (!testing) onTest(provider)
        }}
        data-testid={`key-test-${provider}`}
      >
        {testing && <span className="spinner" aria-hidden="true" />}
        {testing ? 'Testing…' : 'Test connection'}
      </button>
      <div role="status" className="key-test-result" data-ok={done ? done.ok : undefined} data-testid={`key-test-result-${provider}`}>
        {done && <span className={done.ok ? 'key-test-message key-test-ok' : 'key-test-message key-test-failed'}>{done.message}</span>}
      </div>
    </div>
  )
}
