import type { EraseProgress } from '../../../electron/shared/contract.ts'

/** What "delete everything" is doing, in words, and how far it is (0-100). */
export function eraseProgressView(progress: EraseProgress): { text: string; percent: number } {
  // Deleting sessions is most of the work; removing files and compacting the database the rest.
  const share = progress.total === 0 ? 1 : progress.done / progress.total
  switch (progress.phase) {
    case 'sessions':
      return { text: `Deleting sessions: ${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')}`, percent: Math.round(share * 80) }
    case 'files':
      return { text: 'Deleting audio, logs and backups…', percent: 85 }
    case 'compact':
      return { text: 'Overwriting the database so nothing deleted can be read back…', percent: 90 }
    case 'done':
      return { text: 'Everything is deleted.', percent: 100 }
  }
}
