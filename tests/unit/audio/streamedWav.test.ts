import { readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AudioStore } from '../../../electron/core/audio/audioStore.ts'
import { pcmWavHeader } from '../../../electron/shared/wav.ts'

const FORMAT = { sampleRate: 16_000, channels: 1, bitsPerSample: 16 }
let dir: string | null = null

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = null
})

async function store(): Promise<AudioStore> {
  dir = await mkdtemp(join(tmpdir(), 'speakloop-wav-'))
  return new AudioStore(dir)
}

const sizes = (file: string) => {
  const bytes = readFileSync(file)
  return { riff: bytes.readUInt32LE(4), data: bytes.readUInt32LE(40), length: bytes.length }
}

describe('a WAV recorded live, whose length was unknown when its header was sent', () => {
  it('gets its real RIFF and data sizes when the recording is finished', async () => {
    const audio = await store()
    audio.open('s')
    await audio.append('s', 0, pcmWavHeader(FORMAT, 0))
    await audio.append('s', 1, new Uint8Array(32_000))
    await audio.append('s', 2, new Uint8Array(1_000))
    const { path } = await audio.finish('s', 'audio/wav') as { path: string }
    expect(sizes(path)).toEqual({ riff: 44 + 33_000 - 8, data: 33_000, length: 44 + 33_000 })
  })

  it('gets them too when a crash cut it short and start-up keeps it', async () => {
    const audio = await store()
    writeFileSync(audio.partPath('c'), Buffer.concat([pcmWavHeader(FORMAT, 0), Buffer.alloc(640)]))
    const kept = await audio.adoptPart('c', 'audio/wav')
    expect(sizes(kept!.path)).toEqual({ riff: 44 + 640 - 8, data: 640, length: 44 + 640 })
  })

  it('leaves an imported WAV, whose sizes were right from the start, as it is', async () => {
    const audio = await store()
    audio.open('i')
    const header = pcmWavHeader(FORMAT, 600)
    await audio.append('i', 0, header)
    await audio.append('i', 1, new Uint8Array(640))
    const { path } = await audio.finish('i', 'audio/wav') as { path: string }
    expect(sizes(path)).toEqual({ riff: 36 + 600, data: 600, length: 44 + 640 })
  })
})
