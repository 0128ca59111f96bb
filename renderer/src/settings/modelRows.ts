import type { ModelId, ModelStatus, ModelView } from '../../../electron/shared/contract.ts'

/** What a model row says and offers, from the core's view of it. Pure, so it is unit-tested. */

export type ModelAction = 'download' | 'pause' | 'resume' | 'cancel' | 'verify' | 'delete'

export const ACTION_LABELS: Record<ModelAction, string> = {
  download: 'Download',
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
  verify: 'Verify',
  delete: 'Delete'
}

const STATUS_LABELS: Record<ModelStatus, string> = {
  missing: 'Not downloaded',
  downloading: 'Downloading',
  paused: 'Paused',
  installed: 'Installed',
  corrupt: 'Damaged'
}

/** The row's status in words; a download whose bytes have all arrived is being checked. */
export function statusLabel(model: ModelView): string {
  if (model.status === 'downloading' && model.bytes >= model.sizeBytes) return 'Checking…'
  if (model.status === 'missing' && !model.available) return 'Unavailable'
  return STATUS_LABELS[model.status]
}

/**
 * How much of the model is on this computer, 0-100, or null when there is nothing to show.
 * Rounded down, so 100 means every byte arrived.
 */
export function downloadPercent(model: ModelView): number | null {
  if (model.status === 'installed') return 100
  if (model.status === 'downloading' || model.status === 'paused') return Math.min(100, Math.floor((model.bytes / model.sizeBytes) * 100))
  return null
}

/** A model button's look: the way forward is primary, Delete is dangerous, the rest plain. */
export function actionClass(action: ModelAction): string {
  if (action === 'delete') return 'btn btn-danger'
  return action === 'download' || action === 'resume' ? 'btn btn-primary' : 'btn'
}

/** The row's buttons in order; a disabled one is explained by the model's `blockedReason`. */
export function modelActions(model: ModelView): { action: ModelAction; disabled: boolean }[] {
  const blocked = model.blockedReason !== null
  switch (model.status) {
    case 'missing':
      return [{ action: 'download', disabled: blocked }]
    case 'downloading':
      return [
        { action: 'pause', disabled: false },
        { action: 'cancel', disabled: false }
      ]
    case 'paused':
      return [
        { action: 'resume', disabled: blocked },
        { action: 'cancel', disabled: false }
      ]
    case 'installed':
      // Without a pinned checksum there is nothing to verify against.
      return [
        { action: 'verify', disabled: !model.available },
        { action: 'delete', disabled: false }
      ]
    case 'corrupt':
      return [
        { action: 'download', disabled: blocked },
        { action: 'delete', disabled: false }
      ]
  }
}

export function languagesLabel(model: Pick<ModelView, 'englishOnly'>): string {
  return model.englishOnly ? 'English only' : 'Multilingual'
}

/** The model offered first to a learner of `language`: base is the balanced size, and `.en` is better at English. */
export function recommendedModel(language: string): ModelId {
  return language === 'en' ? 'base.en' : 'base'
}

/**
 * Whether a model that just finished downloading should become the one on-device transcription
 * uses: yes when the current choice is not installed (it could not run) and the new one
 * understands the learner's language. A working choice is never replaced behind the learner's back.
 */
export function shouldUseInstalled(installed: ModelView, current: ModelView | undefined, language: string): boolean {
  return installed.status === 'installed' && current?.status !== 'installed' && usableFor(installed, language)
}

/**
 * After the model in use was deleted, the installed one to use instead: the most accurate (the
 * largest) that understands the learner's language, or null when none is left.
 */
export function replacementFor(models: readonly ModelView[], deleted: ModelId, language: string): ModelId | null {
  const left = models.filter((m) => m.id !== deleted && m.status === 'installed' && usableFor(m, language))
  return left.sort((a, b) => b.sizeBytes - a.sizeBytes)[0]?.id ?? null
}

/** `.en` models transcribe English only. */
export function usableFor(model: Pick<ModelView, 'englishOnly'>, language: string): boolean {
  return !model.englishOnly || language === 'en'
}

/** Decimal units, as the core's disk and memory messages and file managers use them. */
export function formatModelBytes(bytes: number): string {
  const MB = 1000 * 1000
  if (bytes >= 1000 * MB) return `${(bytes / (1000 * MB)).toFixed(1)} GB`
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`
  return `${Math.max(1, Math.round(bytes / 1000))} KB`
}

/** `2.4 MB/s`, or null before the first measurement. */
export function formatRate(bytesPerSecond: number | null): string | null {
  if (!bytesPerSecond || bytesPerSecond <= 0) return null
  return `${formatModelBytes(bytesPerSecond)}/s`
}

/** Keeps the newer of two views of one model (an answer and a pushed event may cross). */
export function newer(current: ModelView | undefined, incoming: ModelView): ModelView {
  return current && current.revision > incoming.revision ? current : incoming
}
