import type { Sql } from '../db/sql.ts'
import type { AudioStore } from '../audio/audioStore.ts'
import { addLedgerEntry, deleteTranscribedAudio } from '../pipeline/stages.ts'
import { enqueue } from '../pipeline/jobQueue.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Start-up repair of the audio promise: audio exists only until its transcript is committed
 * (a crash between commit and delete is finished here), a failed session keeps its audio for
 * at most `retentionDays`, a recording cut short by a crash is kept and processed, and orphaned
 * files are removed.
 */
export async function sweepAudio(sql: Sql, audio: AudioStore, now: () => Date, retentionDays: number): Promise<void> {
  const transcribed = await sql.read((q) =>
    q.all<{ id: string }>(
      `SELECT s."id" FROM "Session" s WHERE s."audioPath" IS NOT NULL AND EXISTS (SELECT 1 FROM "Transcript" t WHERE t."sessionId" = s."id")`
    )
  )
  for (const { id } of transcribed) await deleteTranscribedAudio({ sql, audio, now }, id)
  await expireFailedAudio(sql, audio, now, retentionDays)

  await recoverInterruptedRecordings(sql, audio, now)
  const keep = await sql.read((q) =>
    q.all<{ audioPath: string }>(
      `SELECT "audioPath" FROM "Session" WHERE "audioPath" IS NOT NULL
        UNION SELECT "audioPath" FROM "DrillAttempt" WHERE "audioPath" IS NOT NULL`
    )
  )
  await audio.sweep(new Set(keep.map((s) => s.audioPath)))
}

/** Deletes the audio of sessions that failed more than `retentionDays` ago (also run hourly while the app is open). */
export async function expireFailedAudio(sql: Sql, audio: AudioStore, now: () => Date, retentionDays: number): Promise<void> {
  const cutoff = new Date(now().getTime() - retentionDays * DAY_MS)
  const expired = await sql.read((q) =>
    q.all<{ id: string; audioPath: string }>(
      `SELECT "id", "audioPath" FROM "Session" WHERE "status" = 'FAILED' AND "audioPath" IS NOT NULL AND "updatedAt" < ?`,
      cutoff
    )
  )
  const hint = `The audio was deleted after ${retentionDays} days, so this session cannot be retried.`
  for (const session of expired) {
    await audio.remove(session.audioPath)
    const at = now()
    await sql.write((q) => {
      q.run(`UPDATE "Session" SET "audioPath" = NULL, "audioDeletedAt" = ?, "errorHint" = ?, "updatedAt" = ? WHERE "id" = ?`, at, hint, at, session.id)
      addLedgerEntry(q, session.id, 'local', `audio deleted after ${retentionDays} days`, 0, at)
    })
  }
}

/**
 * Sessions still recording when the app stopped: what reached the disk is a valid start of the
 * recording (MediaRecorder streams playable WebM), so it is kept and queued for transcription
 * rather than thrown away; a recording with no audio at all ends FAILED.
 */
async function recoverInterruptedRecordings(sql: Sql, audio: AudioStore, now: () => Date): Promise<void> {
  const interrupted = await sql.read((q) => q.all<{ id: string; audioMime: string | null }>(`SELECT "id", "audioMime" FROM "Session" WHERE "status" = 'CREATED'`))
  for (const session of interrupted) {
    const kept = await audio.adoptPart(session.id, session.audioMime ?? 'audio/webm')
    const at = now()
    await sql.write((q) => {
      if (!kept) {
        q.run(
          `UPDATE "Session" SET "status" = 'FAILED', "errorMessage" = 'The recording was interrupted before any audio was saved.',
              "errorHint" = 'Record the session again.', "updatedAt" = ? WHERE "id" = ?`,
          at, session.id
        )
        return
      }
      q.run(`UPDATE "Session" SET "status" = 'UPLOADED', "audioPath" = ?, "audioBytes" = ?, "updatedAt" = ? WHERE "id" = ?`, kept.path, kept.bytes, at, session.id)
      addLedgerEntry(q, session.id, 'local', 'recording recovered after an interruption', kept.bytes, at)
      enqueue(q, session.id, 'transcribe', at)
    })
  }
}
