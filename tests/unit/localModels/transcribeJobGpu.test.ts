import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { whisperOptions } from '../../../electron/core/localModels/localTranscriber.ts'
import { runTranscriptionJob, type LocalTranscribeJob } from '../../../electron/core/localModels/transcribeJob.ts'
import type { WhisperBinding, WhisperGpu } from '../../../electron/core/localModels/whisperBinding.ts'
import { pipelineError } from '../../support/pipelineError.ts'
import { speech16k } from '../../support/whisperModel/recordings.ts'
import { writeTinyWhisperModel } from '../../support/whisperModel/tinyModel.ts'

let dir: string
let job: LocalTranscribeJob
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'speakloop-gpu-job-'))
  job = {
    audioPath: speech16k('Um, I think the weather is nice today.'),
    modelPath: writeTinyWhisperModel(join(dir, 'tiny.bin')),
    modelBytes: null,
    modelId: 'tiny',
    options: { ...whisperOptions('en'), maxThreads: 2 }
  }
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/**
 * An addon that records what each model load asked for. `failOn` lists the `useGpu` values whose
 * load fails, as whisper.cpp fails a context it cannot create (`undefined`: a load that named no device).
 */
function binding(calls: string[], gpu: WhisperGpu | null, failOn: (boolean | undefined)[] = [], gpuFallback?: string): WhisperBinding {
  return {
    packageName: gpu ? `@fugood/node-whisper-linux-x64-${gpu}` : '@fugood/node-whisper-linux-x64',
    gpu,
    gpuFallback,
    async initWhisper(options) {
      calls.push(`init ${JSON.stringify(options)}`)
      if (failOn.includes(options.useGpu)) throw new Error('Failed to initialize whisper context (ggml_vulkan: device lost)')
      return {
        transcribeData: () => ({ stop: async () => undefined, promise: Promise.resolve({ result: ' Hi', segments: [{ text: ' Hi', t0: 0, t1: 100 }] }) }),
        release: async () => void calls.push('release')
      }
    }
  }
}

const init = (options: object) => `init ${JSON.stringify(options)}`

describe('runTranscriptionJob with a GPU build of the addon', () => {
  it('asks a GPU build for the GPU, and the CPU build for the model file alone as before', async () => {
    const gpuCalls: string[] = []
    const onGpu = await runTranscriptionJob(job, { load: () => binding(gpuCalls, 'vulkan') })
    expect(gpuCalls).toEqual([init({ filePath: job.modelPath, useGpu: true }), 'release'])
    expect(onGpu.backend).toEqual({ gpu: 'vulkan', gpuFallback: null })

    const cpuCalls: string[] = []
    const onCpu = await runTranscriptionJob(job, { load: () => binding(cpuCalls, null) })
    expect(cpuCalls).toEqual([init({ filePath: job.modelPath }), 'release'])
    expect(onCpu.backend).toEqual({ gpu: null, gpuFallback: null })
  })

  it('loads the model once more on the CPU when the GPU cannot take it, and says so', async () => {
    const calls: string[] = []
    const reply = await runTranscriptionJob(job, { load: () => binding(calls, 'cuda', [true]) })
    expect(calls).toEqual([init({ filePath: job.modelPath, useGpu: true }), init({ filePath: job.modelPath, useGpu: false }), 'release'])
    expect(reply.whisper.result).toBe(' Hi')
    expect(reply.backend.gpu).toBeNull()
    expect(reply.backend.gpuFallback).toBe('@fugood/node-whisper-linux-x64-cuda on the GPU: Failed to initialize whisper context (ggml_vulkan: device lost)')
  })

  it('calls the model damaged only after the CPU retry fails too, and retries only once', async () => {
    const calls: string[] = []
    const error = await pipelineError(runTranscriptionJob(job, { load: () => binding(calls, 'vulkan', [true, false]) }))
    expect(error.message).toBe('The on-device speech model could not be loaded.')
    expect(error.hint).toBe('Delete the "tiny" model in Settings and download it again, then press Retry.')
    expect(calls).toEqual([init({ filePath: job.modelPath, useGpu: true }), init({ filePath: job.modelPath, useGpu: false })])
  })

  it('never retries a CPU build’s failed load', async () => {
    const calls: string[] = []
    const error = await pipelineError(runTranscriptionJob(job, { load: () => binding(calls, null, [undefined]) }))
    expect(error.message).toBe('The on-device speech model could not be loaded.')
    expect(calls).toEqual([init({ filePath: job.modelPath })])
  })

  it('passes on why an installed GPU build was not loaded', async () => {
    const reason = '@fugood/node-whisper-linux-x64-vulkan: Failed to load whisper.node: libvulkan.so.1: cannot open shared object file'
    const reply = await runTranscriptionJob(job, { load: () => binding([], null, [], reason) })
    expect(reply.backend).toEqual({ gpu: null, gpuFallback: reason })
  })
})
