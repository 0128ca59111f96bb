import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { streamWhisperModel } from './tinyModel.ts'

/**
 * The shapes of the published whisper.cpp models we offer (their hyper-parameters, as in OpenAI's
 * model dimensions and the ggml files' headers): width, heads and blocks, the same for the encoder
 * and the decoder. Everything else (51864 tokens for `.en`, 1500 audio and 448 text positions, 80
 * mel bands) is what every Whisper model of these sizes has, and the generator writes it.
 */
export const TRUE_SHAPES = {
  tiny: { state: 384, heads: 6, layers: 4, catalogId: 'tiny.en' },
  base: { state: 512, heads: 8, layers: 6, catalogId: 'base.en' },
  small: { state: 768, heads: 12, layers: 12, catalogId: 'small.en' }
} as const

export type TrueShapeName = keyof typeof TRUE_SHAPES

/**
 * Text tokens the generated decoder says per 30 s window: speech at 150 words a minute is about
 * 190 tokens a minute. Left to noise, a random decoder says up to 220 per window and its stray
 * timestamps make whisper.cpp start overlapping windows (739 tokens for 60 s on the first bench run).
 */
export const TOKENS_PER_WINDOW = 95

/** Bump when the generator's output changes, so a cached file is made again. */
const GENERATOR_VERSION = 2

/**
 * A random-weight English-only model of `name`'s true size in `dir`, generated on first use (tiny
 * takes seconds, small about a minute) and reused after. Never commit these files. Its encoder is
 * random; its decoder runs in full but is paced to TOKENS_PER_WINDOW (tinyModel.ts, pacedDecoder).
 */
export function trueSizeModel(name: TrueShapeName, dir: string): string {
  const shape = TRUE_SHAPES[name]
  const path = join(dir, `random-${shape.catalogId}-v${GENERATOR_VERSION}.bin`)
  if (existsSync(path)) return path
  return streamWhisperModel(path, { state: shape.state, heads: shape.heads, layers: shape.layers, englishOnly: true, weights: 'fan-in', tokensPerWindow: TOKENS_PER_WINDOW })
}
