import { describe, expect, it } from 'vitest'
import type { ModelView } from '../../../electron/shared/contract.ts'
import { actionClass, downloadPercent, formatModelBytes, modelActions, newer, recommendedModel, replacementFor, shouldUseInstalled, statusLabel, usableFor } from '../../../renderer/src/settings/modelRows.ts'

const base: ModelView = {
  id: 'base',
  sizeBytes: 1000,
  ramBytes: 388_000_000,
  speed: 'Fast',
  englishOnly: false,
  status: 'missing',
  bytes: 0,
  bytesPerSecond: null,
  available: true,
  blockedReason: null,
  error: null,
  revision: 1
}
const view = (patch: Partial<ModelView>): ModelView => ({ ...base, ...patch })
const actions = (patch: Partial<ModelView>) => modelActions(view(patch)).map((a) => `${a.action}${a.disabled ? ' (disabled)' : ''}`)

describe('model rows', () => {
  it('offers Download for a missing model, disabled with its reason when it is not pinned or does not fit', () => {
    expect(actions({})).toEqual(['download'])
    expect(actions({ available: false, blockedReason: 'Not available in this build (checksum not pinned yet).' })).toEqual(['download (disabled)'])
    expect(statusLabel(view({ available: false, blockedReason: 'x' }))).toBe('Unavailable')
  })

  it('offers Pause and Cancel while downloading, Resume and Cancel when paused, Verify and Delete when installed', () => {
    expect(actions({ status: 'downloading', bytes: 10 })).toEqual(['pause', 'cancel'])
    expect(actions({ status: 'paused', bytes: 10 })).toEqual(['resume', 'cancel'])
    expect(actions({ status: 'paused', bytes: 10, blockedReason: 'Needs 600 MB of free disk space; 10 MB is free.' })).toEqual(['resume (disabled)', 'cancel'])
    expect(actions({ status: 'installed', bytes: 1000 })).toEqual(['verify', 'delete'])
    expect(actions({ status: 'corrupt', bytes: 5 })).toEqual(['download', 'delete'])
  })

  it('shows 100% only when every byte arrived, then says the download is being checked', () => {
    expect(downloadPercent(view({}))).toBeNull()
    expect(downloadPercent(view({ status: 'downloading', bytes: 999 }))).toBe(99)
    expect(downloadPercent(view({ status: 'paused', bytes: 420 }))).toBe(42)
    expect(statusLabel(view({ status: 'downloading', bytes: 999 }))).toBe('Downloading')
    expect(statusLabel(view({ status: 'downloading', bytes: 1000 }))).toBe('Checking…')
    expect(downloadPercent(view({ status: 'installed', bytes: 1000 }))).toBe(100)
    expect(downloadPercent(view({ status: 'corrupt', bytes: 1000 }))).toBeNull()
  })

  it('keeps the newer view when an answer arrives after a pushed event', () => {
    const installed = view({ status: 'installed', revision: 7 })
    const lateAnswer = view({ status: 'downloading', revision: 5 })
    expect(newer(installed, lateAnswer)).toBe(installed)
    expect(newer(lateAnswer, installed)).toBe(installed)
    expect(newer(undefined, lateAnswer)).toBe(lateAnswer)
  })

  it('offers .en models only for English, and writes sizes in decimal units like the core', () => {
    expect(usableFor({ englishOnly: true }, 'en')).toBe(true)
    expect(usableFor({ englishOnly: true }, 'es')).toBe(false)
    expect(usableFor({ englishOnly: false }, 'es')).toBe(true)
    expect(formatModelBytes(147_951_465)).toBe('148 MB')
    expect(formatModelBytes(2_273_000_000)).toBe('2.3 GB')
    expect(formatModelBytes(262_144)).toBe('262 KB')
  })

  it('recommends base.en to a learner of English and the multilingual base to everyone else', () => {
    expect(recommendedModel('en')).toBe('base.en')
    expect(recommendedModel('es')).toBe('base')
    expect(usableFor({ englishOnly: recommendedModel('de').endsWith('.en') }, 'de')).toBe(true)
  })

  it('switches on-device transcription to a newly installed model only when the current choice cannot run', () => {
    const installed = view({ id: 'small', status: 'installed' })
    expect(shouldUseInstalled(installed, view({ status: 'missing' }), 'en')).toBe(true)
    expect(shouldUseInstalled(installed, view({ status: 'corrupt' }), 'en')).toBe(true)
    expect(shouldUseInstalled(installed, undefined, 'en')).toBe(true)
    // A working choice stays; a model that is not installed yet, or cannot understand the language, is not chosen.
    expect(shouldUseInstalled(installed, view({ status: 'installed' }), 'en')).toBe(false)
    expect(shouldUseInstalled(view({ id: 'small', status: 'downloading' }), view({ status: 'missing' }), 'en')).toBe(false)
    expect(shouldUseInstalled(view({ id: 'small.en', englishOnly: true, status: 'installed' }), view({ status: 'missing' }), 'es')).toBe(false)
  })

  it('replaces a deleted model in use with the most accurate installed one the learner can use, or none', () => {
    const models = [
      view({ id: 'tiny', sizeBytes: 77, status: 'missing' }),
      view({ id: 'base', sizeBytes: 148, status: 'installed' }),
      view({ id: 'small', sizeBytes: 488, status: 'downloading' }),
      view({ id: 'small.en', sizeBytes: 489, englishOnly: true, status: 'installed' })
    ]
    expect(replacementFor(models, 'tiny', 'en')).toBe('small.en')
    expect(replacementFor(models, 'tiny', 'es')).toBe('base')
    expect(replacementFor(models, 'base', 'es')).toBeNull()
  })

  it('styles the way forward as primary and Delete as dangerous, in Settings and in first-run setup alike', () => {
    expect(actionClass('download')).toBe('btn btn-primary')
    expect(actionClass('resume')).toBe('btn btn-primary')
    expect(actionClass('delete')).toBe('btn btn-danger')
    expect(actionClass('pause')).toBe('btn')
  })
})
