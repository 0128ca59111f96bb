import { randomUUID } from 'node:crypto'
import type { Db } from '../db/client.ts'
import type { AudioStore } from '../audio/audioStore.ts'
import { deleteTranscribedAudio } from '../pipeline/stages.ts'
import { enqueue } from '../pipeline/jobQueue.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Start-up repair of the audio promise: audio exists only until its transcript is committed
 * (a crash between commit and delete is finished here), a failed session keeps its audio for
 * at most `retentionDays`, a recording cut short by a crash is kept and processed, and orphaned
 * files are removed.
 */
export async function sweepAudio(db: Db, audio: AudioStore, now: () => Date, retentionDays: number): Promise<void> {
  const transcribed = await db.session.findMany({
    where: { audioPath: { not: null }, transcript: { isNot: null } },
    select: { id: true }
  })
  for (const { id } of transcribed) await deleteTranscribedAudio({ db, audio, now }, id)
  await expireFailedAudio(db, audio, now, retentionDays)

  await recoverInterruptedRecordings(db, audio, now)
  const keep = await db.session.findMany({ where: { audioPath: { not: null } }, select: { audioPath: true } })
  await audio.sweep(new Set(keep.map((s) => s.audioPath!)))
}

/** Deletes the audio of sessions that failed more than `retentionDays` ago (also run hourly while the app is open). */
export async function expireFailedAudio(db: Db, audio: AudioStore, now: () => Date, retentionDays: number): Promise<void> {
  const cutoff = new Date(now().getTime() - retentionDays * DAY_MS)
  const expired = await db.session.findMany({
    where: { status: 'FAILED', audioPath: { not: null }, updatedAt: { lt: cutoff } },
    select: { id: true, audioPath: true }
  })
  for (const session of expired) {
    await audio.remove(session.audioPath)
    await db.$transaction((tx) =>
      tx.session.update({
        where: { id: session.id },
        data: { audioPath: null, audioDeletedAt: now(), errorHint: `The audio was deleted after ${retentionDays} days, so this session cannot be retried.` }
      })
    )
  }
}

/**
 * Sessions still recording when the app stopped: what reached the disk is a valid start of the
 * recording (MediaRecorder streams playable WebM), so it is kept and queued for transcription
 * rather than thrown away; a recording with no audio at all ends FAILED.
 */
async function recoverInterruptedRecordings(db: Db, audio: AudioStore, now: () => Date): Promise<void> {
  const interrupted = await db.session.findMany({ where: { status: 'CREATED' }, select: { id: true, audioMime: true } })
  for (const session of interrupted) {
    const kept = await audio.adoptPart(session.id, session.audioMime ?? 'audio/webm')
    await db.$transaction(async (tx) => {
      if (!kept) {
        await tx.session.update({
          where: { id: session.id },
          data: { status: 'FAILED', errorMessage: 'The recording was interrupted before any audio was saved.', errorHint: 'Record the session again.' }
        })
        return
      }
      await tx.session.update({ where: { id: session.id }, data: { status: 'UPLOADED', audioPath: kept.path, audioBytes: kept.bytes } })
      await tx.ledgerEntry.create({
        data: { id: randomUUID(), sessionId: session.id, provider: 'local', what: 'recording recovered after an interruption', bytes: kept.bytes, at: now() }
      })
      await enqueue(tx, session.id, 'transcribe', now())
    })
  }
}
