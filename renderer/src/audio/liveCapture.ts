/**
 * Live capture straight to 16 kHz mono 16-bit PCM, for on-device transcription of a recording
 * while it is made: the audio graph runs at 16 kHz, so Chromium resamples the microphone and
 * no decode is needed afterwards.
 */

import { Pcm16Chunker } from './pcmChunker.ts'
import { PCM_SAMPLE_RATE } from './pcmFormat.ts'

/** One second of audio a chunk by default: 32 000 bytes. */
export const LIVE_CHUNK_FRAMES = PCM_SAMPLE_RATE
/** 256 ms at 16 kHz: the latency of a chunk's first samples, small beside a one-second chunk. */
const PROCESSOR_FRAMES = 4096

export interface LivePcmCapture {
  /** Frames captured so far. */
  frames: () => number
  /** While paused, the microphone's audio is dropped: the recording goes on where it stopped. */
  setPaused: (paused: boolean) => void
  /** Stops capturing, emits the last (shorter) chunk, and closes the audio context. The stream stays open. */
  stop: () => Promise<void>
}

/**
 * Captures `stream` as 16 kHz mono (the mean of its channels) and calls `onChunk` with each
 * chunk of `chunkFrames` frames of little-endian 16-bit PCM, in order.
 */
export async function capturePcm16k(
  stream: MediaStream,
  onChunk: (chunk: Uint8Array<ArrayBuffer>) => void,
  options: { chunkFrames?: number } = {}
): Promise<LivePcmCapture> {
  const chunker = new Pcm16Chunker(options.chunkFrames ?? LIVE_CHUNK_FRAMES, onChunk)
  const context = new AudioContext({ sampleRate: PCM_SAMPLE_RATE })
  // A context made outside a user gesture starts suspended and would capture nothing.
  await context.resume()
  const source = context.createMediaStreamSource(stream)
  // A ScriptProcessorNode (deprecated, still supported) rather than an AudioWorklet: a worklet
  // needs its own module file, bundled apart by Vite and allowed by the CSP, for no gain at
  // this chunk size. One input channel: Web Audio down-mixes stereo to (L + R) / 2.
  const processor = context.createScriptProcessor(PROCESSOR_FRAMES, 1, 1)
  let paused = false
  processor.onaudioprocess = (event) => {
    if (!paused) chunker.push(event.inputBuffer.getChannelData(0))
  }
  // A ScriptProcessorNode only runs while connected to the destination; the gain keeps it silent.
  const mute = new GainNode(context, { gain: 0 })
  source.connect(processor).connect(mute).connect(context.destination)

  let stopped: Promise<void> | null = null
  return {
    frames: () => chunker.frames,
    setPaused: (value) => {
      paused = value
    },
    stop: () => {
      stopped ??= (async () => {
        processor.onaudioprocess = null
        source.disconnect()
        processor.disconnect()
        chunker.flush()
        await context.close()
      })()
      return stopped
    }
  }
}
