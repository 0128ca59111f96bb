import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat, statfs } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Readable, type Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { formatBytes } from './catalog.ts'
import { checkPinned, checkUrl, isAllowedUrl, ModelDownloadError, rangeStart } from './downloadPolicy.ts'

export { ModelDownloadError, type DownloadErrorCode } from './downloadPolicy.ts'

export interface DownloadProgress {
  /** Bytes on disk so far, including what an earlier, interrupted attempt left. */
  bytes: number
  total: number
  /** Over this attempt only, so a resumed download does not claim an impossible rate. */
  bytesPerSecond: number
}

/** The file-system calls a download makes that tests need to fail on purpose (ENOSPC). */
export interface DownloadFs {
  statfs(path: string): Promise<{ bavail: number; bsize: number }>
  createWriteStream(path: string, flags: 'a' | 'w'): Writable
}

/** The real file system. */
export const nodeDownloadFs: DownloadFs = {
  statfs: (path) => statfs(path),
  createWriteStream: (path, flags) => createWriteStream(path, { flags })
}

export interface DownloadOptions {
  url: string
  /** Final path of the model; bytes go to `<dest>.part` until they are verified. */
  dest: string
  /** Null means not pinned: refused, never installed unchecked. */
  sha256: string | null
  expectedBytes: number
  /** Aborting pauses: the part file stays, and the next call resumes it. */
  signal?: AbortSignal
  onProgress?: (progress: DownloadProgress) => void
  fetchImpl?: typeof fetch
  /** Lets a test use a plain-HTTP loopback server; any other HTTP address is still refused. */
  allowHttpForTests?: boolean
  fs?: DownloadFs
  now?: () => number
  /** Progress events are at most this often (the final one always comes); 0 reports every chunk. */
  progressIntervalMs?: number
}

/**
 * Downloads a model to `dest`, resuming an earlier `.part` with an HTTP Range request, and
 * renames it into place only after its SHA-256 matched. Throws `ModelDownloadError`.
 */
export async function downloadModel(options: DownloadOptions): Promise<void> {
  const url = checkUrl(options.url, options.allowHttpForTests ?? false)
  const sha256 = checkPinned(options.sha256)
  const fs = options.fs ?? nodeDownloadFs
  const part = `${options.dest}.part`
  await mkdir(dirname(options.dest), { recursive: true })

  let have = await sizeOf(part)
  if (have > options.expectedBytes) {
    // Longer than the model can be: not a prefix of it, so it cannot be resumed.
    await rm(part, { force: true })
    have = 0
  }
  if (have < options.expectedBytes) {
    await ensureFreeSpace(fs, dirname(options.dest), options.expectedBytes - have)
    await fetchInto(url, part, have, options, fs)
  }
  await verifyAndInstall(part, options.dest, sha256, options.expectedBytes)
}

async function fetchInto(url: URL, part: string, have: number, options: DownloadOptions, fs: DownloadFs): Promise<void> {
  const { signal, expectedBytes } = options
  const response = await request(url, have, options)
  let offset = have
  if (response.status === 416 && have > 0) {
    // The server has no bytes past ours: the part is from another file. Start over once.
    await response.body?.cancel()
    await rm(part, { force: true })
    return fetchInto(url, part, 0, options, fs)
  }
  if (response.status === 404) {
    await response.body?.cancel()
    throw new ModelDownloadError('not-found', 'The model file was not found on the download server (HTTP 404).')
  }
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel()
    throw new ModelDownloadError('http', `The download server answered with an error (HTTP ${response.status}). Try again later.`, {
      resumable: have > 0
    })
  }
  if (response.status === 206) {
    const start = rangeStart(response.headers.get('content-range'))
    if (start !== offset) {
      await response.body?.cancel()
      await rm(part, { force: true })
      if (offset === 0) throw new ModelDownloadError('http', 'The download server sent an unexpected part of the file.')
      return fetchInto(url, part, 0, options, fs)
    }
  } else {
    // A 200 is the whole file: the server ignored our Range, so the part is rewritten from zero.
    offset = 0
  }
  const length = Number(response.headers.get('content-length'))
  if (response.headers.has('content-length') && offset + length !== expectedBytes) {
    await response.body?.cancel()
    throw new ModelDownloadError('size', 'The download server offered a file of a different size than expected, so it was not downloaded.')
  }
  if (!response.body) throw new ModelDownloadError('interrupted', 'The download server sent no data.', { resumable: true })

  const now = options.now ?? Date.now
  const interval = options.progressIntervalMs ?? 250
  const startedAt = now()
  let bytes = offset
  let lastReport = -Infinity
  const report = (force: boolean) => {
    const t = now()
    if (!force && t - lastReport < interval) return
    lastReport = t
    const seconds = (t - startedAt) / 1000
    options.onProgress?.({ bytes, total: expectedBytes, bytesPerSecond: seconds > 0 ? (bytes - offset) / seconds : 0 })
  }
  report(true)
  const count = (length: number) => {
    // fetch aborts its body on the signal; this covers an injected fetch that does not.
    signal?.throwIfAborted()
    bytes += length
    if (bytes > expectedBytes) {
      throw new ModelDownloadError('size', 'The download server sent more data than the model has, so the download was stopped.')
    }
    report(false)
  }

  try {
    const body = Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>)
    await writeBody(body, fs.createWriteStream(part, offset > 0 ? 'a' : 'w'), count)
  } catch (error) {
    throw await streamFailure(error, part, signal)
  }
  report(true)
  if (bytes !== expectedBytes) {
    throw new ModelDownloadError('interrupted', 'The download stopped before the end. It will resume where it stopped.', { resumable: true })
  }
}

/**
 * Copies the body to the part file. Unlike `pipeline`, a failed read (dropped connection, pause)
 * still flushes what already arrived, so the resume starts as late as possible. A write error
 * (ENOSPC) wins over a read error: it is the one the learner has to act on.
 */
async function writeBody(body: AsyncIterable<Uint8Array>, out: Writable, count: (length: number) => void): Promise<void> {
  let writeError: unknown = null
  let readError: unknown = null
  out.on('error', (error) => (writeError ??= error))
  try {
    for await (const chunk of body) {
      if (writeError) break
      count(chunk.length)
      if (!out.write(chunk)) await drained(out)
    }
  } catch (error) {
    readError = error
  }
  out.end()
  await finished(out).catch((error: unknown) => (writeError ??= error))
  if (writeError) throw writeError
  if (readError) throw readError
}

function drained(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done)
      out.off('error', done)
      resolve()
    }
    out.on('drain', done)
    out.on('error', done)
  })
}

async function request(url: URL, have: number, options: DownloadOptions): Promise<Response> {
  const fetchImpl = options.fetchImpl ?? fetch
  let response: Response
  try {
    response = await fetchImpl(url, {
      headers: have > 0 ? { Range: `bytes=${have}-` } : {},
      redirect: 'follow',
      signal: options.signal
    })
  } catch (error) {
    if (options.signal?.aborted) throw paused(error)
    throw new ModelDownloadError('network', 'Could not reach the download server. Check your connection and try again.', {
      resumable: have > 0,
      cause: error
    })
  }
  // Hugging Face redirects to a CDN; a redirect must not downgrade the transfer to plain HTTP.
  if (response.url && !isAllowedUrl(new URL(response.url), options.allowHttpForTests ?? false)) {
    await response.body?.cancel()
    throw new ModelDownloadError('insecure-url', 'The download was redirected to an insecure address, so it was stopped.')
  }
  return response
}

async function streamFailure(error: unknown, part: string, signal: AbortSignal | undefined): Promise<ModelDownloadError> {
  if (signal?.aborted) return paused(error)
  if (error instanceof ModelDownloadError) {
    if (error.code === 'size') await rm(part, { force: true })
    return error
  }
  if ((error as NodeJS.ErrnoException)?.code === 'ENOSPC') {
    return new ModelDownloadError('disk-full', 'Your disk is full: free some space, then resume the download.', {
      resumable: true,
      cause: error
    })
  }
  return new ModelDownloadError('interrupted', 'The download was interrupted. It will resume where it stopped.', {
    resumable: true,
    cause: error
  })
}

function paused(cause: unknown): ModelDownloadError {
  return new ModelDownloadError('paused', 'Download paused.', { resumable: true, cause })
}

async function verifyAndInstall(part: string, dest: string, sha256: string, expectedBytes: number): Promise<void> {
  const size = await sizeOf(part)
  if (size !== expectedBytes) {
    await rm(part, { force: true })
    throw new ModelDownloadError('size', 'The downloaded model has the wrong size, so it was deleted. Try the download again.')
  }
  // Over the whole file, not just this attempt's bytes: a resumed part must be checked too.
  const actual = await sha256OfFile(part)
  if (actual !== sha256) {
    await rm(part, { force: true })
    throw new ModelDownloadError('checksum', 'The downloaded model did not match its expected checksum, so it was deleted. Try the download again.')
  }
  await rename(part, dest)
}

/** Hex SHA-256 of a file's contents, streamed so a 500 MB model is never in memory at once. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

async function ensureFreeSpace(fs: DownloadFs, dir: string, needed: number): Promise<void> {
  const { bavail, bsize } = await fs.statfs(dir)
  const free = bavail * bsize
  if (free < needed) {
    throw new ModelDownloadError('disk-full', `Your disk is full: this model needs ${formatBytes(needed)} of free space and ${formatBytes(free)} is free.`, {
      resumable: true
    })
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0
    throw error
  }
}
