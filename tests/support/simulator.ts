/**
 * Loopback provider simulator: the subset of the OpenAI transcription API and the Anthropic Messages
 * API that Speakloop uses, spoken over real HTTP so the real `openai` and `@anthropic-ai/sdk` clients
 * can be pointed at it. Scriptable per test; records every request. Also a CLI:
 * `tsx tests/support/simulator.ts --port 0` prints its URLs as one JSON line and serves until killed.
 */
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import type { Analysis } from '../../electron/core/analysis/contract.ts'
import { defaultAnalysisFor, extractTranscript, messageResponse, PromptCache, type MessagesBody, type SimUsage } from './simulator/analysis.ts'
import { anthropicError, anthropicErrorFor, openaiAuthError, openaiError, openaiErrorFor } from './simulator/errors.ts'
import { DEFAULT_TRANSCRIPT, fakeTranscript, type FakeTranscriptOptions, type VerboseTranscription } from './simulator/transcript.ts'

export { DEFAULT_TRANSCRIPT, fakeTranscript, silentTranscript } from './simulator/transcript.ts'
export type { FakeTranscriptOptions, VerboseTranscription } from './simulator/transcript.ts'

/** The key the simulator rejects with each provider's real 401 body. */
export const WRONG_KEY = 'sk-wrong'

/** An HTTP error answer; `body` defaults to the provider's real error envelope for that status. */
export interface HttpErrorStep {
  status: number
  body?: unknown
  headers?: Record<string, string>
}
/** Wait, then answer with `then` (or the default). Stops waiting when the client aborts. */
export interface DelayStep<S> {
  delayMs: number
  then?: S
}
/** A 200 whose body is not valid JSON. */
export interface MalformedStep {
  malformed: true
}

export type TranscriptionStep =
  | { transcript: VerboseTranscription }
  | { text: string; options?: FakeTranscriptOptions }
  | HttpErrorStep
  | DelayStep<TranscriptionStep>
  | MalformedStep

export type AnalysisStep =
  | { analysis: Analysis; usage?: Partial<SimUsage> }
  /** Sent as the tool input as-is: use it for schema-violating analyses. */
  | { toolInput: unknown; usage?: Partial<SimUsage> }
  /** A text block only, no tool call (the analyzer's JSON-in-text fallback). */
  | { text: string; usage?: Partial<SimUsage> }
  | HttpErrorStep
  | DelayStep<AnalysisStep>
  | MalformedStep

export type RequestKind = 'transcription' | 'analysis' | 'models' | 'other'

/** One request as the simulator saw it. Auth headers are never recorded. */
export interface RecordedRequest {
  kind: RequestKind
  method: string
  path: string
  headers: Record<string, string>
  /** The status the simulator answered with; undefined while pending or when the client aborted. */
  status?: number
  /** The client closed the connection before an answer was sent. */
  aborted: boolean
  model?: string
  // Transcription (multipart form)
  language?: string
  prompt?: string
  responseFormat?: string
  timestampGranularities?: string[]
  fileName?: string
  fileType?: string
  fileSize?: number
  fileSha256?: string
  fields?: Record<string, string[]>
  // Analysis (JSON body)
  body?: MessagesBody
  /** The text between the analyzer's transcript delimiters, if any. */
  transcript?: string | null
}

export interface StepQueue<S> {
  enqueue(...steps: S[]): void
  pending(): number
  clear(): void
}

export interface Simulator {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string
  /** For `new OpenAI({ baseURL })` (the SDK's paths are relative to `/v1`). */
  readonly openaiBaseUrl: string
  /** For `new Anthropic({ baseURL })` (the SDK adds `/v1/messages`). */
  readonly anthropicBaseUrl: string
  readonly transcription: StepQueue<TranscriptionStep>
  readonly analysis: StepQueue<AnalysisStep>
  readonly requests: readonly RecordedRequest[]
  /** Text of the unscripted transcription; null restores the built-in learner text. */
  setDefaultTranscript(text: string | null): void
  /** Step used when the transcription queue is empty; null restores the default transcript. */
  setDefaultTranscription(step: TranscriptionStep | null): void
  /** Step used when the analysis queue is empty; null restores the analysis derived from the request. */
  setDefaultAnalysis(step: AnalysisStep | null): void
  count(kind: RequestKind): number
  /** Resolves once no request is in flight (answered or aborted). */
  idle(): Promise<void>
  reset(): void
  close(): Promise<void>
}

export interface SimulatorOptions {
  port?: number
  /** Overrides the per-model minimum cacheable prefix (Haiku 4.5: 4,096 tokens); 0 caches any prefix. */
  minCacheTokens?: number
}

/** Starts the simulator on 127.0.0.1 (port 0 = any free port). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const transcriptionQueue: TranscriptionStep[] = []
  const analysisQueue: AnalysisStep[] = []
  const requests: RecordedRequest[] = []
  const cache = new PromptCache(options.minCacheTokens)
  let defaultText: string | null = null
  let defaultTranscription: TranscriptionStep | null = null
  let defaultAnalysis: AnalysisStep | null = null
  let inFlight = 0
  let idleWaiters: (() => void)[] = []
  let sequence = 0

  const settle = () => {
    inFlight--
    if (inFlight > 0) return
    const waiters = idleWaiters
    idleWaiters = []
    for (const resolve of waiters) resolve()
  }

  const server = createServer((req, res) => {
    inFlight++
    let settled = false
    const done = () => {
      if (!settled) {
        settled = true
        settle()
      }
    }
    res.on('finish', done)
    res.on('close', done)
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { message: `simulator failure: ${String(error)}` } })
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req)
    const path = (req.url ?? '/').split('?')[0]!
    if (path.startsWith('/__sim/')) return control(path, body, res)
    const kind: RequestKind =
      req.method === 'POST' && path === '/v1/audio/transcriptions'
        ? 'transcription'
        : req.method === 'POST' && path === '/v1/messages'
          ? 'analysis'
          : req.method === 'GET' && path === '/v1/models'
            ? 'models'
            : 'other'
    const record: RecordedRequest = { kind, method: req.method ?? 'GET', path, headers: safeHeaders(req), aborted: false }
    requests.push(record)
    res.on('close', () => {
      if (!res.writableFinished) record.aborted = true
    })
    const id = ++sequence

    if (kind === 'other') return answer(res, record, 404, openaiError(`Unknown path ${path}`, 'invalid_request_error', null))
    if (kind === 'models') return serveModels(req, res, record)
    if (kind === 'transcription') {
      const parsed = await parseTranscriptionForm(req, body, record)
      if (!parsed) return answer(res, record, 400, openaiError('Could not parse multipart form data.', 'invalid_request_error', null))
      const key = bearer(req)
      if (!key || key === WRONG_KEY) return answer(res, record, 401, openaiAuthError(key))
      const step = transcriptionQueue.shift() ?? defaultTranscription ?? { text: defaultText ?? DEFAULT_TRANSCRIPT }
      return serveTranscription(step, res, record, id)
    }
    let json: MessagesBody
    try {
      json = JSON.parse(body.toString('utf8')) as MessagesBody
    } catch {
      return answer(res, record, 400, anthropicError('invalid_request_error', 'Request body is not valid JSON.'))
    }
    record.body = json
    record.model = json.model
    record.transcript = extractTranscript(json)
    // SDK v1 sends the key as a bearer token; older clients and curl use x-api-key.
    const apiKey = req.headers['x-api-key']
    const key = typeof apiKey === 'string' && apiKey ? apiKey : bearer(req)
    if (!key || key === WRONG_KEY) {
      return answer(res, record, 401, anthropicError('authentication_error', 'invalid x-api-key'))
    }
    const step = analysisQueue.shift() ?? defaultAnalysis ?? { toolInput: defaultAnalysisFor(json) }
    return serveAnalysis(step, json, res, record, id)
  }

  async function serveTranscription(step: TranscriptionStep, res: ServerResponse, record: RecordedRequest, id: number): Promise<void> {
    const headers = { 'x-request-id': `req_sim_${id}` }
    if ('delayMs' in step) {
      if (!(await wait(step.delayMs, res))) return
      return serveTranscription(step.then ?? defaultTranscription ?? { text: defaultText ?? DEFAULT_TRANSCRIPT }, res, record, id)
    }
    if ('malformed' in step) return answerRaw(res, record, 200, '{"task":"transcribe","text":"Yesterday I go', headers)
    if ('status' in step) {
      return answer(res, record, step.status, step.body ?? openaiErrorFor(step.status), { ...headers, ...step.headers })
    }
    const transcript = 'transcript' in step ? step.transcript : fakeTranscript(step.text, step.options)
    return answer(res, record, 200, transcript, headers)
  }

  async function serveAnalysis(step: AnalysisStep, json: MessagesBody, res: ServerResponse, record: RecordedRequest, id: number): Promise<void> {
    const headers = { 'request-id': `req_sim_${id}` }
    if ('delayMs' in step) {
      if (!(await wait(step.delayMs, res))) return
      return serveAnalysis(step.then ?? defaultAnalysis ?? { toolInput: defaultAnalysisFor(json) }, json, res, record, id)
    }
    if ('malformed' in step) return answerRaw(res, record, 200, '{"id":"msg_sim","type":"message","content":[{"type":"tool_use"', headers)
    if ('status' in step) {
      return answer(res, record, step.status, step.body ?? anthropicErrorFor(step.status), { ...headers, ...step.headers })
    }
    const content: { text?: string; toolInput?: unknown } =
      'text' in step ? { text: step.text } : { toolInput: 'analysis' in step ? step.analysis : step.toolInput }
    const usage = { ...cache.usageFor(json, content.text ?? content.toolInput), ...step.usage }
    return answer(res, record, 200, messageResponse(json.model ?? 'claude-haiku-4-5', content, usage, id), headers)
  }

  async function control(path: string, body: Buffer, res: ServerResponse): Promise<void> {
    const payload = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {}
    if (path === '/__sim/transcription') transcriptionQueue.push(payload as TranscriptionStep)
    else if (path === '/__sim/analysis') analysisQueue.push(payload as AnalysisStep)
    else if (path === '/__sim/default-transcript') defaultText = typeof payload.text === 'string' ? payload.text : null
    else if (path === '/__sim/reset') sim.reset()
    else if (path === '/__sim/requests') return send(res, 200, { requests })
    else if (path !== '/__sim/health') return send(res, 404, { error: 'unknown control path' })
    send(res, 200, { ok: true })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const baseUrl = `http://127.0.0.1:${port}`

  const sim: Simulator = {
    baseUrl,
    openaiBaseUrl: `${baseUrl}/v1`,
    anthropicBaseUrl: baseUrl,
    transcription: queue(transcriptionQueue),
    analysis: queue(analysisQueue),
    requests,
    setDefaultTranscript: (text) => void (defaultText = text),
    setDefaultTranscription: (step) => void (defaultTranscription = step),
    setDefaultAnalysis: (step) => void (defaultAnalysis = step),
    count: (kind) => requests.filter((r) => r.kind === kind).length,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
    reset() {
      transcriptionQueue.length = 0
      analysisQueue.length = 0
      requests.length = 0
      defaultText = null
      defaultTranscription = null
      defaultAnalysis = null
      cache.clear()
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
  return sim
}

function queue<S>(items: S[]): StepQueue<S> {
  return {
    enqueue: (...steps) => void items.push(...steps),
    pending: () => items.length,
    clear: () => void (items.length = 0)
  }
}

async function parseTranscriptionForm(req: IncomingMessage, body: Buffer, record: RecordedRequest): Promise<boolean> {
  let form: FormData
  try {
    // The web Request parses multipart exactly as a server framework would; no hand-rolled parser.
    const request = new Request('http://simulator.local/', {
      method: 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? '' },
      body: new Uint8Array(body)
    })
    form = await request.formData()
  } catch {
    return false
  }
  const fields: Record<string, string[]> = {}
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      ;(fields[name] ??= []).push(value)
      continue
    }
    const bytes = Buffer.from(await value.arrayBuffer())
    record.fileName = value.name
    record.fileType = value.type
    record.fileSize = bytes.length
    record.fileSha256 = createHash('sha256').update(bytes).digest('hex')
  }
  record.fields = fields
  record.model = fields.model?.[0]
  record.language = fields.language?.[0]
  record.prompt = fields.prompt?.[0]
  record.responseFormat = fields.response_format?.[0]
  record.timestampGranularities = fields['timestamp_granularities[]'] ?? []
  return true
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Resolves true after `ms`, or false as soon as the client goes away (the timer is cleared). */
function wait(ms: number, res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      res.off('close', onClose)
      resolve(true)
    }, ms)
    res.once('close', onClose)
  })
}

function bearer(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]
}

function safeHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'authorization' || name === 'x-api-key' || value === undefined) continue
    out[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

/** `GET /v1/models`, which both SDKs call to check a key; the Anthropic SDK is told apart by its version header. */
function serveModels(req: IncomingMessage, res: ServerResponse, record: RecordedRequest): void {
  const anthropic = req.headers['anthropic-version'] !== undefined
  const apiKey = req.headers['x-api-key']
  const key = typeof apiKey === 'string' && apiKey ? apiKey : bearer(req)
  if (!key || key === WRONG_KEY) {
    return answer(res, record, 401, anthropic ? anthropicError('authentication_error', 'invalid x-api-key') : openaiAuthError(key))
  }
  if (anthropic) {
    const model = { type: 'model', id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', created_at: '2025-10-01T00:00:00Z' }
    return answer(res, record, 200, { data: [model], has_more: false, first_id: model.id, last_id: model.id })
  }
  return answer(res, record, 200, { object: 'list', data: [{ id: 'whisper-1', object: 'model', created: 1677610602, owned_by: 'openai-internal' }] })
}

function answer(res: ServerResponse, record: RecordedRequest, status: number, body: unknown, headers: Record<string, string> = {}): void {
  answerRaw(res, record, status, JSON.stringify(body), headers)
}

function answerRaw(res: ServerResponse, record: RecordedRequest, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.destroyed) return
  record.status = status
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(text)
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf('--port')
  const port = at >= 0 ? Number(argv[at + 1]) : 0
  const sim = await startSimulator({ port: Number.isFinite(port) ? port : 0 })
  process.stdout.write(`${JSON.stringify({ baseUrl: sim.baseUrl, openaiBaseUrl: sim.openaiBaseUrl, anthropicBaseUrl: sim.anthropicBaseUrl })}\n`)
  const stop = () => void sim.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2))
}
