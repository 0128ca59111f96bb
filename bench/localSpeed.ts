/**
 * Issue 15: what on-device transcription costs on this computer with models of the sizes we offer,
 * without downloading one. For tiny, base and small it generates a whisper.cpp file with the
 * published model's exact shapes (every hyper-parameter, every tensor at its size, F16 where
 * whisper.cpp's converter writes F16) and random weights, then transcribes 60 s of espeak-ng speech
 * through the app's own path: supervised worker process → transcribeWorker → the platform addon,
 * with the options the app uses (buildJob).
 *
 * Random weights make each encoder pass exactly the real one (it always encodes a whole 30 s window).
 * The decoder's work depends on how many tokens it says, which with noise is up to whisper.cpp's bound
 * of n_text_ctx / 2 - 4 = 220 per window, and its stray timestamps start overlapping windows (the
 * first run on tiny decoded 739 text tokens for 60 s where speech gives about 190). So the generated
 * decoder is paced (tests/support/whisperModel/tinyModel.ts, pacedDecoder): every block runs in full,
 * but it says TOKENS_PER_WINDOW made-up words per window and ends it, as speech at 150 words a
 * minute would. What remains unlike a real model: a short last window still gets all its tokens.
 * One app option is turned
 * off here, the temperature fallback: it decodes a window again (up to five times, five decoders
 * each) when the text looks unlikely, which with random weights is every window, and with a real
 * model rare. Measured on tiny, 10 s of speech, load average 11 on 2 cores: 140 s instead of 50 s.
 * The text token count is reported next to every figure; steps that decode special tokens, which
 * never reach the text, are not in it.
 *
 * The models are generated into bench/.cache/models (git-ignored, about 710 MB for all three) and
 * reused while the generator's version is unchanged.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findModel } from '../electron/core/localModels/catalog.ts'
import { buildJob, defaultThreads, runOnDeviceJob } from '../electron/core/localModels/localTranscriber.ts'
import type { LocalTranscribeReply } from '../electron/core/localModels/transcribeJob.ts'
import { forkWorker } from '../electron/core/worker/supervisor.ts'
import { longSpeech16k } from '../tests/support/whisperModel/recordings.ts'
import { TOKENS_PER_WINDOW, TRUE_SHAPES, trueSizeModel, type TrueShapeName } from '../tests/support/whisperModel/trueSizeModels.ts'
import { round } from './stats.ts'
import { probedSpawn, type WorkerProbe } from './workerProbe.ts'

/** The sizes run by default; `small` takes minutes on a 2-core computer, so it is asked for by name. */
export const DEFAULT_SIZES: TrueShapeName[] = ['tiny', 'base']
export const AUDIO_SECONDS = 60

const WORKER = fileURLToPath(new URL('../electron/core/localModels/transcribeWorker.ts', import.meta.url))
const CACHE = join(import.meta.dirname, '.cache')
/** whisper.cpp decodes at most n_text_ctx / 2 - 4 tokens per window (its decoding loop in src/whisper.cpp). */
const MAX_TOKENS_PER_WINDOW = 220
const LABEL = `compute cost with random weights: the encoder's work is real; the decoder is paced to ${TOKENS_PER_WINDOW} tokens per 30 s window, as speech gives`

/** Runs each size once (`--quick`: tiny only) and returns the JSON section. */
export async function benchLocalSpeed(quick: boolean, sizes: TrueShapeName[] = DEFAULT_SIZES): Promise<Record<string, unknown>> {
  const audio = sixtySeconds()
  const threads = defaultThreads()
  const chosen = quick ? sizes.slice(0, 1) : sizes
  const models: Record<string, unknown> = {}
  for (const size of chosen) models[size] = await benchSize(size, audio, threads)
  return {
    what: LABEL,
    audio: { what: 'espeak-ng speech at 150 words a minute, 16 kHz mono, cut with sox', seconds: AUDIO_SECONDS },
    path: 'runOnDeviceJob → forked transcribeWorker.ts (tsx) → @fugood whisper.cpp addon, options from buildJob() as in the app',
    optionsChanged: { temperatureInc: 0, why: 'random weights fail the fallback test on every window; a real model rarely does' },
    threads,
    sizesRun: chosen,
    sizesAvailable: Object.keys(TRUE_SHAPES),
    models
  }
}

async function benchSize(size: TrueShapeName, audio: string, threads: number): Promise<Record<string, unknown>> {
  const generateStart = performance.now()
  const file = trueSizeModel(size, join(CACHE, 'models'))
  const generatedS = (performance.now() - generateStart) / 1000
  const catalog = findModel(TRUE_SHAPES[size].catalogId)!
  const bytes = statSync(file).size

  const built = buildJob({ modelPath: file, threads }, audio, 'en').job
  const job = { ...built, options: { ...built.options, temperatureInc: 0 } }
  const probes: WorkerProbe[] = []
  // The worker is TypeScript here; the app forks the built JavaScript.
  const spawn = probedSpawn(forkWorker({ execArgv: ['--import', 'tsx'] }), (probe) => probes.push(probe))
  const loadBefore = loadavg()[0]!
  const start = performance.now()
  const reply: LocalTranscribeReply = await runOnDeviceJob(job, { workerEntry: WORKER, spawn })
  const wallS = (performance.now() - start) / 1000
  // The probe's last reading comes with the worker's exit, just after the reply.
  await waitFor(() => probes.length > 0)
  const probe = probes[0]!
  const loadAfter = loadavg()[0]!

  const computeS = reply.transcribeMs / 1000
  const tokens = reply.whisper.segments.filter((s) => s.text.trim() !== '').length
  const transcribeCpuS = probe.atReply && probe.beforeTranscribe ? probe.atReply.cpuSeconds - probe.beforeTranscribe.cpuSeconds : null
  return {
    what: LABEL,
    model: {
      shape: TRUE_SHAPES[size],
      ftype: reply.model.ftype,
      sizeMB: round(bytes / 1e6, 1),
      // Against the published file of the same name: the vocabulary's words differ, the weights match in number and type.
      sizeOverPublished: round(bytes / catalog.sizeBytes, 4),
      generatedInS: round(generatedS, 1)
    },
    computeSecondsPerAudioSecond: round(computeS / reply.audioSeconds, 3),
    computeSeconds: round(computeS, 2),
    // CPU time of all whisper.cpp threads while transcribing: less sensitive than wall time to other work on the machine.
    cpuSecondsPerAudioSecond: transcribeCpuS === null ? null : round(transcribeCpuS / reply.audioSeconds, 3),
    threads: reply.threads,
    loadModelSeconds: round(reply.loadMs / 1000, 2),
    // Process start, addon and model load, audio checks and transcription: what a job waits for.
    wallSeconds: round(wallS, 2),
    audioSeconds: round(reply.audioSeconds, 2),
    decoder: {
      // maxLen 1 makes every segment one token, so this is the number of text tokens decoded.
      textTokens: tokens,
      // Speech at 150 words a minute is about 190 tokens a minute, which the paced decoder says.
      realisticTokens: Math.round((reply.audioSeconds / 60) * 190),
      windows: Math.round(tokens / TOKENS_PER_WINDOW),
      boundPerWindow: `n_text_ctx / 2 - 4 = ${MAX_TOKENS_PER_WINDOW} decoder steps (whisper.cpp); steps on special tokens are not counted above`
    },
    memory: {
      what: 'peak resident memory of the worker process (VmHWM): Node, tsx, the addon, the model and whisper.cpp buffers',
      peakMB: probe.atReply ? round(probe.atReply.peakMB, 0) : null,
      beforeModelMB: probe.beforeLoad ? round(probe.beforeLoad.peakMB, 0) : null,
      catalogRamMB: round(catalog.ramBytes / 1e6, 0)
    },
    loadAverage1m: { before: round(loadBefore, 2), after: round(loadAfter, 2) }
  }
}

/** Exactly 60 s of continuous espeak-ng speech, cached next to the models. */
function sixtySeconds(): string {
  const out = join(CACHE, `speech-${AUDIO_SECONDS}s.wav`)
  if (!existsSync(out)) {
    mkdirSync(CACHE, { recursive: true })
    const part = `${out}.${process.pid}.part.wav`
    execFileSync('sox', [longSpeech16k(AUDIO_SECONDS + 10), part, 'trim', '0', String(AUDIO_SECONDS)])
    renameSync(part, out)
  }
  return out
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20))
  if (!condition()) throw new Error('the worker did not exit after its reply')
}
