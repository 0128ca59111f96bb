/**
 * The whisper.cpp models Speakloop offers for on-device transcription. Pinned here, not fetched:
 * the list, the URLs and the checksums are part of the build, so a compromised or changed remote
 * file is refused instead of loaded.
 */

export type ModelId = 'tiny' | 'tiny.en' | 'base' | 'base.en' | 'small' | 'small.en'

export interface WhisperModel {
  id: ModelId
  /** Name on disk under `<dataDir>/models`, the same as upstream's. */
  fileName: string
  /** HTTPS only: the official `ggerganov/whisper.cpp` files on Hugging Face, at a fixed revision. */
  url: string
  /** Exact size in bytes; a download or an installed file of another size is refused. */
  sizeBytes: number
  /**
   * SHA-256 of the whole file. Null would mean not pinned, and the downloader refuses such a
   * model: we never install bytes we cannot check.
   */
  sha256: string | null
  /** SHA-1 from whisper.cpp's models/README.md: a second, independent check of `sha256`. */
  upstreamSha1: string
  /** Memory whisper.cpp needs to run it (its README's table), before Speakloop's own use. */
  ramBytes: number
  /** What the learner can expect, in words: speed and accuracy relative to the other models. */
  speed: string
  /** `.en` models only transcribe English; they are offered only when the target language is English. */
  englishOnly: boolean
}

const MB = 1000 * 1000
/**
 * One fixed revision of the files, not `main`: what this URL serves cannot change under the pinned
 * checksums (a push to `main` would otherwise make every download fail its check).
 */
const REVISION = '5359861c739e955e79d9a303bcbc70fb988958b1'
const HF = `https://huggingface.co/ggerganov/whisper.cpp/resolve/${REVISION}`

// Where the pins come from (no model can be downloaded in the workplace that wrote them): each
// SHA-256 is Hugging Face's Git LFS object id for the file, and the same value, with the same byte
// size, is pinned independently by many public projects — Nix fixed-output derivations (which fail
// their build on any other digest) and desktop and mobile apps that verify their downloads — with
// no disagreement found. The first real download of each model confirms its pin, and `upstreamSha1`
// (whisper.cpp's models/README.md) is the second check for whoever wants one.
export const MODELS: readonly WhisperModel[] = [
  {
    id: 'tiny',
    fileName: 'ggml-tiny.bin',
    url: `${HF}/ggml-tiny.bin`,
    sizeBytes: 77_691_713,
    sha256: 'be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21',
    upstreamSha1: 'bd577a113a864445d4c299885e0cb97d4ba92b5f',
    ramBytes: 273 * MB,
    speed: 'Fastest; rough with accents and quiet speech.',
    englishOnly: false
  },
  {
    id: 'tiny.en',
    fileName: 'ggml-tiny.en.bin',
    url: `${HF}/ggml-tiny.en.bin`,
    sizeBytes: 77_704_715,
    sha256: '921e4cf8686fdd993dcd081a5da5b6c365bfde1162e72b08d75ac75289920b1f',
    upstreamSha1: 'c78c86eb1a8faa21b369bcd33207cc90d64ae9df',
    ramBytes: 273 * MB,
    speed: 'Fastest; English only, a little more accurate than tiny.',
    englishOnly: true
  },
  {
    id: 'base',
    fileName: 'ggml-base.bin',
    url: `${HF}/ggml-base.bin`,
    sizeBytes: 147_951_465,
    sha256: '60ed5bc3dd14eea856493d334349b405782ddcaf0028d4b5df4088345fba2efe',
    upstreamSha1: '465707469ff3a37a2b9b8d8f89f2f99de7299dac',
    ramBytes: 388 * MB,
    speed: 'Fast; a good balance for most computers.',
    englishOnly: false
  },
  {
    id: 'base.en',
    fileName: 'ggml-base.en.bin',
    url: `${HF}/ggml-base.en.bin`,
    sizeBytes: 147_964_211,
    sha256: 'a03779c86df3323075f5e796cb2ce5029f00ec8869eee3fdfb897afe36c6d002',
    upstreamSha1: '137c40403d78fd54d454da0f9bd998f78703390c',
    ramBytes: 388 * MB,
    speed: 'Fast; English only, the balanced choice for English.',
    englishOnly: true
  },
  {
    id: 'small',
    fileName: 'ggml-small.bin',
    url: `${HF}/ggml-small.bin`,
    sizeBytes: 487_601_967,
    sha256: '1be3a9b2063867b937e64e2ec7483364a79917e157fa98c5d94b5c1fffea987b',
    upstreamSha1: '55356645c2b361a969dfd0ef2c5a50d530afd8d5',
    ramBytes: 852 * MB,
    speed: 'About three times slower than base; the most accurate offered.',
    englishOnly: false
  },
  {
    id: 'small.en',
    fileName: 'ggml-small.en.bin',
    url: `${HF}/ggml-small.en.bin`,
    sizeBytes: 487_614_201,
    sha256: 'c6138d6d58ecc8322097e0f987c32f1be8bb0a18532a3f88f734d1bbf9c41e5d',
    upstreamSha1: 'db8a495a91d927739e50b3fc1cc4c6b8f6c2d022',
    ramBytes: 852 * MB,
    speed: 'About three times slower than base; English only, the most accurate for English.',
    englishOnly: true
  }
]

/** Room left on disk after a download for recordings and the database to keep working. */
export const DISK_HEADROOM_BYTES = 500 * MB
/** Memory left for the OS, Electron and the learner's other apps while a model runs. */
export const MEMORY_HEADROOM_BYTES = 2000 * MB

/** The catalog entry for an id, or undefined for anything not offered. */
export function findModel(id: string): WhisperModel | undefined {
  return MODELS.find((m) => m.id === id)
}

/** The models that can transcribe `language` (ISO 639-1): `.en` ones only for English. */
export function modelsForLanguage(language: string): WhisperModel[] {
  return MODELS.filter((m) => !m.englishOnly || language === 'en')
}

export interface MachineCapacity {
  freeDiskBytes: number
  totalMemBytes: number
}

export type FitResult = { fits: true } | { fits: false; reasons: string[] }

/** Whether this computer has the disk space and memory for `model`, with readable reasons if not. */
export function modelFits(machine: MachineCapacity, model: WhisperModel): FitResult {
  const reasons: string[] = []
  const diskNeeded = model.sizeBytes + DISK_HEADROOM_BYTES
  if (machine.freeDiskBytes < diskNeeded) {
    reasons.push(`Needs ${formatBytes(diskNeeded)} of free disk space; ${formatBytes(machine.freeDiskBytes)} is free.`)
  }
  const memNeeded = model.ramBytes + MEMORY_HEADROOM_BYTES
  if (machine.totalMemBytes < memNeeded) {
    reasons.push(`Needs a computer with at least ${formatBytes(memNeeded)} of memory; this one has ${formatBytes(machine.totalMemBytes)}.`)
  }
  return reasons.length === 0 ? { fits: true } : { fits: false, reasons }
}

/** Bytes in the units people see in their file manager (decimal MB/GB, one decimal for GB). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1000 * MB) return `${(bytes / (1000 * MB)).toFixed(1)} GB`
  return `${Math.round(bytes / MB)} MB`
}
