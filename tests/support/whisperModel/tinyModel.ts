/**
 * A whisper.cpp model small enough to generate in a test: the real ggml container with tiny
 * dimensions and seeded random weights (`streamWhisperModel` writes the same at full size, for the
 * bench: trueSizeModels.ts). whisper.cpp loads it and runs the whole
 * encode/decode path on it; what it "hears" is nonsense, which is all a test of the plumbing needs.
 *
 * Layout, as whisper.cpp's `whisper_model_load` (src/whisper.cpp) reads it, all little-endian:
 *   u32 magic "ggml" · 11 × i32 hparams · mel filters (i32 n_mel, i32 n_fft, f32[n_mel·n_fft]) ·
 *   vocab (i32 count, then u32 length + bytes per token) · tensors until EOF, each
 *   i32 n_dims, i32 name length, i32 type, i32 ne[n_dims], name, data.
 * Shapes are in ggml order (ne0 first). ftype 1, as in the published models: matrices and conv
 * kernels are F16, embeddings of positions, biases and norms F32. (An all-F32 file, ftype 0,
 * loads but aborts the process at the first convolution: ggml's CPU im2col asserts F16 kernels.)
 */
import { closeSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

export interface TinyModelOptions {
  /** Width of every layer (`n_audio_state` = `n_text_state`). Default 8. */
  state?: number
  /** Encoder and decoder blocks each. Default 1. */
  layers?: number
  /** Attention heads (`n_audio_head` = `n_text_head`); must divide `state`. Default 1. */
  heads?: number
  /** 51865 tokens (multilingual) by default, so language tokens exist; 51864 is an `.en` model. */
  englishOnly?: boolean
  /** Seed of the weights: the same seed writes the same bytes. */
  seed?: number
  /**
   * Every tensor F32 (ftype 0). whisper.cpp loads such a file, then aborts the process at the first
   * convolution: a real native crash, for supervision tests.
   */
  allF32?: boolean
  /**
   * How the random matrices are drawn. 'wide' (default, what the test model always had): uniform
   * in ±0.5. 'fan-in': uniform with variance 1/fan-in, as a freshly initialised network, so a
   * full-width model's activations stay near 1 instead of overflowing the F16 the CPU multiplies in.
   */
  weights?: 'wide' | 'fan-in'
  /**
   * Set, the decoder says this many made-up words per 30 s window and then ends it, whatever it
   * hears (see pacedDecoder): the decoder's work per window is then what speech gives, not the
   * up to 220 tokens noise makes it decode. The encoder stays random, so its work is the real one.
   */
  tokensPerWindow?: number
}

const GGML_MAGIC = 0x67676d6c
const GGML_TYPE_F32 = 0
const GGML_TYPE_F16 = 1
const N_MELS = 80
const N_FFT = 201
const N_AUDIO_CTX = 1500
const N_TEXT_CTX = 448
/** The GPT-2 text tokens both vocabularies start with; whisper.cpp appends the special tokens itself. */
const TEXT_TOKENS = 50257

/** The bytes of a valid random-weight whisper.cpp model (about 1.7 MB at the default width). */
export function tinyWhisperModel(options: TinyModelOptions = {}): Buffer {
  const parts: Buffer[] = []
  writeModel(options, (part) => parts.push(part))
  return Buffer.concat(parts)
}

/** Writes `tinyWhisperModel(options)` to `path` and returns the path. */
export function writeTinyWhisperModel(path: string, options: TinyModelOptions = {}): string {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, tinyWhisperModel(options))
  return path
}

/**
 * The same file streamed to `path` one tensor at a time, for models too large to build in memory
 * (a full-size `small` is about 480 MB). Written under a temporary name and renamed into place, so
 * a reader never sees half a model.
 */
export function streamWhisperModel(path: string, options: TinyModelOptions = {}): string {
  mkdirSync(dirname(path), { recursive: true })
  const part = `${path}.${process.pid}.part`
  const fd = openSync(part, 'w')
  try {
    writeModel(options, (bytes) => {
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset)
    })
  } finally {
    closeSync(fd)
  }
  renameSync(part, path)
  return path
}

function writeModel(options: TinyModelOptions, sink: (part: Buffer) => void): void {
  const state = options.state ?? 8
  const layers = options.layers ?? 1
  const heads = options.heads ?? 1
  if (state % heads !== 0) throw new Error(`${heads} heads do not divide a width of ${state}`)
  const nVocab = options.englishOnly ? 51864 : 51865
  const random = mulberry32(options.seed ?? 1)
  const out = new Chunks(sink)
  const pace = options.tokensPerWindow ? pacedDecoder(state, nVocab, options.tokensPerWindow) : undefined

  out.u32(GGML_MAGIC)
  // n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer, n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype
  const ftype = options.allF32 ? 0 : 1
  for (const value of [nVocab, N_AUDIO_CTX, state, heads, layers, N_TEXT_CTX, state, heads, layers, N_MELS, ftype]) out.i32(value)

  out.i32(N_MELS)
  out.i32(N_FFT)
  out.f32s(melFilters())

  out.i32(TEXT_TOKENS)
  for (let id = 0; id < TEXT_TOKENS; id++) {
    const token = tokenText(id)
    out.u32(token.length)
    out.bytes(token)
  }

  for (const tensor of tensorShapes(state, nVocab, ftype, layers)) {
    const name = Buffer.from(tensor.name, 'latin1')
    out.i32(tensor.ne.length)
    out.i32(name.length)
    out.i32(tensor.f16 ? GGML_TYPE_F16 : GGML_TYPE_F32)
    for (const n of tensor.ne) out.i32(n)
    out.bytes(name)
    const values = new Float32Array(tensor.ne.reduce((a, b) => a * b, 1))
    // ggml's ne0 is the input side of a matrix (for a conv kernel, width × input channels).
    const scale = options.weights === 'fan-in' ? Math.sqrt(3 / (tensor.ne.length === 3 ? tensor.ne[0]! * tensor.ne[1]! : tensor.ne[0]!)) : 0.5
    // Norms at 1 and biases at 0, as a fresh model starts; everything else small and random.
    if (/(^|[._])ln(_post)?\.weight$/.test(tensor.name)) values.fill(1)
    else if (!tensor.name.endsWith('.bias')) for (let i = 0; i < values.length; i++) values[i] = (random() * 2 - 1) * scale
    pace?.(tensor.name, values)
    if (tensor.f16) out.f16s(values)
    else out.f32s(values)
  }
  out.flush()
}

/**
 * Every tensor whisper.cpp creates for a model: name, ggml shape, and whether it is stored as F16
 * (in an ftype-1 model, the weight matrices and conv kernels).
 */
export function tensorShapes(state: number, nVocab: number, ftype = 1, layers = 1): { name: string; ne: number[]; f16: boolean }[] {
  return layerTensors(state, nVocab, layers).map((t) => ({ ...t, f16: ftype === 1 && t.name.endsWith('.weight') && t.ne.length > 1 }))
}

function layerTensors(state: number, nVocab: number, layers: number): { name: string; ne: number[] }[] {
  const s = state
  const attention = (ln: string, attn: string) => [
    { name: `${ln}.weight`, ne: [s] },
    { name: `${ln}.bias`, ne: [s] },
    { name: `${attn}.query.weight`, ne: [s, s] },
    { name: `${attn}.query.bias`, ne: [s] },
    { name: `${attn}.key.weight`, ne: [s, s] },
    { name: `${attn}.value.weight`, ne: [s, s] },
    { name: `${attn}.value.bias`, ne: [s] },
    { name: `${attn}.out.weight`, ne: [s, s] },
    { name: `${attn}.out.bias`, ne: [s] }
  ]
  const block = (prefix: string) => [
    { name: `${prefix}.mlp_ln.weight`, ne: [s] },
    { name: `${prefix}.mlp_ln.bias`, ne: [s] },
    { name: `${prefix}.mlp.0.weight`, ne: [s, 4 * s] },
    { name: `${prefix}.mlp.0.bias`, ne: [4 * s] },
    { name: `${prefix}.mlp.2.weight`, ne: [4 * s, s] },
    { name: `${prefix}.mlp.2.bias`, ne: [s] },
    ...attention(`${prefix}.attn_ln`, `${prefix}.attn`)
  ]
  return [
    { name: 'encoder.positional_embedding', ne: [s, N_AUDIO_CTX] },
    { name: 'encoder.conv1.weight', ne: [3, N_MELS, s] },
    { name: 'encoder.conv1.bias', ne: [1, s] },
    { name: 'encoder.conv2.weight', ne: [3, s, s] },
    { name: 'encoder.conv2.bias', ne: [1, s] },
    { name: 'encoder.ln_post.weight', ne: [s] },
    { name: 'encoder.ln_post.bias', ne: [s] },
    ...Array.from({ length: layers }, (_, i) => block(`encoder.blocks.${i}`)).flat(),
    { name: 'decoder.positional_embedding', ne: [s, N_TEXT_CTX] },
    { name: 'decoder.token_embedding.weight', ne: [s, nVocab] },
    { name: 'decoder.ln.weight', ne: [s] },
    { name: 'decoder.ln.bias', ne: [s] },
    ...Array.from({ length: layers }, (_, i) => [
      ...block(`decoder.blocks.${i}`),
      ...attention(`decoder.blocks.${i}.cross_attn_ln`, `decoder.blocks.${i}.cross_attn`)
    ]).flat()
  ]
}

/**
 * A decoder that ignores the audio and walks a fixed chain of tokens: the token that opens a window
 * (SOT, or the task or no-timestamps token after it) → t1 → … → tN → end of text. Every decoder
 * block still runs in full (zero weights cost what random ones do), but only block 0's MLP writes
 * to the residual stream: hidden unit k fires on tk's embedding and adds 8 × t(k+1)'s, so the next
 * token wins the tied output projection by a wide margin. Positions and attention add nothing, so
 * the prompt and the previous window's text change nothing. The final norm's gain of 4 keeps the
 * summed probability of the 1,501 timestamp tokens below the chosen token's even at a width of 64,
 * so whisper.cpp never switches to a timestamp and moves on a whole window after each end of text.
 */
function pacedDecoder(state: number, nVocab: number, tokens: number): (name: string, values: Float32Array) => void {
  const hidden = 4 * state
  if (tokens + 3 > hidden) throw new Error(`a width of ${state} paces at most ${hidden - 3} tokens per window`)
  const multilingual = nVocab > 51864 ? 1 : 0
  const eot = 50256 + multilingual
  const sot = eot + 1
  // After SOT: the task token (multilingual) or no-timestamps (when asked): either may open decoding.
  const openers = [sot, 50358 + multilingual, 50362 + multilingual]
  const chain = Array.from({ length: tokens }, (_, k) => 1000 + 97 * k)
  // Unit k: fires on `keys[k]`, adds `next[k]`.
  const keys = [...openers, ...chain]
  const next = [...openers.map(() => chain[0]!), ...chain.slice(1), eot]
  const embedding = new Map<number, Float32Array>()
  const DETECT = 20
  return (name, values) => {
    if (name === 'decoder.token_embedding.weight') for (const id of new Set([...keys, ...next])) embedding.set(id, values.slice(id * state, (id + 1) * state))
    else if (name === 'decoder.positional_embedding' || /^decoder\.blocks\.\d+\.(attn|cross_attn)\.out\.|^decoder\.blocks\.\d+\.mlp\.2\./.test(name)) values.fill(0)
    else if (name === 'decoder.ln.weight') values.fill(4)
    if (name === 'decoder.blocks.0.mlp.0.weight') {
      // mlp_ln turns an embedding e into about e × √state / |e|: a row of e / (|e| √state) × DETECT reads DETECT on it.
      values.fill(0)
      keys.forEach((id, k) => {
        const e = embedding.get(id)!
        const norm = Math.hypot(...e)
        for (let i = 0; i < state; i++) values[k * state + i] = (e[i]! / (norm * Math.sqrt(state))) * DETECT
      })
    } else if (name === 'decoder.blocks.0.mlp.0.bias') {
      // Half the detection: a unit's own token gives DETECT / 2, any other about −DETECT / 2, which GELU zeroes.
      keys.forEach((_, k) => (values[k] = -DETECT / 2))
    } else if (name === 'decoder.blocks.0.mlp.2.weight') {
      // ne [4·state, state]: output i's row holds one weight per hidden unit.
      next.forEach((id, k) => {
        const e = embedding.get(id)!
        for (let i = 0; i < state; i++) values[i * hidden + k] = (8 * e[i]!) / (DETECT / 2)
      })
    }
  }
}

// Ids below 256 are the single bytes, so any prompt tokenizes; the rest are made-up words with a
// leading space ("␣tobeki"), so the nonsense output still splits into words.
function tokenText(id: number): Buffer {
  if (id < 256) return Buffer.from([id])
  const syllables = ['ba', 'ko', 'mi', 'tu', 'le', 'sa', 'ri', 'no', 'pe', 'du']
  let word = ''
  for (let n = id; n > 0; n = Math.floor(n / 10)) word += syllables[n % 10]
  return Buffer.from(` ${word}`, 'latin1')
}

// Triangles over the FFT bins, evenly spaced on the mel scale: close enough to the real filters
// for the log-mel input to follow the audio.
function melFilters(): Float32Array {
  const filters = new Float32Array(N_MELS * N_FFT)
  const mel = (hz: number) => 2595 * Math.log10(1 + hz / 700)
  const hz = (m: number) => 700 * (10 ** (m / 2595) - 1)
  const edges = Array.from({ length: N_MELS + 2 }, (_, i) => hz((mel(8000) * i) / (N_MELS + 1)))
  for (let m = 0; m < N_MELS; m++) {
    const [lo, mid, hi] = [edges[m]!, edges[m + 1]!, edges[m + 2]!]
    for (let bin = 0; bin < N_FFT; bin++) {
      const f = (bin * 8000) / (N_FFT - 1)
      const weight = f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid)
      filters[m * N_FFT + bin] = Math.max(0, weight)
    }
  }
  return filters
}

/** IEEE half-precision bits of `value`, rounded to nearest; enough for weights within ±65504. */
const F32 = new Float32Array(1)
const F32_BITS = new Uint32Array(F32.buffer)

function toHalf(value: number): number {
  F32[0] = value
  const bits = F32_BITS[0]!
  const sign = (bits >>> 16) & 0x8000
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15
  const mantissa = bits & 0x7fffff
  if (exponent <= 0) {
    // Subnormal half (or zero): shift the implicit 1 in and round.
    if (exponent < -10) return sign
    const m = (mantissa | 0x800000) >>> (1 - exponent)
    return sign | ((m + 0x1000) >>> 13)
  }
  if (exponent >= 31) return sign | 0x7c00
  return sign | ((exponent << 10) + ((mantissa + 0x1000) >>> 13))
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Little-endian writer that hands its bytes to `sink` in parts of about 1 MB or one tensor. */
class Chunks {
  private small: Buffer[] = []
  private smallBytes = 0

  constructor(private readonly sink: (part: Buffer) => void) {}

  u32(value: number): void {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(value)
    this.push(b)
  }

  i32(value: number): void {
    const b = Buffer.alloc(4)
    b.writeInt32LE(value)
    this.push(b)
  }

  f16s(values: Float32Array): void {
    const b = Buffer.alloc(values.length * 2)
    for (let i = 0; i < values.length; i++) b.writeUInt16LE(toHalf(values[i]!), i * 2)
    this.push(b)
  }

  f32s(values: Float32Array): void {
    const b = Buffer.alloc(values.length * 4)
    for (let i = 0; i < values.length; i++) b.writeFloatLE(values[i]!, i * 4)
    this.push(b)
  }

  bytes(value: Buffer): void {
    this.push(value)
  }

  flush(): void {
    if (this.small.length) this.sink(Buffer.concat(this.small))
    this.small = []
    this.smallBytes = 0
  }

  // Headers and vocabulary come in millions of tiny pieces: gathered, so a file sink is not called per token.
  private push(part: Buffer): void {
    this.small.push(part)
    this.smallBytes += part.length
    if (this.smallBytes >= 1 << 20) this.flush()
  }
}
