import { open, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { PipelineError } from '../providers/types.ts'
import { MODELS, type ModelId, type WhisperModel } from './catalog.ts'

/**
 * whisper.cpp's loader reads a little-endian uint32 and compares it with GGML_FILE_MAGIC
 * (0x67676d6c, "ggml"), so a valid file starts with the bytes "lmgg". GGUF files ("GGUF") are a
 * different container that its Whisper loader does not read.
 */
export const GGML_MAGIC = Buffer.from('lmgg', 'latin1')
const GGUF_MAGIC = Buffer.from('GGUF', 'latin1')

export type ModelFileProblem = 'missing' | 'size-mismatch' | 'not-a-model'

/** Why an installed model cannot be used; `problem` lets Settings offer the right fix. */
export class ModelFileError extends Error {
  readonly problem: ModelFileProblem

  constructor(problem: ModelFileProblem, message: string) {
    super(message)
    this.name = 'ModelFileError'
    this.problem = problem
  }
}

export interface InstalledModel {
  id: ModelId
  path: string
  sizeBytes: number
  /** `partial` is an unfinished download the learner can resume; the others are complete files. */
  state: 'ready' | 'partial' | ModelFileProblem
}

/** Where models live: in the data folder beside the database ("Delete everything" keeps them: they hold nothing of the learner's). */
export function modelsDir(dataDir: string): string {
  return join(dataDir, 'models')
}

/** The path a catalog model is installed at. */
export function modelPath(dataDir: string, model: WhisperModel): string {
  return join(modelsDir(dataDir), model.fileName)
}

/** Catalog models with a file or a part file in `<dataDir>/models`, each checked cheaply (size and magic). */
export async function listInstalledModels(dataDir: string, models: readonly WhisperModel[] = MODELS): Promise<InstalledModel[]> {
  let names: Set<string>
  try {
    names = new Set(await readdir(modelsDir(dataDir)))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const installed: InstalledModel[] = []
  for (const model of models) {
    const path = modelPath(dataDir, model)
    if (names.has(model.fileName)) {
      const problem = await checkModelFile(path, model.sizeBytes).then(
        () => null,
        (error: unknown) => (error instanceof ModelFileError ? error.problem : Promise.reject(error))
      )
      installed.push({ id: model.id, path, sizeBytes: (await stat(path)).size, state: problem ?? 'ready' })
    } else if (names.has(`${model.fileName}.part`)) {
      installed.push({ id: model.id, path: `${path}.part`, sizeBytes: (await stat(`${path}.part`)).size, state: 'partial' })
    }
  }
  return installed
}

/** Deletes a model and any unfinished download of it; deleting one that is absent is not an error. */
export async function deleteModel(dataDir: string, id: ModelId, models: readonly WhisperModel[] = MODELS): Promise<void> {
  const model = models.find((m) => m.id === id)
  if (!model) throw new Error(`Unknown model "${id}".`)
  const path = modelPath(dataDir, model)
  await rm(path, { force: true })
  await rm(`${path}.part`, { force: true })
}

/**
 * Throws `ModelFileError` if the file is missing, has the wrong size or does not start with the
 * ggml magic. Cheap on purpose (the SHA-256 was checked at install): it runs before every use.
 */
export async function checkModelFile(path: string, expectedBytes: number): Promise<void> {
  let size: number
  try {
    size = (await stat(path)).size
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ModelFileError('missing', 'The on-device speech model is missing.')
    throw error
  }
  if (size !== expectedBytes) {
    throw new ModelFileError('size-mismatch', 'The on-device speech model is incomplete or damaged (its size is wrong).')
  }
  const head = Buffer.alloc(4)
  const file = await open(path, 'r')
  try {
    await file.read(head, 0, 4, 0)
  } finally {
    await file.close()
  }
  if (head.equals(GGUF_MAGIC)) {
    throw new ModelFileError('not-a-model', 'The on-device speech model is a GGUF file, which whisper.cpp cannot load.')
  }
  if (!head.equals(GGML_MAGIC)) {
    throw new ModelFileError('not-a-model', 'The on-device speech model file is damaged (it is not a whisper.cpp model).')
  }
}

/**
 * A permanent `PipelineError` for a model problem, with the fix the learner can make in Settings
 * (the job runner shows message and hint on the session).
 */
export function modelProblemError(error: ModelFileError, modelId: string): PipelineError {
  const hint =
    error.problem === 'missing'
      ? `Download the "${modelId}" model in Settings, then press Retry.`
      : `Delete the "${modelId}" model in Settings and download it again, then press Retry.`
  return new PipelineError('permanent', error.message, {
    hint,
    provider: 'on-device',
    cause: error
  })
}
