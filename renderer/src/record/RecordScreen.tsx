import { useState } from 'react'
import { useRecorder } from './store.ts'
import { useSessions } from '../sessions/store.ts'
import { useSettings } from '../settings/store.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { formatDuration, plural } from '../ui/format.ts'
import { LevelMeter } from './LevelMeter.tsx'
import { MicPicker } from './MicPicker.tsx'
import { ImportPanel } from './ImportPanel.tsx'
import { PromptPicker } from './PromptPicker.tsx'
import { TodayPractice } from '../practice/TodayPractice.tsx'
import { usePracticeSummary } from '../practice/summaryStore.ts'
import { remainingText } from './limits.ts'
import { announce } from '../shell/announcer.ts'
import { RECORD_SHORTCUT_ARIA, RECORD_SHORTCUT_KEYS } from './shortcut.ts'
import './record.css'

export function RecordScreen() {
  const r = useRecorder()
  // The goal in force: the newest session's, or, after a session too short to set one, the last goal
  // set (practice reads it the way the closed loop does).
  const latestGoal = useSessions((s) => s.latestDone?.focusNext ?? null)
  const practiceGoal = usePracticeSummary((s) => s.today?.focus ?? null)
  const focus = latestGoal ?? practiceGoal
  const maxMinutes = useSettings((s) => s.settings?.maxRecordingMinutes ?? 30)
  const level = useSettings((s) => s.settings?.level ?? 'B1')
  const [confirmDiscard, setConfirmDiscard] = useState(false)

  const live = r.phase === 'recording' || r.phase === 'paused'
  const busy = r.phase === 'starting' || r.phase === 'stopping' || r.phase === 'importing'

  return (
    <div className="screen record-screen">
      <h1 tabIndex={-1}>Record</h1>

      {focus && (
        <section className="focus-banner" aria-labelledby="focus-banner-title" data-testid="current-focus">
          <h2 id="focus-banner-title">Your focus this time</h2>
          <p>{focus.goal}</p>
        </section>
      )}

      <TodayPractice
        disabled={live || busy}
        onUsePrompt={(prompt) => {
          r.setTopic(prompt)
          announce('Prompt set as the topic')
        }}
      />

      <PromptPicker
        level={level}
        disabled={live || busy}
        topic={r.topic}
        onUse={(prompt) => {
          r.setTopic(prompt.text)
          announce('Prompt set as the topic')
        }}
      />

      <section className="card recorder" aria-labelledby="recorder-title" data-testid="recorder" data-phase={r.phase}>
        <h2 id="recorder-title" className="visually-hidden">
          Recorder
        </h2>
        <div className="recorder-options">
          <div className="field">
            <label htmlFor="topic-input">Topic (optional)</label>
            <input
              id="topic-input"
              type="text"
              maxLength={200}
              value={r.topic}
              disabled={live || busy}
              placeholder="e.g. My last holiday"
              onChange={(e) => r.setTopic(e.target.value)}
            />
          </div>
          <MicPicker devices={r.devices} deviceId={r.deviceId} disabled={live || busy} onChange={r.selectDevice} />
        </div>
        {r.deviceNotice && <p className="alert alert-warning">{r.deviceNotice}</p>}

        <div className="recorder-stage">
          <div className="timer" role="timer" aria-label="Recorded time" data-testid="record-timer">
            {formatDuration(r.elapsedMs)}
          </div>
          <p className="recorder-state" data-testid="record-state">
            {phaseText(r.phase)} <span className="muted">· up to {maxMinutes} min</span>
          </p>
          <LevelMeter level={r.level} active={r.phase === 'recording'} />
          <div className="silence-slot">
            {r.silent && r.phase === 'recording' && (
              <p className="alert alert-warning" role="alert" data-testid="silence-warning">
                No sound detected. Check that the right microphone is selected and not muted.
              </p>
            )}
            {r.nearLimit && live && (
              <p className="alert alert-warning" data-testid="limit-warning">
                {remainingText(r.elapsedMs, r.maxMs)}: the recording stops by itself after {plural(maxMinutes, 'minute')} and is then analysed.
              </p>
            )}
          </div>
        </div>

        <div className="btn-row recorder-controls">
          {live || r.phase === 'stopping' ? (
            <button
              type="button"
              className="btn btn-primary btn-large"
              onClick={() => void r.stop()}
              disabled={r.phase === 'stopping'}
              aria-keyshortcuts={RECORD_SHORTCUT_ARIA}
              data-testid="stop-button"
            >
              <span className="rec-dot" aria-hidden="true" /> Stop and analyse <Shortcut />
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-primary btn-large"
              onClick={() => void r.start()}
              disabled={busy}
              aria-keyshortcuts={RECORD_SHORTCUT_ARIA}
              data-testid="start-button"
            >
              {r.phase === 'starting' ? 'Starting…' : 'Start recording'} <Shortcut />
            </button>
          )}
          {r.phase === 'paused' ? (
            <button type="button" className="btn btn-large" onClick={r.resume} data-testid="resume-button">
              Resume
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-large"
              onClick={r.pause}
              disabled={r.phase !== 'recording'}
              data-testid="pause-button"
            >
              Pause
            </button>
          )}
          <button
            type="button"
            className="btn btn-large btn-danger"
            onClick={() => setConfirmDiscard(true)}
            disabled={!live}
            data-testid="discard-button"
          >
            Discard
          </button>
        </div>
        {r.notice && (
          <p className="alert alert-warning" data-testid="record-too-short">
            {r.notice}
          </p>
        )}
        {r.error && (
          <p className="alert alert-error" role="alert" data-testid="record-error">
            {r.error}
          </p>
        )}
      </section>

      <ImportPanel disabled={live || busy} progress={r.importProgress} fileName={r.importName} onFile={(f) => void r.importFile(f)} />

      <ConfirmDialog
        open={confirmDiscard}
        title="Discard this recording?"
        body="The audio recorded so far is deleted and nothing is analysed."
        confirmLabel="Discard recording"
        danger
        onConfirm={() => {
          setConfirmDiscard(false)
          void r.discard()
        }}
        onCancel={() => setConfirmDiscard(false)}
      />
    </div>
  )
}

function Shortcut() {
  return (
    <span className="shortcut" aria-hidden="true">
      {RECORD_SHORTCUT_KEYS.map((k) => (
        <kbd key={k}>{k}</kbd>
      ))}
    </span>
  )
}

function phaseText(phase: string): string {
  switch (phase) {
    case 'starting':
      return 'Opening the microphone…'
    case 'recording':
      return 'Recording'
    case 'paused':
      return 'Paused'
    case 'stopping':
      return 'Saving…'
    case 'importing':
      return 'Importing…'
    default:
      return 'Ready'
  }
}
