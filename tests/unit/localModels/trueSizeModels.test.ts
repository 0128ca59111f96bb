import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findModel } from '../../../electron/core/localModels/catalog.ts'
import { inspectWhisperModel } from '../../../electron/core/localModels/ggmlModel.ts'
import { buildJob } from '../../../electron/core/localModels/localTranscriber.ts'
import { wavToWhisperPcm } from '../../../electron/core/localModels/whisperAudio.ts'
import { loadWhisperBinding } from '../../../electron/core/localModels/whisperBinding.ts'
import { whisperAddonInstalled } from '../../support/whisperModel/addon.ts'
import { longSpeech16k } from '../../support/whisperModel/recordings.ts'
import { streamWhisperModel, tensorShapes, tinyWhisperModel, writeTinyWhisperModel } from '../../support/whisperModel/tinyModel.ts'
import { TRUE_SHAPES } from '../../support/whisperModel/trueSizeModels.ts'

// The bench's stand-ins for the models we offer (bench/localSpeed.ts) must cost what those models
// cost: same hyper-parameters, same tensors at the same sizes and types.

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'speakloop-truesize-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('true-size random models', () => {
  it.each(Object.entries(TRUE_SHAPES))('%s has the weights of the published file, within the vocabulary’s few hundred KB', (_name, shape) => {
    const published = findModel(shape.catalogId)!.sizeBytes
    const weightBytes = tensorShapes(shape.state, 51864, 1, shape.layers).reduce((sum, t) => sum + t.ne.reduce((a, b) => a * b, 1) * (t.f16 ? 2 : 4), 0)
    // Published = header + mel filters + about 0.5 MB of vocabulary + tensor headers + weights.
    expect(published - weightBytes).toBeGreaterThan(0)
    expect(published - weightBytes).toBeLessThan(1_000_000)
  })

  it('writes the heads it is given, which whisper.cpp needs to divide the width', async () => {
    const path = join(dir, 'heads.bin')
    await writeFile(path, tinyWhisperModel({ state: 12, heads: 3, layers: 2 }))
    expect(await inspectWhisperModel(path)).toMatchObject({ nAudioState: 12, nAudioHead: 3, nTextHead: 3, nAudioLayer: 2 })
    expect(() => tinyWhisperModel({ state: 12, heads: 5 })).toThrow(/divide/)
  })

  it('streams to a file exactly the bytes it builds in memory', async () => {
    const options = { state: 16, heads: 2, layers: 2, weights: 'fan-in' as const, seed: 7 }
    const path = streamWhisperModel(join(dir, 'streamed.bin'), options)
    expect((await readFile(path)).equals(tinyWhisperModel(options))).toBe(true)
  })
})

describe.skipIf(!whisperAddonInstalled())('a paced decoder', () => {
  it('says its tokens once per 30 s window with the app’s options, so the decoder works as for speech', async () => {
    const model = writeTinyWhisperModel(join(dir, 'paced.bin'), { state: 64, heads: 2, layers: 2, weights: 'fan-in', englishOnly: true, tokensPerWindow: 12 })
    const context = await loadWhisperBinding()!.initWhisper({ filePath: model })
    try {
      const textTokens = async (seconds: number): Promise<number> => {
        const wav = longSpeech16k(seconds)
        // The app's options (one token per segment, the filler prompt), minus the fallback, as the bench runs them.
        const options = { ...buildJob({ modelPath: model, threads: 2 }, wav, 'en').job.options, temperatureInc: 0 }
        const result = await context.transcribeData(wavToWhisperPcm(await readFile(wav)), options).promise
        return result.segments.filter((s) => s.text.trim() !== '').length
      }
      expect(await textTokens(10)).toBe(12)
      // Two windows: the previous window's text becomes the prompt, and changes nothing.
      expect(await textTokens(45)).toBe(24)
    } finally {
      await context.release()
    }
  })
})
