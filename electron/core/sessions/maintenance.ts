import type { Db } from '../db/client.ts'
import type { AudioStore } from '../audio/audioStore.ts'
import { deleteTranscribedAudio } from '../pipeline/stages.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Start-up repair of the audio promise: audio exists only until its transcript is committed
 * (a crash between commit and delete is finished here), a failed session keeps its audio for
 * at most `retentionDays`, and orphaned or partial files are removed.
 */
export async function sweepAudio(db: Db, audio: AudioStore, now: () => Date, retentionDays: number): Promise<void> {
  const transcribed = await db.session.findMany({
    where: { audioPath: { not: null }, transcript: { isNot: null } },
    select: { id: true }
  })
  for (const { id } of transcribed) await deleteTranscribedAudio({ db, audio, now }, id)
  await expireFailedAudio(db, audio, now, retentionDays)

  // Sessions still being recorded when the app stopped can never be finished: their partial audio is gone below.
  await db.$transaction((tx) =>
    tx.session.updateMany({
      where: { status: 'CREATED' },
      data: { status: 'FAILED', errorMessage: 'The recording was interrupted before it was finished.', errorHint: 'Record the session again.' }
    })
  )
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
