import type { Sql } from '../db/sql.ts'
import type { AudioStore } from '../audio/audioStore.ts'
import { addLedgerEntry, deleteTranscribedAudio } from '../pipeline/stages.ts'
import { enqueue } from '../pipeline/jobQueue.ts'
import { deleteTranscribedStretchAudio, registerStretch } from '../pipeline/stretches.ts'
import { recoverStretches } from '../audio/stretches.ts'

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
  await deleteTranscribedStretchAudio({ sql, audio, now })
  await expireFailedAudio(sql, audio, now, retentionDays)

  await recoverInterruptedRecordings(sql, audio, now)
  const keep = await sql.read((q) =>
    q.all<{ audioPath: string }>(
      `SELECT "audioPath" FROM "Session" WHERE "audioPath" IS NOT NULL
        UNION SELECT "audioPath" FROM "Stretch" WHERE "audioPath" IS NOT NULL
        UNION SELECT "audioPath" FROM "DrillAttempt" WHERE "audioPath" IS NOT NULL`
    )
  )
  await audio.sweep(new Set(keep.map((s) => s.audioPath)))
}

/** Deletes the audio of sessions that failed more than `retentionDays` ago (also run hourly while the app is open). */
export async function expireFailedAudio(sql: Sql, audio: AudioStore, now: () => Date, retentionDays: number): Promise<void> {
  const cutoff = new Date(now().getTime() - retentionDays * DAY_MS)
  const expired = await sql.read((q) =>
    q
      .all<{ id: string; audioPath: string | null; stretchPaths: string }>(
        `SELECT s."id", s."audioPath",
            (SELECT json_group_array(r."audioPath") FROM "Stretch" r WHERE r."sessionId" = s."id" AND r."audioPath" IS NOT NULL) AS "stretchPaths"
          FROM "Session" s
          WHERE s."status" = 'FAILED' AND s."updatedAt" < ?
            AND (s."audioPath" IS NOT NULL OR EXISTS (SELECT 1 FROM "Stretch" r WHERE r."sessionId" = s."id" AND r."audioPath" IS NOT NULL))`,
        cutoff
      )
      .map((row) => ({ ...row, stretchPaths: JSON.parse(row.stretchPaths) as string[] }))
  )
  const hint = `The audio was deleted after ${retentionDays} days, so this session cannot be retried.`
  for (const session of expired) {
    await audio.remove(session.audioPath)
    for (const stretch of session.stretchPaths) await audio.remove(stretch)
    const at = now()
    await sql.write((q) => {
      q.run(`UPDATE "Session" SET "audioPath" = NULL, "audioDeletedAt" = ?, "errorHint" = ?, "updatedAt" = ? WHERE "id" = ?`, at, hint, at, session.id)
      q.run(`UPDATE "Stretch" SET "audioPath" = NULL WHERE "sessionId" = ?`, session.id)
      addLedgerEntry(q, session.id, 'local', `audio deleted after ${retentionDays} days`, 0, at)
    })
  }
}

/**
 * Sessions still recording when the app stopped: what reached the disk is a valid start of the
 * recording (MediaRecorder streams playable WebM), so it is kept and queued for transcription
 * rather than thrown away; a recording with no audio at all ends FAILED. A recording made in
 * stretches keeps the stretches already transcribed, and its unfinished part becomes the last one.
 */
async function recoverInterruptedRecordings(sql: Sql, audio: AudioStore, now: () => Date): Promise<void> {
  const interrupted = await sql.read((q) => q.all<{ id: string; audioMime: string | null }>(`SELECT "id", "audioMime" FROM "Session" WHERE "status" = 'CREATED'`))
  for (const session of interrupted) {
    const stretches = await recoverStretches(audio.dir, session.id)
    const kept = stretches.length > 0 ? null : await audio.adoptPart(session.id, session.audioMime ?? 'audio/webm')
    const at = now()
    await sql.write((q) => {
      for (const stretch of stretches) registerStretch(q, session.id, stretch, at, { queue: false })
      const stretched = q.get(`SELECT 1 FROM "Stretch" WHERE "sessionId" = ?`, session.id) !== undefined
      if (!kept && !stretched) {
        q.run(
          `UPDATE "Session" SET "status" = 'FAILED', "errorMessage" = 'The recording was interrupted before any audio was saved.',
              "errorHint" = 'Record the session again.', "updatedAt" = ? WHERE "id" = ?`,
          at, session.id
        )
        return
      }
      const bytes = kept?.bytes ?? stretches.reduce((sum, s) => sum + s.bytes, 0)
      q.run(`UPDATE "Session" SET "status" = 'UPLOADED', "audioPath" = ?, "audioBytes" = ?, "updatedAt" = ? WHERE "id" = ?`, kept?.path ?? null, bytes, at, session.id)
      addLedgerEntry(q, session.id, 'local', 'recording recovered after an interruption', bytes, at)
      enqueue(q, session.id, 'transcribe', at)
    })
  }
}
