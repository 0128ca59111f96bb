import { open, type FileHandle } from 'node:fs/promises'
import { ModelFileError } from './modelStore.ts'

/**
 * Checks a whisper.cpp model file's structure before whisper.cpp sees it. Needed because its
 * loader (whisper_model_load) trusts the file: a file cut short inside the vocabulary or a tensor
 * loads "successfully" with uninitialised weights, and nonsense hyper-parameters abort the whole
 * process on a failed assertion. Reads headers only (about 1 MB for any model), never the weights.
 */

export interface WhisperModelInfo {
  nVocab: number
  nAudioCtx: number
  nAudioState: number
  nAudioHead: number
  nAudioLayer: number
  nTextCtx: number
  nTextState: number
  nTextHead: number
  nTextLayer: number
  nMels: number
  /** ggml file type with the quantization version removed: 1 = F16, 2 = Q4_0, … */
  ftype: number
  multilingual: boolean
  tensors: number
}

const GGML_MAGIC = 0x67676d6c
/** Bytes per block and elements per block of the tensor types whisper.cpp model files use. */
const TYPE_SIZES: Record<number, { bytes: number; block: number }> = {
  0: { bytes: 4, block: 1 }, // F32
  1: { bytes: 2, block: 1 }, // F16
  2: { bytes: 18, block: 32 }, // Q4_0
  3: { bytes: 20, block: 32 }, // Q4_1
  6: { bytes: 22, block: 32 }, // Q5_0
  7: { bytes: 24, block: 32 }, // Q5_1
  8: { bytes: 34, block: 32 }, // Q8_0
  10: { bytes: 84, block: 256 }, // Q2_K
  11: { bytes: 110, block: 256 }, // Q3_K
  12: { bytes: 144, block: 256 }, // Q4_K
  13: { bytes: 176, block: 256 }, // Q5_K
  14: { bytes: 210, block: 256 }, // Q6_K
  30: { bytes: 2, block: 1 } // BF16
}
/** File types (ggml_ftype) whisper.cpp's converter and quantizer write; any other aborts its loader. */
const FILE_TYPES = new Set([0, 1, 2, 3, 7, 8, 9, 10, 11, 12, 13, 14])

/** Reads and checks the whole layout; throws `ModelFileError` naming what is wrong. */
export async function inspectWhisperModel(path: string): Promise<WhisperModelInfo> {
  let file: FileHandle
  try {
    file = await open(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ModelFileError('missing', 'The on-device speech model is missing.')
    throw error
  }
  try {
    return await readLayout(new Reader(file, (await file.stat()).size))
  } finally {
    await file.close()
  }
}

async function readLayout(r: Reader): Promise<WhisperModelInfo> {
  if ((await r.u32()) !== GGML_MAGIC) throw damaged('it is not a whisper.cpp model')
  const [nVocab, nAudioCtx, nAudioState, nAudioHead, nAudioLayer, nTextCtx, nTextState, nTextHead, nTextLayer, nMels, rawFtype] = await r.i32s(11)
  const ftype = rawFtype % 1000
  const sane =
    between(nVocab, 51864, 52_000) &&
    between(nAudioCtx, 1, 1500) &&
    between(nTextCtx, 1, 448) &&
    between(nAudioState, 1, 4096) &&
    nTextState === nAudioState &&
    between(nAudioHead, 1, 64) &&
    between(nTextHead, 1, 64) &&
    between(nAudioLayer, 1, 64) &&
    between(nTextLayer, 1, 64) &&
    (nMels === 80 || nMels === 128) &&
    rawFtype >= 0 &&
    FILE_TYPES.has(ftype)
  if (!sane) throw damaged('its settings are not those of a Whisper model')

  const [nMel, nFft] = await r.i32s(2)
  if (nMel !== nMels || !between(nFft, 1, 1025)) throw damaged('its mel filters do not match the model')
  r.skip(nMel * nFft * 4)

  const nTokens = await r.i32()
  if (!between(nTokens, 1, nVocab)) throw damaged('its vocabulary is unreadable')
  for (let i = 0; i < nTokens; i++) {
    const length = await r.u32()
    if (length > 1024) throw damaged('its vocabulary is unreadable')
    r.skip(length)
  }

  const expected = new Set(tensorNames(nAudioLayer, nTextLayer))
  const seen = new Set<string>()
  while (!r.atEnd()) {
    const [nDims, nameLength, type] = await r.i32s(3)
    const size = TYPE_SIZES[type]
    if (!between(nDims, 1, 4) || !between(nameLength, 1, 256) || !size) throw damaged('a weight has an unknown layout')
    const ne = await r.i32s(nDims)
    const name = (await r.bytes(nameLength)).toString('latin1')
    if (!expected.has(name) || seen.has(name) || ne.some((n) => n < 1)) throw damaged('it holds weights Whisper does not have')
    seen.add(name)
    const elements = ne.reduce((a, b) => a * b, 1)
    if (elements % size.block !== 0) throw damaged('a weight has an unknown layout')
    r.skip((elements / size.block) * size.bytes)
  }
  if (seen.size !== expected.size) throw incomplete()
  return { nVocab, nAudioCtx, nAudioState, nAudioHead, nAudioLayer, nTextCtx, nTextState, nTextHead, nTextLayer, nMels, ftype, multilingual: nVocab >= 51865, tensors: seen.size }
}

/** The weight names whisper.cpp creates for a model of this depth (src/whisper-arch.h). */
export function tensorNames(audioLayers: number, textLayers: number): string[] {
  const attention = (prefix: string, kind: string) =>
    ['query.weight', 'query.bias', 'key.weight', 'value.weight', 'value.bias', 'out.weight', 'out.bias'].map((p) => `${prefix}.${kind}.${p}`)
  const block = (prefix: string) => [
    ...['mlp_ln.weight', 'mlp_ln.bias', 'mlp.0.weight', 'mlp.0.bias', 'mlp.2.weight', 'mlp.2.bias', 'attn_ln.weight', 'attn_ln.bias'].map((p) => `${prefix}.${p}`),
    ...attention(prefix, 'attn')
  ]
  const names = ['encoder.positional_embedding', 'encoder.conv1.weight', 'encoder.conv1.bias', 'encoder.conv2.weight', 'encoder.conv2.bias', 'encoder.ln_post.weight', 'encoder.ln_post.bias']
  for (let i = 0; i < audioLayers; i++) names.push(...block(`encoder.blocks.${i}`))
  names.push('decoder.positional_embedding', 'decoder.token_embedding.weight', 'decoder.ln.weight', 'decoder.ln.bias')
  for (let i = 0; i < textLayers; i++) {
    const prefix = `decoder.blocks.${i}`
    names.push(...block(prefix), `${prefix}.cross_attn_ln.weight`, `${prefix}.cross_attn_ln.bias`, ...attention(prefix, 'cross_attn'))
  }
  return names
}

function between(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max
}

function damaged(why: string): ModelFileError {
  return new ModelFileError('not-a-model', `The on-device speech model file is damaged (${why}).`)
}

function incomplete(): ModelFileError {
  return new ModelFileError('size-mismatch', 'The on-device speech model is incomplete or damaged (the file ends early).')
}

type Ints<N extends number, T extends number[] = []> = number extends N ? number[] : T['length'] extends N ? T : Ints<N, [...T, number]>

/**
 * Sequential little-endian reads through a small window, so skipping a weight costs nothing and
 * checking a 500 MB model reads well under 10 MB. Reading past the end means the file is cut short.
 */
class Reader {
  private readonly window = Buffer.alloc(16 * 1024)
  private windowStart = 0
  private windowLength = 0
  private position = 0

  constructor(
    private readonly file: FileHandle,
    private readonly size: number
  ) {}

  atEnd(): boolean {
    return this.position >= this.size
  }

  async u32(): Promise<number> {
    return (await this.bytes(4)).readUInt32LE(0)
  }

  async i32(): Promise<number> {
    return (await this.bytes(4)).readInt32LE(0)
  }

  /** `count` int32s, typed as a tuple of that length so the caller can destructure them. */
  async i32s<N extends number>(count: N): Promise<Ints<N>> {
    const b = await this.bytes(count * 4)
    return Array.from({ length: count }, (_, i) => b.readInt32LE(i * 4)) as Ints<N>
  }

  skip(length: number): void {
    if (this.position + length > this.size) throw incomplete()
    this.position += length
  }

  /** The next `length` bytes (at most the window's size), valid until the next read. */
  async bytes(length: number): Promise<Buffer> {
    if (this.position + length > this.size) throw incomplete()
    let from = this.position - this.windowStart
    if (from < 0 || from + length > this.windowLength) {
      this.windowLength = (await this.file.read(this.window, 0, Math.min(this.window.length, this.size - this.position), this.position)).bytesRead
      this.windowStart = this.position
      from = 0
      if (length > this.windowLength) throw incomplete()
    }
    this.position += length
    return this.window.subarray(from, from + length)
  }
}
