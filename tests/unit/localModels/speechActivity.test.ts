import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hasSpeech, measureSpeech } from '../../../electron/core/localModels/speechActivity.ts'
import { wavToWhisperPcm } from '../../../electron/core/localModels/whisperAudio.ts'
import { soxSynth, speech16k } from '../../support/whisperModel/recordings.ts'

const pcm = (file: string) => wavToWhisperPcm(readFileSync(file))
const FORMAT = ['-r', '16000', '-c', '1', '-b', '16']

describe('measureSpeech', () => {
  it('finds the speech in an espeak-ng recording', () => {
    const activity = measureSpeech(pcm(speech16k('Yesterday I went to the market and bought some apples.')), 16_000)
    expect(activity.speechSeconds).toBeGreaterThan(1.5)
    expect(activity.speechSeconds).toBeLessThanOrEqual(activity.totalSeconds)
    expect(hasSpeech(activity)).toBe(true)
  })

  it('finds none in 60 seconds of silence made by sox', () => {
    const activity = measureSpeech(pcm(soxSynth('silence-60s.wav', FORMAT, ['trim', '0', '60'])), 16_000)
    expect(activity.totalSeconds).toBe(60)
    expect(activity.speechSeconds).toBe(0)
    expect(hasSpeech(activity)).toBe(false)
  })

  it('finds none in steady noise or hum, however loud: speech rises above its noise floor', () => {
    expect(hasSpeech(measureSpeech(pcm(soxSynth('pinknoise-10s.wav', FORMAT, ['synth', '10', 'pinknoise', 'gain', '-20'])), 16_000))).toBe(false)
    expect(hasSpeech(measureSpeech(pcm(soxSynth('hum-10s.wav', FORMAT, ['synth', '10', 'sine', '50', 'gain', '-10'])), 16_000))).toBe(false)
  })

  it('finds none in a recording too quiet to be a voice (below -50 dBFS)', () => {
    const quiet = pcm(speech16k('Yesterday I went to the market and bought some apples.')).map((s) => Math.round(s / 300))
    expect(hasSpeech(measureSpeech(quiet, 16_000))).toBe(false)
  })

  it('still finds a short answer: half a second of speech in ten seconds of room noise', () => {
    const noise = pcm(soxSynth('whitenoise-10s-quiet.wav', FORMAT, ['synth', '10', 'whitenoise', 'gain', '-55']))
    const word = pcm(speech16k('Yes.'))
    const mixed = noise.map((n, i) => Math.max(-32768, Math.min(32767, n + (word[i - 48_000] ?? 0))))
    const activity = measureSpeech(mixed, 16_000)
    expect(activity.speechSeconds).toBeGreaterThanOrEqual(0.3)
    expect(activity.speechSeconds).toBeLessThan(1.5)
    expect(hasSpeech(activity)).toBe(true)
  })
})
