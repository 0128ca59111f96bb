import { createRequire } from 'node:module'
import { platformPackage } from '../../../electron/core/localModels/whisperBinding.ts'

/** Whether this platform's whisper.cpp addon is installed: the tests of the real path run only then. */
export function whisperAddonInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve(`${platformPackage()}/index.node`)
    return true
  } catch {
    return false
  }
}
