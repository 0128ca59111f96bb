import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A loopback HTTPS server for model downloads, with its own throwaway certificate: tests hand its
 * PEM to the model manager as the one CA to trust, so the real HTTPS path (never plain HTTP) is
 * what runs. Serves files with Range support, optionally slowly, and records every request.
 */
export interface ModelServer {
  /** `https://127.0.0.1:<port>/models/` */
  baseUrl: string
  /** The server's self-signed certificate (PEM), to trust as a CA. */
  ca: string
  readonly requests: { path: string; range: string | undefined }[]
  /** Pause this long between 16 KB chunks (0: send at once). */
  chunkDelayMs: number
  close(): Promise<void>
}

const CHUNK = 16 * 1024

/** A file that passes whisper.cpp's cheap check (ggml magic first), of `size` random bytes. */
export function fakeModelFile(size: number): Buffer {
  const bytes = randomBytes(size)
  bytes.write('lmgg', 0, 'latin1')
  return bytes
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Serves `files` (name → bytes) under `/models/`. */
export async function startModelServer(files: Record<string, Buffer>, options: { chunkDelayMs?: number } = {}): Promise<ModelServer> {
  const { key, cert } = selfSignedCertificate()
  const requests: ModelServer['requests'] = []
  const state = { chunkDelayMs: options.chunkDelayMs ?? 0 }
  const server: Server = createServer({ key, cert }, (req, res) => handle(req, res))

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'https://127.0.0.1').pathname
    requests.push({ path, range: req.headers.range })
    const file = path.startsWith('/models/') ? files[path.slice('/models/'.length)] : undefined
    if (!file) {
      res.writeHead(404).end('not found')
      return
    }
    const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
    const start = match ? Number(match[1]) : 0
    if (start >= file.length && start > 0) {
      res.writeHead(416, { 'content-range': `bytes */${file.length}` }).end()
      return
    }
    const body = file.subarray(start)
    const headers: Record<string, string | number> = { 'content-type': 'application/octet-stream', 'content-length': body.length }
    if (start > 0) headers['content-range'] = `bytes ${start}-${file.length - 1}/${file.length}`
    res.writeHead(start > 0 ? 206 : 200, headers)
    if (state.chunkDelayMs <= 0) {
      res.end(body)
      return
    }
    let offset = 0
    const next = () => {
      if (res.destroyed) return
      if (offset >= body.length) return void res.end()
      res.write(body.subarray(offset, offset + CHUNK))
      offset += CHUNK
      setTimeout(next, state.chunkDelayMs)
    }
    next()
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `https://127.0.0.1:${port}/models/`,
    ca: cert,
    requests,
    get chunkDelayMs() {
      return state.chunkDelayMs
    },
    set chunkDelayMs(value: number) {
      state.chunkDelayMs = value
    },
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  }
}

let cached: { key: string; cert: string } | null = null

/** A P-256 certificate for 127.0.0.1, valid for a day, made once per process with openssl. */
function selfSignedCertificate(): { key: string; cert: string } {
  if (cached) return cached
  const dir = mkdtempSync(join(tmpdir(), 'speakloop-model-tls-'))
  try {
    // prettier-ignore
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'
    ], { stdio: 'ignore' })
    cached = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') }
    return cached
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
