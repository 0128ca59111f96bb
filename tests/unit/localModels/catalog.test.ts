import { describe, expect, it } from 'vitest'
import {
  DISK_HEADROOM_BYTES,
  findModel,
  MEMORY_HEADROOM_BYTES,
  modelFits,
  MODELS,
  modelsForLanguage
} from '../../../electron/core/localModels/catalog.ts'

const GB = 1000 * 1000 * 1000

describe('model catalog', () => {
  it('offers exactly tiny, base and small, each multilingual and English-only', () => {
    expect(MODELS.map((m) => m.id)).toEqual(['tiny', 'tiny.en', 'base', 'base.en', 'small', 'small.en'])
    for (const model of MODELS) expect(model.englishOnly).toBe(model.id.endsWith('.en'))
  })

  it('downloads only from the official whisper.cpp repository over HTTPS, at one fixed revision, under the upstream file name', () => {
    for (const model of MODELS) {
      expect(model.fileName).toBe(`ggml-${model.id}.bin`)
      expect(model.url).toMatch(/^https:\/\/huggingface\.co\/ggerganov\/whisper\.cpp\/resolve\/[0-9a-f]{40}\//)
      expect(model.url.endsWith(`/${model.fileName}`)).toBe(true)
    }
    expect(new Set(MODELS.map((m) => new URL(m.url).pathname.split('/')[4])).size).toBe(1)
  })

  it('pins an exact size and a SHA-256 for every model, each its own', () => {
    for (const model of MODELS) {
      expect(Number.isInteger(model.sizeBytes)).toBe(true)
      expect(model.sizeBytes).toBeGreaterThan(70_000_000)
      expect(model.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(model.upstreamSha1).toMatch(/^[0-9a-f]{40}$/)
    }
    for (const key of ['sha256', 'upstreamSha1', 'sizeBytes'] as const) expect(new Set(MODELS.map((m) => m[key])).size).toBe(MODELS.length)
  })

  it('orders memory needs tiny < base < small', () => {
    const ram = (id: string) => findModel(id)!.ramBytes
    expect(ram('tiny')).toBeLessThan(ram('base'))
    expect(ram('base')).toBeLessThan(ram('small'))
  })

  it('offers .en models only to learners of English', () => {
    expect(modelsForLanguage('en')).toHaveLength(6)
    expect(modelsForLanguage('es').map((m) => m.id)).toEqual(['tiny', 'base', 'small'])
  })

  it('finds nothing for an id that is not offered', () => {
    expect(findModel('large-v3')).toBeUndefined()
  })
})

describe('modelFits', () => {
  const small = findModel('small')!

  it('fits when disk and memory leave the headroom', () => {
    expect(modelFits({ freeDiskBytes: small.sizeBytes + DISK_HEADROOM_BYTES, totalMemBytes: small.ramBytes + MEMORY_HEADROOM_BYTES }, small)).toEqual({
      fits: true
    })
  })

  it('says how much disk space is missing', () => {
    const result = modelFits({ freeDiskBytes: small.sizeBytes, totalMemBytes: 16 * GB }, small)
    expect(result).toEqual({ fits: false, reasons: ['Needs 988 MB of free disk space; 488 MB is free.'] })
  })

  it('refuses a computer without the memory for the model and the app', () => {
    const result = modelFits({ freeDiskBytes: 100 * GB, totalMemBytes: 2 * GB }, small)
    expect(result.fits).toBe(false)
    expect(!result.fits && result.reasons).toEqual(['Needs a computer with at least 2.9 GB of memory; this one has 2.0 GB.'])
  })

  it('reports both problems at once', () => {
    const result = modelFits({ freeDiskBytes: 0, totalMemBytes: 0 }, findModel('tiny')!)
    expect(!result.fits && result.reasons).toHaveLength(2)
  })
})
