/**
 * Decodes a recording or an imported file to 16 kHz mono PCM with Web Audio (no ffmpeg), for
 * on-device transcription: any format the Chromium build decodes (WAV, WebM/Opus, MP3 and OGG
 * everywhere; tests/e2e/audioPrep.spec.ts pins WAV, MP3 and MediaRecorder's WebM).
 */

import { mixdown } from '../record/pcmWav.ts'
import { PCM_SAMPLE_RATE } from './pcmFormat.ts'

/** What the learner reads when a file is not audio Chromium can decode. */
export const UNDECODABLE_MESSAGE = 'This file could not be decoded as audio.'
/** What the learner reads when a file has no bytes at all. */
export const EMPTY_FILE_MESSAGE = 'This file is empty.'

/**
 * The audio in `bytes` as 16 kHz mono samples (the mean of its channels), of length
 * `resampledLength(frames, rate)` (pcmFormat.ts). `bytes` is handed to the decoder, which
 * detaches it: a large import is not copied. Rejects with EMPTY_FILE_MESSAGE or
 * UNDECODABLE_MESSAGE (the decoder's own error as `cause`).
 */
export async function decodeToPcm16k(bytes: ArrayBuffer): Promise<Float32Array> {
  if (bytes.byteLength === 0) throw new Error(EMPTY_FILE_MESSAGE)
  let audio: AudioBuffer
  try {
    // decodeAudioData resamples to its context's rate with Chromium's sinc resampler, better than
    // the linear interpolation a rendered AudioBufferSourceNode would use. An OfflineAudioContext
    // opens no audio device and needs no user gesture.
    audio = await new OfflineAudioContext(1, 1, PCM_SAMPLE_RATE).decodeAudioData(bytes)
  } catch (error) {
    throw new Error(UNDECODABLE_MESSAGE, { cause: error })
  }
  const channels = Array.from({ length: audio.numberOfChannels }, (_, i) => audio.getChannelData(i))
  return mixdown(channels, 0, audio.length)
}
