import { createHash, randomBytes } from 'node:crypto'
import { appendFileSync, existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  downloadModel,
  ModelDownloadError,
  nodeDownloadFs,
  type DownloadOptions,
  type DownloadProgress
} from '../../../electron/core/localModels/downloader.ts'

const MODEL = randomBytes(256 * 1024)
const SHA = createHash('sha256').update(MODEL).digest('hex')
const CHUNK = 16 * 1024

type Mode = 'full' | 'drop-first' | 'ignore-range' | 'slow' | '404'

/** A loopback model server: serves MODEL with Range support, and misbehaves on request. */
class ModelServer {
  readonly requests: { range: string | undefined }[] = []
  mode: Mode = 'full'
  #server: Server | null = null

  async start(): Promise<string> {
    this.#server = createServer((req, res) => this.#handle(req, res))
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/ggml-test.bin`
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections()
    await new Promise((resolve) => this.#server?.close(resolve))
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests.push({ range: req.headers.range })
    if (this.mode === '404') {
      res.writeHead(404).end('not found')
      return
    }
    const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
    const start = match && this.mode !== 'ignore-range' ? Number(match[1]) : 0
    const body = MODEL.subarray(start)
    const headers: Record<string, string | number> = { 'content-type': 'application/octet-stream', 'content-length': body.length }
    if (start > 0) headers['content-range'] = `bytes ${start}-${MODEL.length - 1}/${MODEL.length}`
    res.writeHead(start > 0 ? 206 : 200, headers)
    if (this.mode === 'drop-first' && this.requests.length === 1) {
      // Half the body, then the connection dies: what a flaky network does mid-download.
      res.write(body.subarray(0, body.length / 2), () => res.socket?.destroy())
      return
    }
    if (this.mode === 'slow') {
      let offset = 0
      const next = () => {
        if (offset >= body.length || res.destroyed) return res.end()
        res.write(body.subarray(offset, offset + CHUNK))
        offset += CHUNK
        setTimeout(next, 5)
      }
      next()
      return
    }
    res.end(body)
  }
}

let dir: string
let server: ModelServer
let url: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'speakloop-download-'))
  server = new ModelServer()
  url = await server.start()
})

afterEach(async () => {
  await server.stop()
  await rm(dir, { recursive: true, force: true })
})

const dest = () => join(dir, 'models', 'ggml-test.bin')
// Compared by hash: a deep equality over 256 KB of bytes is needlessly slow.
const installedSha = async () => createHash('sha256').update(await readFile(dest())).digest('hex')
const options = (overrides: Partial<DownloadOptions> = {}): DownloadOptions => ({
  url,
  dest: dest(),
  sha256: SHA,
  expectedBytes: MODEL.length,
  allowHttpForTests: true,
  progressIntervalMs: 0,
  ...overrides
})

async function downloadError(promise: Promise<unknown>): Promise<ModelDownloadError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ModelDownloadError)
  return error as ModelDownloadError
}

describe('downloadModel', () => {
  it('downloads, verifies and installs the model, reporting progress up to the total', async () => {
    const events: DownloadProgress[] = []
    let clock = 0
    await downloadModel(options({ onProgress: (p) => events.push(p), now: () => (clock += 100) }))
    expect(await installedSha()).toBe(SHA)
    expect(existsSync(`${dest()}.part`)).toBe(false)
    expect(events[0]).toMatchObject({ bytes: 0, total: MODEL.length })
    expect(events.at(-1)).toMatchObject({ bytes: MODEL.length, total: MODEL.length })
    expect(events.at(-1)!.bytesPerSecond).toBeGreaterThan(0)
    const bytes = events.map((e) => e.bytes)
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b))
  })

  it('resumes with a Range request after the server drops the connection mid-body', async () => {
    server.mode = 'drop-first'
    const first = await downloadError(downloadModel(options()))
    expect(first.code).toBe('interrupted')
    expect(first.resumable).toBe(true)
    const kept = (await stat(`${dest()}.part`)).size
    expect(kept).toBeGreaterThan(0)
    expect(kept).toBeLessThan(MODEL.length)

    const events: DownloadProgress[] = []
    await downloadModel(options({ onProgress: (p) => events.push(p) }))
    expect(server.requests.at(-1)!.range).toBe(`bytes=${kept}-`)
    expect(events[0]!.bytes).toBe(kept)
    expect(await installedSha()).toBe(SHA)
  })

  it('follows a redirect from the pinned address to another server (a CDN), and a resume sends its Range there too', async () => {
    // The pinned URL only redirects, as huggingface.co/…/resolve/… does.
    const redirector = createServer((req, res) => res.writeHead(302, { location: url }).end())
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve))
    const pinned = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/ggerganov/whisper.cpp/resolve/rev/ggml-test.bin`
    try {
      server.mode = 'drop-first'
      expect((await downloadError(downloadModel(options({ url: pinned })))).code).toBe('interrupted')
      const kept = (await stat(`${dest()}.part`)).size
      await downloadModel(options({ url: pinned }))
      expect(server.requests.map((r) => r.range)).toEqual([undefined, `bytes=${kept}-`])
      expect(await installedSha()).toBe(SHA)
    } finally {
      redirector.closeAllConnections()
      await new Promise((resolve) => redirector.close(resolve))
    }
  })

  it('starts over when the server ignores the Range and sends the whole file (200)', async () => {
    // Bytes that are not a prefix of the model: appending to them would corrupt the file.
    await mkdir(dirname(dest()), { recursive: true })
    await writeFile(`${dest()}.part`, randomBytes(1000))
    server.mode = 'ignore-range'
    await downloadModel(options())
    expect(server.requests.at(-1)!.range).toBe('bytes=1000-')
    expect(await installedSha()).toBe(SHA)
  })

  it('pauses on abort, keeping the part, and resumes where it stopped', async () => {
    server.mode = 'slow'
    const controller = new AbortController()
    const paused = await downloadError(
      downloadModel(options({ signal: controller.signal, onProgress: (p) => p.bytes >= 4 * CHUNK && controller.abort() }))
    )
    expect(paused.code).toBe('paused')
    const kept = (await stat(`${dest()}.part`)).size
    expect(kept).toBeGreaterThan(0)
    expect(kept).toBeLessThan(MODEL.length)

    await downloadModel(options())
    expect(server.requests.at(-1)!.range).toBe(`bytes=${kept}-`)
    expect(await installedSha()).toBe(SHA)
  })

  it('rejects a checksum mismatch and deletes what it downloaded', async () => {
    const error = await downloadError(downloadModel(options({ sha256: 'ab'.repeat(32) })))
    expect(error.code).toBe('checksum')
    expect(error.message).toMatch(/did not match its expected checksum/)
    expect(existsSync(`${dest()}.part`)).toBe(false)
    expect(existsSync(dest())).toBe(false)
  })

  it('turns ENOSPC mid-download into "Your disk is full…" and keeps the part for a resume', async () => {
    const limit = 100 * 1024
    let written = 0
    const fullDisk = {
      ...nodeDownloadFs,
      createWriteStream: (path: string) =>
        new Writable({
          write(chunk: Buffer, _encoding, callback) {
            if (written + chunk.length > limit) {
              callback(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }))
              return
            }
            appendFileSync(path, chunk)
            written += chunk.length
            callback()
          }
        })
    }
    const error = await downloadError(downloadModel(options({ fs: fullDisk })))
    expect(error.code).toBe('disk-full')
    expect(error.message).toMatch(/^Your disk is full/)
    expect(error.resumable).toBe(true)
    expect((await stat(`${dest()}.part`)).size).toBe(written)

    await downloadModel(options())
    expect(await installedSha()).toBe(SHA)
  })

  it('checks free space before starting and asks for none of the file when it would not fit', async () => {
    const tiny = { ...nodeDownloadFs, statfs: async () => ({ bavail: 10, bsize: 4096 }) }
    const error = await downloadError(downloadModel(options({ fs: tiny })))
    expect(error.code).toBe('disk-full')
    expect(error.message).toMatch(/^Your disk is full/)
    expect(server.requests).toHaveLength(0)
  })

  it('refuses plain HTTP unless a test allows it, and then only on loopback', async () => {
    const refused = await downloadError(downloadModel(options({ allowHttpForTests: false })))
    expect(refused.code).toBe('insecure-url')
    expect(refused.message).toBe('Speakloop only downloads models over HTTPS.')
    const remote = await downloadError(downloadModel(options({ url: 'http://example.com/ggml-tiny.bin' })))
    expect(remote.code).toBe('insecure-url')
    expect(server.requests).toHaveLength(0)
  })

  it('refuses a redirect that lands on plain HTTP', async () => {
    const fetchImpl = (async () => Object.defineProperty(new Response('x'), 'url', { value: 'http://cdn.example.com/model' })) as typeof fetch
    const error = await downloadError(downloadModel(options({ url: 'https://huggingface.co/m.bin', fetchImpl, allowHttpForTests: false })))
    expect(error.code).toBe('insecure-url')
  })

  it('says clearly when the model is not on the server (404)', async () => {
    server.mode = '404'
    const error = await downloadError(downloadModel(options()))
    expect(error.code).toBe('not-found')
    expect(error.message).toBe('The model file was not found on the download server (HTTP 404).')
  })

  it('refuses a model with no pinned checksum before contacting anyone', async () => {
    const error = await downloadError(downloadModel(options({ sha256: null })))
    expect(error.code).toBe('unpinned')
    expect(error.message).toMatch(/no pinned checksum/)
    expect(server.requests).toHaveLength(0)
  })

  it('refuses a server whose file has another size than the catalog says', async () => {
    const error = await downloadError(downloadModel(options({ expectedBytes: MODEL.length + 1 })))
    expect(error.code).toBe('size')
    expect(existsSync(dest())).toBe(false)
  })
})
