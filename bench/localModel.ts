/**
 * Issue 7: how fast a whisper.cpp model transcribes on this computer, through the app's own path
 * (supervised worker process → transcribeWorker → the platform addon). Needs a model file:
 * `npm run bench -- --local-model ~/Downloads/ggml-base.en.bin`.
 */
import { stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildJob, defaultThreads, runOnDeviceJob } from '../electron/core/localModels/localTranscriber.ts'
import type { LocalTranscribeReply } from '../electron/core/localModels/transcribeJob.ts'
import { forkWorker } from '../electron/core/worker/supervisor.ts'
import { longSpeech16k } from '../tests/support/whisperModel/recordings.ts'
import { median, round } from './stats.ts'

const WORKER = fileURLToPath(new URL('../electron/core/localModels/transcribeWorker.ts', import.meta.url))

/** Transcribes about 30 s of espeak-ng speech (10 s with --quick) with the model and returns the JSON section. */
export async function benchLocalModel(modelPath: string, quick: boolean): Promise<Record<string, unknown>> {
  const model = resolve(modelPath)
  const audio = longSpeech16k(quick ? 10 : 30)
  const runs = quick ? 1 : 3
  const threads = defaultThreads()
  const { job } = buildJob({ modelPath: model, threads }, audio, 'en')
  // The worker is TypeScript here; the app forks the built JavaScript.
  const spawn = forkWorker({ execArgv: ['--import', 'tsx'] })

  const replies: (LocalTranscribeReply & { wallMs: number })[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    const reply = await runOnDeviceJob(job, { workerEntry: WORKER, spawn })
    replies.push({ ...reply, wallMs: performance.now() - start })
  }
  const first = replies[0]!
  const computeSeconds = median(replies.map((r) => r.transcribeMs / 1000))
  return {
    model: {
      file: basename(model),
      path: model,
      sizeMB: round((await stat(model)).size / 1e6, 1),
      layers: first.model.nAudioLayer,
      width: first.model.nAudioState,
      ftype: first.model.ftype,
      multilingual: first.model.multilingual
    },
    audio: { what: 'espeak-ng speech, 16 kHz mono', seconds: round(first.audioSeconds, 2), speechSeconds: round(first.speechSeconds, 2) },
    threads,
    // The GPU build whisper.cpp ran on (null: the CPU), and why an installed GPU build was not used.
    backend: first.backend,
    runs: replies.map((r) => ({
      loadMs: round(r.loadMs),
      computeSeconds: round(r.transcribeMs / 1000, 3),
      // Process start, addon and model load, audio checks and transcription: what a job waits for.
      wallSeconds: round(r.wallMs / 1000, 3),
      words: r.whisper.segments.filter((s) => s.text.startsWith(' ')).length
    })),
    computeSeconds: round(computeSeconds, 3),
    realTimeFactor: { what: 'audio seconds transcribed per compute second (median run); above 1 is faster than real time', value: round(first.audioSeconds / computeSeconds, 2) }
  }
}
