import { useState } from 'react'
import { errorMessage } from '../api/client.ts'
import { announce } from '../shell/announcer.ts'
import { TypeToConfirmDialog } from '../ui/TypeToConfirmDialog.tsx'
import type { EraseProgress } from '../../../electron/shared/contract.ts'
import { eraseProgressView } from './eraseProgress.ts'

interface DataControlsProps {
  onExport: () => Promise<string>
  onDeleteAll: (onProgress: (progress: EraseProgress) => void) => Promise<void>
}

/** "Export everything" and "Delete everything", the learner's two controls over all their data. */
export function DataControls({ onExport, onDeleteAll }: DataControlsProps) {
  const [exporting, setExporting] = useState(false)
  const [exportError, setExportError] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const [deleteError, setDeleteError] = useState<string | null>(null)
  const [progress, setProgress] = useState<EraseProgress | null>(null)

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
      await onDeleteAll(setProgress)
    } catch (e) {
      setDeleteError(errorMessage(e))
      setDeleting(false)
      setProgress(null)
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
          Deletes every session and its audio, your pattern profile, your settings, both API keys, the logs and any backup from this computer, and
          rewrites the database so nothing deleted can be read back. Speakloop then starts again from the welcome screen. Downloaded speech models
          stay: they hold nothing of yours (delete them under On-device models).
        </p>
      </div>
      <TypeToConfirmDialog
        open={confirming}
        title="Delete everything?"
        body={
          <>
            <p>
              Every session, all audio, your pattern profile, your settings and both API keys are deleted from this computer, with the logs and any
              backup: the database is then rewritten so nothing deleted can be read back from it. This cannot be undone; export everything first if you
              want a copy. Downloaded speech models are kept.
            </p>
            {deleting && progress && <EraseProgressBar progress={progress} />}
          </>
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

/** "Delete everything" as it goes: a bar and what it is doing, announced politely. */
function EraseProgressBar({ progress }: { progress: EraseProgress }) {
  const { text, percent } = eraseProgressView(progress)
  return (
    <div className="erase-progress" data-testid="delete-all-progress">
      <div className="model-progress" role="progressbar" aria-label="Deleting everything" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={text}>
        <div className="model-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="field-hint" aria-live="polite">
        {text}
      </p>
    </div>
  )
}
