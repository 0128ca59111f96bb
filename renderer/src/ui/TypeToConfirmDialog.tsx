import { useEffect, useId, useRef, useState, type ReactNode } from 'react'

interface TypeToConfirmDialogProps {
  open: boolean
  title: string
  body: ReactNode
  /** The word the learner must type before the confirm button is enabled. */
  word: string
  confirmLabel: string
  busyLabel: string
  busy: boolean
  error: string | null
  onConfirm: () => void
  onCancel: () => void
  /** Test ids: `${testIdPrefix}-dialog`, `-input`, `-confirm` and `-cancel`. */
  testIdPrefix: string
}

/**
 * A native modal <dialog> for what cannot be undone: the confirm button stays disabled until the
 * word is typed. Escape and Cancel close it (not while busy); focus goes back to what opened it.
 */
export function TypeToConfirmDialog({ open, title, body, word, confirmLabel, busyLabel, busy, error, onConfirm, onCancel, testIdPrefix }: TypeToConfirmDialogProps) {
  const id = useId()
  const ref = useRef<HTMLDialogElement>(null)
  const input = useRef<HTMLInputElement>(null)
  const returnFocus = useRef<HTMLElement | null>(null)
  const [typed, setTyped] = useState('')
  const matches = typed.trim() === word

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
      dialog.showModal()
      input.current?.focus()
    }
    if (!open && dialog.open) {
      dialog.close()
      returnFocus.current?.focus()
    }
  }, [open])

  const cancel = () => {
    if (busy) return
    setTyped('')
    onCancel()
  }

  return (
    <dialog
      ref={ref}
      className="type-confirm"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-testid={`${testIdPrefix}-dialog`}
      onCancel={(e) => {
        e.preventDefault()
        cancel()
      }}
      // The browser may close a modal itself (a repeated Escape); keep the open prop in step.
      onClose={() => {
        if (open) cancel()
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{body}</div>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (matches && !busy) onConfirm()
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-input`}>
            Type <strong>{word}</strong> to confirm
          </label>
          <input
            ref={input}
            id={`${id}-input`}
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={typed}
            readOnly={busy}
            onChange={(e) => setTyped(e.target.value)}
            data-testid={`${testIdPrefix}-input`}
          />
        </div>
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        <div className="btn-row">
          <button type="submit" className="btn btn-danger" disabled={!matches || busy} aria-busy={busy} data-testid={`${testIdPrefix}-confirm`}>
            {busy ? busyLabel : confirmLabel}
          </button>
          <button type="button" className="btn" onClick={cancel} disabled={busy} data-testid={`${testIdPrefix}-cancel`}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  )
}
