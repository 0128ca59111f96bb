import { useRef, useState, type DragEvent } from 'react'
import { IMPORT_ACCEPT, type ImportProgress } from './importAudio.ts'

interface ImportPanelProps {
  disabled: boolean
  progress: ImportProgress | null
  fileName: string | null
  onFile: (file: File) => void
}

/** "Import audio file": a file input and a drop zone for WAV, MP3, M4A, OGG and WebM. */
export function ImportPanel({ disabled, progress, fileName, onFile }: ImportPanelProps) {
  const input = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setDragging(false)
    const file = e.dataTransfer.files[0]
    if (file && !disabled) onFile(file)
  }

  return (
    <section className="card import-panel" aria-labelledby="import-title">
      <h2 id="import-title">Import audio file</h2>
      <div
        className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
        data-testid="import-drop-zone"
        onDragOver={(e) => {
          e.preventDefault()
          if (!disabled) setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        {progress === null ? (
          <>
            <p>Drop a WAV, MP3, M4A, OGG or WebM file here, or</p>
            <input
              ref={input}
              id="import-input"
              type="file"
              accept={IMPORT_ACCEPT}
              className="visually-hidden"
              // The visible button opens it; one tab stop, not an invisible second one.
              tabIndex={-1}
              aria-label="Audio file to import"
              disabled={disabled}
              data-testid="import-input"
              onChange={(e) => {
                const file = e.target.files?.[0]
                e.target.value = ''
                if (file) onFile(file)
              }}
            />
            <button type="button" className="btn" disabled={disabled} onClick={() => input.current?.click()}>
              Choose a file…
            </button>
          </>
        ) : (
          <div className="import-progress" data-stage={progress.stage}>
            <label htmlFor="import-progress" data-testid="import-progress-label">
              {progressLabel(progress, fileName)}
            </label>
            {/* Without a value the bar is indeterminate: decoding cannot report how far it is. */}
            <progress id="import-progress" max={1} value={progress.share ?? undefined} data-testid="import-progress" />
          </div>
        )}
      </div>
    </section>
  )
}

function progressLabel(progress: ImportProgress, fileName: string | null): string {
  const percent = progress.share === null ? null : `${Math.round(progress.share * 100)}%`
  if (progress.stage === 'preparing') return `Preparing audio… ${percent ?? 'decoding'}`
  return `Importing ${fileName ?? 'the file'}…${percent ? ` ${percent}` : ''}`
}
