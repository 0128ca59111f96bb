import { useState } from 'react'
import { errorMessage } from '../api/client.ts'
import { announce } from '../shell/announcer.ts'
import { TypeToConfirmDialog } from '../ui/TypeToConfirmDialog.tsx'

interface DataControlsProps {
  onExport: () => Promise<string>
  onDeleteAll: () => Promise<void>
}

/** "Export everything" and "Delete everything", the learner's two controls over all their data. */
export function DataControls({ onExport, onDeleteAll }: DataControlsProps) {
  const [exporting, setExporting] = useState(false)
  const [exportError, setExportError] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const [deleteError, setDeleteError] = useState<string | null>(null)

  const exportAll = async () => {
    setExporting(true)
    setExportError(null)
    try {
      announce(`Exported ${await onExport()}`)
    } catch (e) {
      setExportError(errorMessage(e))
    } finally {
      setExporting(false)
    }
  }

  const deleteAll = async () => {
    setDeleting(true)
    setDeleteError(null)
    try {
      // On success the app reloads; nothing after this runs for long.
      await onDeleteAll()
    } catch (e) {
      setDeleteError(errorMessage(e))
      setDeleting(false)
    }
  }

  return (
    <div className="data-controls">
      <h3>Your data</h3>
      <div className="data-action">
        <button type="button" className="btn" onClick={() => void exportAll()} disabled={exporting} aria-describedby="export-all-note" data-testid="export-all-button">
          {exporting ? 'Exporting…' : 'Export everything'}
        </button>
        <p id="export-all-note" className="field-hint">
          One JSON file with every session (transcript, analysis, metrics and privacy ledger), your pattern profile and your settings. API keys are
          never in it: only whether each is set and its last four characters.
        </p>
      </div>
      {exportError && (
        <p className="alert alert-error" role="alert">
          Export failed: {exportError}
        </p>
      )}
      <div className="data-action">
        <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)} aria-describedby="delete-all-note" data-testid="delete-all-button">
          Delete everything…
        </button>
        <p id="delete-all-note" className="field-hint">
          Deletes every session and its audio, your pattern profile, your settings and both API keys from this computer. Speakloop then starts again
          from the welcome screen. Downloaded speech models stay: they hold nothing of yours (delete them under On-device models).
        </p>
      </div>
      <TypeToConfirmDialog
        open={confirming}
        title="Delete everything?"
        body={
          <p>
            Every session, all audio, your pattern profile, your settings and both API keys are deleted from this computer. This cannot be undone;
            export everything first if you want a copy. Downloaded speech models are kept.
          </p>
        }
        word="DELETE"
        confirmLabel="Delete everything"
        busyLabel="Deleting…"
        busy={deleting}
        error={deleteError}
        onConfirm={() => void deleteAll()}
        onCancel={() => {
          setConfirming(false)
          setDeleteError(null)
        }}
        testIdPrefix="delete-all"
      />
    </div>
  )
}
