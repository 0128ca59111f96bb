import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/core/app.ts'
import { findModel, type WhisperModel } from '../../../electron/core/localModels/catalog.ts'
import { modelPath } from '../../../electron/core/localModels/modelStore.ts'
import { memorySecretStore } from '../../../electron/core/settings/secrets.ts'
import { pcmWavHeader } from '../../../electron/shared/wav.ts'
import { speech16k } from '../../support/whisperModel/recordings.ts'
import { writeTinyWhisperModel } from '../../support/whisperModel/tinyModel.ts'
import { whisperAddonInstalled } from '../../support/whisperModel/addon.ts'

/**
 * The whole loop without a key and without a network: the app's own provider choice ("auto"
 * with no keys), a recording streamed the way the renderer streams one for on-device mode (a
 * WAV header with its sizes left at 0, then PCM chunks), whisper.cpp in a worker process with a
 * generated random-weight model, and the offline analyzer.
 */

const MIGRATIONS = join(import.meta.dirname, '../../../prisma/migrations')
const installed = whisperAddonInstalled()

let dir: string | null = null
let core: Core | null = null

afterEach(async () => {
  await core?.shutdown()
  if (dir) await rm(dir, { recursive: true, force: true })
  core = dir = null
})

/** A core whose catalog's "base" model is the generated one, installed in the data dir ("small" is not downloaded). */
async function openCore(): Promise<Core> {
  dir = await mkdtemp(join(tmpdir(), 'speakloop-on-device-'))
  const base = findModel('base')!
  const file = readFileSync(writeTinyWhisperModel(join(dir, 'tiny.bin')))
  const model: WhisperModel = { ...base, sizeBytes: file.length, sha256: createHash('sha256').update(file).digest('hex') }
  writeTinyWhisperModel(modelPath(dir, model))
  core = await createCore({ dataDir: dir, migrationsDir: MIGRATIONS, secrets: memorySecretStore({}), env: {}, models: { models: [model, findModel('small')!] } })
  await core.start()
  return core
}

/** Sends `wav`'s samples as the renderer's live 16 kHz capture does: header with sizes 0, then 1 s chunks. */
async function streamLikeTheRecorder(app: Core, wav: Buffer): Promise<string> {
  const { sessionId } = await app.call('recording:start', { mimeType: 'audio/wav', source: 'recording' })
  const pcm = wav.subarray(44)
  const chunks: Uint8Array<ArrayBuffer>[] = [Uint8Array.from(pcmWavHeader({ sampleRate: 16_000, channels: 1, bitsPerSample: 16 }, 0))]
  for (let at = 0; at < pcm.length; at += 32_000) chunks.push(Uint8Array.from(pcm.subarray(at, at + 32_000)))
  for (const [seq, data] of chunks.entries()) await app.call('recording:chunk', { sessionId, seq, data })
  await app.call('recording:finish', { sessionId, durationMs: Math.round((pcm.length / 32_000) * 1000) })
  return sessionId
}

describe.skipIf(!installed)('on-device mode, with no key set', () => {
  it('takes a live 16 kHz recording to DONE on this computer, sends nothing, and deletes the audio', async () => {
    const app = await openCore()
    const settings = await app.call('settings:get', {})
    expect(settings.resolved).toEqual({ transcription: 'on-device', analysis: 'on-device' })

    const wav = readFileSync(speech16k('Yesterday I go to the market and I buy some apples.'))
    const id = await streamLikeTheRecorder(app, wav)
    await app.waitForIdle()

    const session = await app.call('sessions:get', { id })
    expect(session.errorMessage).toBeNull()
    expect(session.status).toBe('DONE')
    // The random weights make nonsense, but timed nonsense inside the recording (seconds).
    const words = session.transcript?.words ?? []
    expect(words.length).toBeGreaterThan(0)
    expect(words.every((w) => w.start >= 0 && w.end <= (wav.length - 44) / 32_000)).toBe(true)
    // Transcribed while recording: one stretch at this length, transcribed on this computer.
    const sent = session.ledger.filter((entry) => !entry.what.startsWith('audio deleted'))
    expect(sent.map((entry) => [entry.provider, entry.what, entry.bytes])).toEqual([
      ['on-device transcription', 'nothing sent (part 1 of the recording)', 0],
      ['on-device analysis', 'nothing sent', 0]
    ])
    expect(readdirSync(join(dir!, 'audio'))).toEqual([])
  }, 60_000)

  it('without a downloaded model, asks for a key or a download, and keeps the audio for a retry', async () => {
    const app = await openCore()
    const wav = readFileSync(speech16k('I am agree with you.'))

    // Automatic: no key and no model, so either would do.
    await app.call('settings:update', { localModel: 'small' })
    const automatic = await app.call('sessions:get', { id: await streamLikeTheRecorder(app, wav) })
    await app.waitForIdle()
    const asked = await app.call('sessions:get', { id: automatic.id })
    expect(asked.status).toBe('FAILED')
    expect(asked.errorMessage).toBe('Add your OpenAI API key in Settings.')
    expect(asked.errorHint).toMatch(/download an on-device model/)

    // On-device chosen outright: the model it needs.
    await app.call('settings:update', { transcriptionProvider: 'on-device' })
    const id = await streamLikeTheRecorder(app, wav)
    await app.waitForIdle()
    const session = await app.call('sessions:get', { id })
    expect(session.status).toBe('FAILED')
    expect(session.errorMessage).toBe('The on-device speech model is missing.')
    expect(session.errorHint).toBe('Download the "small" model in Settings, then press Retry.')
    expect(readdirSync(join(dir!, 'audio'))).toHaveLength(2)
  }, 60_000)
})
