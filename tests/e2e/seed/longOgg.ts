import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const CACHE = join(tmpdir(), 'speakloop-test-audio')

const PARAGRAPHS = [
  'Last summer I went to Portugal with my sister. We stayed in a small hotel near the sea, and every morning we walked ' +
    'along the beach before breakfast. The food was very good, especially the fish, and the people were patient with my Portuguese.',
  'At work we started a new project in March. My manager asked me to organise the meetings, and at first it was difficult, ' +
    'because the team is spread over three cities. Now we talk every Monday and I think the project is going well.'
]

/** How long each encoded link lasts, and how many links the file chains. */
const LINK_SECONDS = 110
const LINKS = 8

export interface LongOgg {
  path: string
  bytes: number
  /** Length of the audio, from the spoken WAVs (the OGG decodes to the same length). */
  seconds: number
}

/**
 * An Ogg Vorbis file of real espeak-ng speech, about 16 minutes and 45 MB: 48 kHz stereo at quality
 * 10 (about 400 kbit/s), long enough that even its 16 kHz mono WAV (32 KB/s) is over the 25 MB
 * upload limit. Encoding sixteen minutes of Vorbis takes well over 20 s on one core, so
 * two different links (one per paragraph, encoded in parallel) are chained A B A B A B: a chained
 * stream is valid Ogg (RFC 3533), and each link has its own serial number. Cached by content.
 */
export async function longOggVorbis(): Promise<LongOgg> {
  mkdirSync(CACHE, { recursive: true })
  const path = join(CACHE, `long-speech-v1-${LINKS}x${LINK_SECONDS}.ogg`)
  const meta = `${path}.json`
  if (existsSync(path) && existsSync(meta)) return { path, bytes: statSync(path).size, seconds: JSON.parse(readFileSync(meta, 'utf8')).seconds }

  const links = await Promise.all(
    PARAGRAPHS.map(async (text, i) => {
      const wav = join(CACHE, `long-speech-v1-${i}.wav`)
      await run('espeak-ng', ['-s', '150', '-w', wav, text])
      const spoken = wavSeconds(wav)
      const repeats = Math.ceil(LINK_SECONDS / spoken)
      const ogg = join(CACHE, `long-speech-v1-${i}.ogg`)
      // `repeat N` plays the input N+1 times.
      await run('sox', [wav, '-r', '48000', '-c', '2', '-C', '10', ogg, 'repeat', String(repeats - 1)])
      return { data: readFileSync(ogg), seconds: spoken * repeats }
    })
  )
  const chain = Array.from({ length: LINKS }, (_, i) => links[i % links.length]!)
  const partial = `${path}.partial`
  writeFileSync(partial, Buffer.concat(chain.map((l) => l.data)))
  renameSync(partial, path)
  const seconds = chain.reduce((sum, l) => sum + l.seconds, 0)
  writeFileSync(meta, JSON.stringify({ seconds }))
  return { path, bytes: statSync(path).size, seconds }
}

/** The duration of a 16-bit PCM WAV as espeak-ng writes it (44-byte header). */
function wavSeconds(path: string): number {
  const head = readFileSync(path).subarray(0, 44)
  const channels = head.readUInt16LE(22)
  const rate = head.readUInt32LE(24)
  return (statSync(path).size - 44) / (rate * channels * 2)
}
