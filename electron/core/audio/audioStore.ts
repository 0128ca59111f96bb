import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { appendFile, open, rename, rm, stat } from 'node:fs/promises'
import { WAV_HEADER_BYTES } from '../../shared/wav.ts'
import { join } from 'node:path'
import { isStretchFile, StretchCutter, type StretchFile } from './stretches.ts'

const EXTENSIONS: Record<string, string> = {
  'audio/webm': '.webm',
  'audio/ogg': '.ogg',
  'audio/wav': '.wav',
  'audio/mpeg': '.mp3',
  'audio/mp4': '.m4a'
}

/** Raised when a chunk arrives out of order or for a recording that is not open. */
export class ChunkOrderError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ChunkOrderError'
  }
}

/** A recording cut into stretches as it arrives, and where each finished stretch is handed on. */
export interface StretchOptions {
  seconds: number
  /** Called with each stretch as it is cut, before the next chunk is taken; it must record it durably. */
  onStretch: (stretch: StretchFile) => Promise<void>
}

interface Stretched extends StretchOptions {
  cutter: StretchCutter
  bytes: number
  /** Chunks are taken one at a time: a cut must not interleave with the next append. */
  tail: Promise<unknown>
}

/**
 * Audio files on the learner's disk. A recording is appended chunk by chunk to `<id>.part`
 * and renamed to its final name when finished, so a crash mid-recording leaves only a
 * `.part` file that the start-up sweep removes. A recording opened with stretches is instead
 * cut into `<id>.s<n>.wav` files as it arrives (see stretches.ts).
 */
export class AudioStore {
  readonly dir: string
  readonly #nextSeq = new Map<string, number>()
  readonly #stretched = new Map<string, Stretched>()

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'audio')
    mkdirSync(this.dir, { recursive: true })
  }

  /** Opens a recording; chunks are then accepted in sequence from 0. */
  open(sessionId: string, stretches?: StretchOptions): void {
    this.#nextSeq.set(sessionId, 0)
    if (stretches) {
      this.#stretched.set(sessionId, { ...stretches, cutter: new StretchCutter(this.dir, sessionId, stretches.seconds), bytes: 0, tail: Promise.resolve() })
    }
  }

  /** Appends one chunk; returns the bytes written so far. */
  async append(sessionId: string, seq: number, data: Uint8Array): Promise<number> {
    const expected = this.#nextSeq.get(sessionId)
    if (expected === undefined) throw new ChunkOrderError('This recording is not open.')
    if (seq !== expected) throw new ChunkOrderError(`Expected audio chunk ${expected}, got ${seq}.`)
    this.#nextSeq.set(sessionId, expected + 1)
    const stretched = this.#stretched.get(sessionId)
    if (stretched) {
      return this.#inTurn(stretched, async () => {
        const stretch = await stretched.cutter.append(data)
        stretched.bytes += data.length
        if (stretch) await stretched.onStretch(stretch)
        return stretched.bytes
      })
    }
    const file = this.partPath(sessionId)
    await appendFile(file, data)
    return (await stat(file)).size
  }

  /**
   * Closes a recording and moves it to its final name; returns its path and size. A stretched
   * recording hands its last stretch on instead, and has no single path.
   */
  async finish(sessionId: string, mimeType: string): Promise<{ path: string | null; bytes: number }> {
    if (!this.#nextSeq.delete(sessionId)) throw new ChunkOrderError('This recording is not open.')
    const stretched = this.#stretched.get(sessionId)
    if (stretched) {
      return this.#inTurn(stretched, async () => {
        this.#stretched.delete(sessionId)
        const last = await stretched.cutter.finish()
        if (last) await stretched.onStretch(last)
        return { path: null, bytes: stretched.bytes }
      })
    }
    const part = this.partPath(sessionId)
    const path = join(this.dir, `${sessionId}${EXTENSIONS[mimeType] ?? '.bin'}`)
    if (!existsSync(part)) return { path, bytes: 0 }
    if (mimeType === 'audio/wav') await completeStreamedWav(part)
    await rename(part, path)
    return { path, bytes: (await stat(path)).size }
  }

  /**
   * After a crash mid-recording: keeps what reached the disk by giving the partial file its final
   * name, or removes an empty one. Returns the kept file, or null when nothing was recorded.
   */
  async adoptPart(sessionId: string, mimeType: string): Promise<{ path: string; bytes: number } | null> {
    const part = this.partPath(sessionId)
    const bytes = existsSync(part) ? (await stat(part)).size : 0
    if (bytes === 0) {
      await rm(part, { force: true })
      return null
    }
    const path = join(this.dir, `${sessionId}${EXTENSIONS[mimeType] ?? '.bin'}`)
    if (mimeType === 'audio/wav') await completeStreamedWav(part)
    await rename(part, path)
    return { path, bytes }
  }

  /** Drops an open recording and its partial file, or every file of a stretched one. */
  async discard(sessionId: string): Promise<void> {
    this.#nextSeq.delete(sessionId)
    const stretched = this.#stretched.get(sessionId)
    this.#stretched.delete(sessionId)
    await stretched?.tail
    await rm(this.partPath(sessionId), { force: true })
    for (const name of readdirSync(this.dir)) if (isStretchFile(name, sessionId)) await rm(join(this.dir, name), { force: true })
  }

  /** Deletes a file of this store; a missing file is not an error. */
  async remove(path: string | null): Promise<void> {
    if (path && path.startsWith(this.dir)) await rm(path, { force: true })
  }

  /**
   * Removes every file that no session still needs: partial recordings not open now and
   * audio whose session is gone or already transcribed. `keep` holds the paths still needed.
   */
  async sweep(keep: ReadonlySet<string>): Promise<string[]> {
    const removed: string[] = []
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name)
      // A recording still open owns its part and its stretches not yet handed on.
      const owner = name.slice(0, name.indexOf('.'))
      if (this.#nextSeq.has(owner) || keep.has(path)) continue
      await rm(path, { force: true })
      removed.push(name)
    }
    return removed
  }

  partPath(sessionId: string): string {
    return join(this.dir, `${sessionId}.part`)
  }

  #inTurn<T>(stretched: Stretched, step: () => Promise<T>): Promise<T> {
    const result = stretched.tail.then(step)
    stretched.tail = result.catch(() => undefined)
    return result
  }
}

/**
 * A WAV recorded live (16 kHz PCM for on-device transcription) starts with a canonical header
 * whose sizes are 0, since its length is not known until it ends: write the real ones. Any
 * other file, an import with its sizes already set among them, is left as it is.
 */
async function completeStreamedWav(file: string): Promise<void> {
  const handle = await open(file, 'r+')
  try {
    const { size } = await handle.stat()
    if (size < WAV_HEADER_BYTES) return
    const header = Buffer.alloc(WAV_HEADER_BYTES)
    await handle.read(header, 0, WAV_HEADER_BYTES, 0)
    const canonical = header.toString('latin1', 0, 4) === 'RIFF' && header.toString('latin1', 8, 16) === 'WAVEfmt ' && header.toString('latin1', 36, 40) === 'data'
    if (!canonical || header.readUInt32LE(40) !== 0) return
    const sizes = Buffer.alloc(4)
    sizes.writeUInt32LE(Math.min(0xffffffff, size - 8))
    await handle.write(sizes, 0, 4, 4)
    sizes.writeUInt32LE(Math.min(0xffffffff, size - WAV_HEADER_BYTES))
    await handle.write(sizes, 0, 4, 40)
  } finally {
    await handle.close()
  }
}
