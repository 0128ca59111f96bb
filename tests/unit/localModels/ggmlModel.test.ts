import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspectWhisperModel, tensorNames } from '../../../electron/core/localModels/ggmlModel.ts'
import { ModelFileError } from '../../../electron/core/localModels/modelStore.ts'
import { tensorShapes, tinyWhisperModel } from '../../support/whisperModel/tinyModel.ts'

let dir: string
let model: Buffer
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'speakloop-ggml-'))
  model = tinyWhisperModel()
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function inspect(bytes: Uint8Array): Promise<unknown> {
  const path = join(dir, `m-${Math.random().toString(36).slice(2)}.bin`)
  await writeFile(path, bytes)
  return inspectWhisperModel(path)
}

async function problem(bytes: Uint8Array): Promise<ModelFileError> {
  const error = await inspect(bytes).then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ModelFileError)
  return error as ModelFileError
}

describe('inspectWhisperModel', () => {
  it('reads the settings of a complete model', async () => {
    expect(await inspect(model)).toEqual({
      nVocab: 51865,
      nAudioCtx: 1500,
      nAudioState: 8,
      nAudioHead: 1,
      nAudioLayer: 1,
      nTextCtx: 448,
      nTextState: 8,
      nTextHead: 1,
      nTextLayer: 1,
      nMels: 80,
      ftype: 1,
      multilingual: true,
      tensors: 50
    })
    expect(await inspect(tinyWhisperModel({ englishOnly: true }))).toMatchObject({ nVocab: 51864, multilingual: false })
    expect(await inspect(tinyWhisperModel({ layers: 4 }))).toMatchObject({ nAudioLayer: 4, nTextLayer: 4, tensors: 167 })
  })

  it('agrees with the test generator, written separately from whisper.cpp’s loader, on every weight name', () => {
    expect(new Set(tensorNames(1, 1))).toEqual(new Set(tensorShapes(8, 51865).map((t) => t.name)))
    // tiny and tiny.en: 4 blocks each way, 11 + 15·4 + 24·4 weights.
    expect(new Set(tensorNames(4, 4))).toEqual(new Set(tensorShapes(8, 51865, 1, 4).map((t) => t.name)))
    expect(tensorNames(4, 4)).toHaveLength(167)
  })

  it.each([
    ['in the settings', 20],
    ['in the mel filters', 30_000],
    ['in the vocabulary', 400_000],
    ['in a weight', 1_000_000],
    ['ten bytes before the end', -10]
  ])('refuses a model cut short %s, which whisper.cpp would load with missing weights', async (_where, at) => {
    const error = await problem(model.subarray(0, at < 0 ? model.length + at : at))
    expect(error.problem).toBe('size-mismatch')
    expect(error.message).toBe('The on-device speech model is incomplete or damaged (the file ends early).')
  })

  it('refuses random bytes behind the right magic, which abort whisper.cpp', async () => {
    let seed = 7
    const noise = Buffer.from(Uint8Array.from({ length: 1 << 20 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24))
    noise.write('lmgg', 0, 'latin1')
    const error = await problem(noise)
    expect(error.problem).toBe('not-a-model')
    expect(error.message).toBe('The on-device speech model file is damaged (its settings are not those of a Whisper model).')
  })

  it('refuses a file type whisper.cpp does not know, and trailing bytes after the last weight', async () => {
    const ftype = Buffer.from(model)
    ftype.writeInt32LE(5, 4 + 10 * 4)
    expect((await problem(ftype)).message).toMatch(/settings are not those of a Whisper model/)
    expect((await problem(Buffer.concat([model, Buffer.from('extra bytes')]))).message).toMatch(/^The on-device speech model/)
  })

  it('says a file that is absent is missing', async () => {
    const error = await inspectWhisperModel(join(dir, 'absent.bin')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ModelFileError)
    expect((error as ModelFileError).problem).toBe('missing')
  })
})
