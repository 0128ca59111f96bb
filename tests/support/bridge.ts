import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { createCore, type Core, type OnDeviceWorker } from '../../electron/core/app.ts'
import type { ProviderFactory } from '../../electron/core/pipeline/stages.ts'
import type { ModelCatalogOverride } from '../../electron/core/localModels/modelManager.ts'
import { memorySecretStore } from '../../electron/core/settings/secrets.ts'
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security.ts'
import { CHANNELS, EVENT_NAMES } from '../../electron/shared/contract.ts'

/**
 * The loopback test bridge: serves the built renderer on 127.0.0.1 and relays the IPC contract
 * (calls and pushed events) to the real core running in this Node process, so Playwright can
 * drive the renderer in Chromium against the real database, job runner and providers. A test
 * and development tool only: it is never part of the packaged app.
 */
export interface Bridge {
  url: string
  core: Core
  close(): Promise<void>
}

export interface BridgeOptions {
  dataDir: string
  env?: NodeJS.ProcessEnv
  rendererDir?: string
  port?: number
  /**
   * A test model catalog (small pinned files on a loopback HTTPS server). Defaults to the JSON in
   * the environment's SPEAKLOOP_TEST_MODELS, which is how a spec reaches the bridge's child process.
   */
  models?: ModelCatalogOverride
  /** Seconds per stretch for transcribing while recording; defaults to SPEAKLOOP_TEST_STRETCH_SECONDS, else the app's own. */
  stretchSeconds?: number
  onDeviceWorker?: OnDeviceWorker
  /** Replaces the real provider clients (the bench's on-device run with random weights). */
  providers?: ProviderFactory
}

const ROOT = resolve(import.meta.dirname, '../..')
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.woff2': 'font/woff2'
}
const BYTES_TAG = '$bytes'
const MAX_BODY = 32 * 1024 * 1024

/** Starts a core on `dataDir` and serves the renderer wired to it. */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const env = options.env ?? process.env
  const rendererDir = resolve(options.rendererDir ?? join(ROOT, 'out/renderer'))
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`No built renderer in ${rendererDir}: run \`npm run build\` first.`)
  const core = await createCore({
    dataDir: options.dataDir,
    migrationsDir: join(ROOT, 'prisma/migrations'),
    secrets: memorySecretStore(env),
    env,
    version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    models: options.models ?? (env.SPEAKLOOP_TEST_MODELS ? (JSON.parse(env.SPEAKLOOP_TEST_MODELS) as ModelCatalogOverride) : undefined),
    onDeviceWorker: options.onDeviceWorker,
    providers: options.providers,
    ...stretchOption(options.stretchSeconds ?? (env.SPEAKLOOP_TEST_STRETCH_SECONDS ? Number(env.SPEAKLOOP_TEST_STRETCH_SECONDS) : undefined))
  })
  await core.start()
  const streams = new Set<ServerResponse>()
  const unsubscribe = core.subscribe((event, payload) => {
    const frame = `data: ${JSON.stringify({ event, payload })}\n\n`
    for (const stream of streams) stream.write(frame)
  })

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/__bridge/client.js') return send(res, 200, MIME['.js']!, CLIENT_SCRIPT)
    if (url.pathname === '/__bridge/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      res.write(': connected\n\n')
      streams.add(res)
      req.on('close', () => streams.delete(res))
      return
    }
    if (url.pathname.startsWith('/__bridge/invoke/') && req.method === 'POST') {
      const channel = decodeURIComponent(url.pathname.slice('/__bridge/invoke/'.length))
      const payload = JSON.parse(await readBody(req), (_key, value) =>
        value && typeof value === 'object' && typeof value[BYTES_TAG] === 'string' ? new Uint8Array(Buffer.from(value[BYTES_TAG], 'base64')) : value
      )
      const result = await core.dispatch(channel, payload)
      return send(res, 200, MIME['.json']!, JSON.stringify(result))
    }
    return serveStatic(rendererDir, url.pathname, res)
  }

  await new Promise<void>((ready) => server.listen(options.port ?? 0, '127.0.0.1', ready))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    core,
    async close() {
      unsubscribe()
      for (const stream of streams) stream.end()
      server.closeAllConnections()
      await new Promise((done) => server.close(done))
      await core.shutdown()
    }
  }
}

function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(/^([/\\])+/, '')
  const file = resolve(root, relative)
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, 'text/plain', 'Not found')
  const headers: Record<string, string> = { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }
  if (extname(file) === '.html') {
    // The same CSP the app's protocol handler sends; the client script stands in for the preload.
    headers['content-security-policy'] = CONTENT_SECURITY_POLICY
    const html = readFileSync(file, 'utf8').replace('<head>', '<head><script src="/__bridge/client.js"></script>')
    res.writeHead(200, headers)
    res.end(html)
    return
  }
  res.writeHead(200, headers)
  createReadStream(file).pipe(res)
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  res.end(body)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new Error('Request body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** What the preload exposes in Electron, over fetch and Server-Sent Events. */
const CLIENT_SCRIPT = `(() => {
  const channels = ${JSON.stringify(CHANNELS)};
  const eventNames = ${JSON.stringify(EVENT_NAMES)};
  const toBase64 = (bytes) => {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  };
  const encode = (value) => JSON.stringify(value, (key, v) => v instanceof Uint8Array ? { ${JSON.stringify(BYTES_TAG)}: toBase64(v) } : v);
  const listeners = new Map();
  const source = new EventSource('/__bridge/events');
  source.onmessage = (message) => {
    const { event, payload } = JSON.parse(message.data);
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const api = {};
  for (const channel of channels) {
    api[channel] = async (request) => {
      const response = await fetch('/__bridge/invoke/' + encodeURIComponent(channel), { method: 'POST', body: encode(request ?? {}) });
      return response.json();
    };
  }
  api.on = (event, listener) => {
    if (!eventNames.includes(event)) throw new Error('Unknown event ' + event);
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event).add(listener);
    return () => listeners.get(event).delete(listener);
  };
  window.speakloop = Object.freeze(api);
})();
`

function stretchOption(seconds: number | undefined): { stretchSeconds?: { 'on-device': number; openai: number } } {
  return seconds ? { stretchSeconds: { 'on-device': seconds, openai: seconds } } : {}
}
