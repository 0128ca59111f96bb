import { call, subscribe } from '../api/client.ts'
import type { EraseProgress } from '../../../electron/shared/contract.ts'
import { downloadText } from '../ui/download.ts'

/** Downloads everything the learner owns as one JSON file (main leaves keys out); resolves with its name. */
export async function exportEverything(): Promise<string> {
  const { fileName, json } = await call('data:export', {})
  downloadText(fileName, json, 'application/json')
  return fileName
}

/**
 * Deletes every session, its audio, the profile, the settings and both keys, reporting each
 * step to `onProgress`, then starts the app afresh on Record, where first-run onboarding
 * appears because the settings were reset.
 */
export async function deleteEverything(onProgress: (progress: EraseProgress) => void = () => undefined): Promise<void> {
  const unsubscribe = subscribe('data:deleteProgress', onProgress)
  try {
    await call('data:deleteAll', { confirm: 'DELETE' })
  } finally {
    unsubscribe()
  }
  // Every store holds data that no longer exists; a reload is the one reset that covers them all.
  window.history.replaceState(null, '', '#/record')
  window.location.reload()
}
