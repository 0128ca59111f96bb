import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findModel } from '../../../electron/core/localModels/catalog.ts'
import {
  checkModelFile,
  deleteModel,
  listInstalledModels,
  ModelFileError,
  modelPath,
  modelProblemError,
  modelsDir
} from '../../../electron/core/localModels/modelStore.ts'

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'speakloop-models-'))
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

/** A file of `size` bytes that starts like a whisper.cpp model (or with `magic`). */
async function fakeModel(path: string, size: number, magic = 'lmgg'): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true })
  await writeFile(path, Buffer.from(magic, 'latin1'))
  // Sparse: a catalog-sized file without writing hundreds of MB.
  await truncate(path, size)
}

async function problemOf(promise: Promise<unknown>): Promise<ModelFileError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ModelFileError)
  return error as ModelFileError
}

describe('checkModelFile', () => {
  const path = () => join(dataDir, 'm.bin')

  it('accepts a file of the right size that starts with ggml magic as whisper.cpp reads it ("lmgg")', async () => {
    await fakeModel(path(), 64)
    await expect(checkModelFile(path(), 64)).resolves.toBeUndefined()
  })

  it('calls a missing file missing', async () => {
    const error = await problemOf(checkModelFile(path(), 64))
    expect(error.problem).toBe('missing')
    expect(error.message).toBe('The on-device speech model is missing.')
  })

  it('calls a file of the wrong size incomplete', async () => {
    await fakeModel(path(), 63)
    expect((await problemOf(checkModelFile(path(), 64))).problem).toBe('size-mismatch')
  })

  it('refuses a file that is not a ggml model, naming GGUF when it is one', async () => {
    await fakeModel(path(), 64, '<htm')
    const html = await problemOf(checkModelFile(path(), 64))
    expect(html.problem).toBe('not-a-model')
    expect(html.message).toMatch(/damaged/)
    await fakeModel(path(), 64, 'GGUF')
    expect((await problemOf(checkModelFile(path(), 64))).message).toMatch(/GGUF/)
    // The magic the other way round is what a big-endian writer would produce: whisper.cpp rejects it.
    await fakeModel(path(), 64, 'ggml')
    expect((await problemOf(checkModelFile(path(), 64))).problem).toBe('not-a-model')
  })
})

describe('installed models', () => {
  const tiny = findModel('tiny')!
  const base = findModel('base')!

  it('lists nothing before the models folder exists', async () => {
    expect(await listInstalledModels(dataDir)).toEqual([])
  })

  it('lists complete, corrupt and partial models, and ignores files it does not offer', async () => {
    // Catalog sizes: the check compares with them.
    await fakeModel(modelPath(dataDir, tiny), tiny.sizeBytes)
    await fakeModel(modelPath(dataDir, base), base.sizeBytes, 'junk')
    await writeFile(`${modelPath(dataDir, findModel('small')!)}.part`, Buffer.alloc(10))
    await writeFile(join(modelsDir(dataDir), 'notes.txt'), 'hello')

    const listed = await listInstalledModels(dataDir)
    expect(listed.map(({ id, state, sizeBytes }) => ({ id, state, sizeBytes }))).toEqual([
      { id: 'tiny', state: 'ready', sizeBytes: tiny.sizeBytes },
      { id: 'base', state: 'not-a-model', sizeBytes: base.sizeBytes },
      { id: 'small', state: 'partial', sizeBytes: 10 }
    ])
  })

  it('deletes a model together with its unfinished download', async () => {
    await fakeModel(modelPath(dataDir, tiny), 8)
    await writeFile(`${modelPath(dataDir, tiny)}.part`, 'x')
    await deleteModel(dataDir, 'tiny')
    expect(existsSync(modelPath(dataDir, tiny))).toBe(false)
    expect(existsSync(`${modelPath(dataDir, tiny)}.part`)).toBe(false)
    await expect(deleteModel(dataDir, 'tiny')).resolves.toBeUndefined()
  })
})

describe('modelProblemError', () => {
  it('tells the learner what to do in Settings, as a permanent failure', () => {
    const missing = modelProblemError(new ModelFileError('missing', 'The on-device speech model is missing.'), 'base.en')
    expect(missing.kind).toBe('permanent')
    expect(missing.hint).toBe('Download the "base.en" model in Settings, then press Retry.')
    const corrupt = modelProblemError(new ModelFileError('size-mismatch', 'x'), 'base.en')
    expect(corrupt.hint).toBe('Delete the "base.en" model in Settings and download it again, then press Retry.')
  })
})
