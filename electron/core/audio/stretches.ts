import { existsSync, readdirSync } from 'node:fs'
import { appendFile, open, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pcmWavHeader, WAV_HEADER_BYTES } from '../../shared/wav.ts'
import { parseWavLayout, quietestCut, type WavLayout } from './wavSegments.ts'

/** A finished stretch of a recording, in its own WAV file, and where it sits in the recording. */
export interface StretchFile {
  seq: number
  path: string
  bytes: number
  /** The stretch's length; `offsetSeconds` is filled in by whoever knows the stretches before it. */
  seconds: number
}

/** How far back from its target length a stretch may be cut to land on a quiet moment. */
const CUT_WINDOW = 0.15

/**
 * A live 16-bit PCM WAV recording cut into stretches at quiet moments as it arrives, so each
 * stretch can be transcribed while the learner goes on speaking. Chunks are appended to the
 * current part, `<id>.<n>.part`; once it holds `targetSeconds`, it is cut at the quietest 50 ms
 * near its end: the audio before the cut becomes `<id>.s<n>.wav`, the rest starts part n+1.
 * Every step leaves files that `recoverStretches` can make sense of.
 */
export class StretchCutter {
  readonly #dir: string
  readonly #sessionId: string
  readonly #targetSeconds: number
  #seq = 0
  #partBytes = 0
  #layout: WavLayout | null = null

  constructor(dir: string, sessionId: string, targetSeconds: number) {
    this.#dir = dir
    this.#sessionId = sessionId
    this.#targetSeconds = targetSeconds
  }

  /** Appends a chunk; returns the stretch it completed, if any. */
  async append(data: Uint8Array): Promise<StretchFile | null> {
    const part = this.#partPath(this.#seq)
    await appendFile(part, data)
    this.#partBytes += data.length
    this.#layout ??= await readLayout(part, this.#partBytes)
    if (!this.#layout) return null
    const byteRate = this.#layout.sampleRate * this.#layout.blockAlign
    const target = Math.floor((this.#targetSeconds * byteRate) / this.#layout.blockAlign) * this.#layout.blockAlign
    const dataBytes = this.#partBytes - this.#layout.dataOffset
    if (this.#layout.bitsPerSample !== 16 || dataBytes < target) return null
    return this.#cut(part, dataBytes, target)
  }

  /** Ends the recording: the last part becomes the last stretch (null when it holds no audio). */
  async finish(): Promise<StretchFile | null> {
    const part = this.#partPath(this.#seq)
    if (!existsSync(part)) return null
    return completePart(this.#dir, this.#sessionId, this.#seq, part)
  }

  /**
   * The commit point is the rename of the stretch file: before it, the part still holds all of its
   * audio and wins; after it, the next part (written first) holds the rest.
   */
  async #cut(part: string, dataBytes: number, target: number): Promise<StretchFile> {
    const layout = this.#layout!
    const handle = await open(part, 'r')
    let cut: number
    try {
      const from = Math.floor((target * (1 - CUT_WINDOW)) / layout.blockAlign) * layout.blockAlign
      cut = await quietestCut(handle, layout, from, dataBytes - (dataBytes % layout.blockAlign))
      const audio = new Uint8Array(dataBytes)
      await handle.read(audio, 0, dataBytes, layout.dataOffset)
      await writeFile(this.#partPath(this.#seq + 1), Buffer.concat([pcmWavHeader(layout, 0), audio.subarray(cut)]))
      const path = stretchPath(this.#dir, this.#sessionId, this.#seq)
      await writeFile(`${path}.tmp`, Buffer.concat([pcmWavHeader(layout, cut), audio.subarray(0, cut)]))
      await rename(`${path}.tmp`, path)
    } finally {
      await handle.close()
    }
    await rm(part, { force: true })
    const stretch = await stretchAt(this.#dir, this.#sessionId, this.#seq)
    this.#seq += 1
    this.#partBytes = WAV_HEADER_BYTES + dataBytes - cut
    this.#layout = { ...layout, dataOffset: WAV_HEADER_BYTES }
    return stretch
  }

  #partPath(seq: number): string {
    return partPath(this.#dir, this.#sessionId, seq)
  }
}

/**
 * After a crash mid-recording: the stretch files of a session as they stand, in order, with the
 * unfinished part made the last one. A cut the crash interrupted (two parts) is undone by
 * dropping the later part, whose audio is still in the earlier one.
 */
export async function recoverStretches(dir: string, sessionId: string): Promise<StretchFile[]> {
  const parts: number[] = []
  const stretches: StretchFile[] = []
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(`${sessionId}.`)) continue
    if (name.endsWith('.tmp')) {
      await rm(join(dir, name), { force: true })
      continue
    }
    const match = /^(.+)\.(s?)(\d+)\.(wav|part)$/.exec(name)
    if (!match || match[1] !== sessionId) continue
    const seq = Number(match[3])
    if (match[2] === 's' && match[4] === 'wav') stretches.push(await stretchAt(dir, sessionId, seq))
    else if (match[2] === '' && match[4] === 'part') parts.push(seq)
  }
  parts.sort((a, b) => a - b)
  const kept = parts.find((seq) => !stretches.some((s) => s.seq === seq))
  for (const seq of parts) if (seq !== kept) await rm(partPath(dir, sessionId, seq), { force: true })
  if (kept !== undefined) {
    const last = await completePart(dir, sessionId, kept, partPath(dir, sessionId, kept))
    if (last) stretches.push(last)
  }
  return stretches.sort((a, b) => a.seq - b.seq)
}

/** Whether a file of the audio folder belongs to a stretched recording of this session. */
export function isStretchFile(name: string, sessionId: string): boolean {
  return name.startsWith(`${sessionId}.`) && /\.(s?\d+)\.(wav|part)$/.test(name)
}

function partPath(dir: string, sessionId: string, seq: number): string {
  return join(dir, `${sessionId}.${seq}.part`)
}

function stretchPath(dir: string, sessionId: string, seq: number): string {
  return join(dir, `${sessionId}.s${seq}.wav`)
}

/** Writes a part's real sizes into its header and gives it its stretch name; a part with no audio is removed. */
async function completePart(dir: string, sessionId: string, seq: number, part: string): Promise<StretchFile | null> {
  const size = (await stat(part)).size
  const layout = await readLayout(part, size)
  if (!layout || size <= layout.dataOffset) {
    await rm(part, { force: true })
    return null
  }
  const handle = await open(part, 'r+')
  try {
    const dataBytes = size - layout.dataOffset
    const sizes = Buffer.alloc(4)
    sizes.writeUInt32LE(size - 8)
    await handle.write(sizes, 0, 4, 4)
    sizes.writeUInt32LE(dataBytes)
    await handle.write(sizes, 0, 4, layout.dataOffset - 4)
  } finally {
    await handle.close()
  }
  const path = stretchPath(dir, sessionId, seq)
  await rename(part, path)
  return stretchAt(dir, sessionId, seq)
}

async function stretchAt(dir: string, sessionId: string, seq: number): Promise<StretchFile> {
  const path = stretchPath(dir, sessionId, seq)
  const bytes = (await stat(path)).size
  const layout = await readLayout(path, bytes)
  const seconds = layout ? layout.dataBytes / (layout.sampleRate * layout.blockAlign) : 0
  return { seq, path, bytes, seconds }
}

async function readLayout(file: string, size: number): Promise<WavLayout | null> {
  const handle = await open(file, 'r')
  try {
    const head = new Uint8Array(Math.min(size, 4096))
    await handle.read(head, 0, head.length, 0)
    return parseWavLayout(head, size)
  } catch {
    return null
  } finally {
    await handle.close()
  }
}
