import { rm, stat } from 'node:fs/promises'
import { request as httpsRequest } from 'node:https'
import { totalmem } from 'node:os'
import { Readable } from 'node:stream'
import type { MachineView, ModelId as ContractModelId, ModelView } from '../../shared/contract.ts'
import { MODELS, modelFits, type ModelId, type WhisperModel } from './catalog.ts'
import { downloadModel, ModelDownloadError, nodeDownloadFs, sha256OfFile, type DownloadFs } from './downloader.ts'
import { deleteModel, listInstalledModels, modelPath, modelsDir, type InstalledModel } from './modelStore.ts'

/** Shown for a model whose SHA-256 is not pinned: the downloader would refuse it, so Settings does not offer it. */
export const UNPINNED_REASON = 'Not available in this build (checksum not pinned yet).'

/**
 * Replaces the pinned catalog, for tests only: a small model file with its own pinned checksum,
 * served by a loopback HTTPS server whose certificate `ca` trusts. Still HTTPS, still verified.
 */
export interface ModelCatalogOverride {
  models?: readonly WhisperModel[]
  /** Every model is fetched from `<baseUrl>/<fileName>` instead of its pinned URL. */
  baseUrl?: string
  /** PEM certificate(s) trusted for the model server, on top of nothing else. */
  ca?: string
}

export interface ModelManagerOptions {
  dataDir: string
  catalog?: ModelCatalogOverride
  /** Called with a model's view after every change to it (the core pushes it as `models:progress`). */
  onChange?: (model: ModelView) => void
  /** Free-space checks and part-file writes; tests fake a full disk here. */
  fs?: DownloadFs
  totalMem?: () => number
  /** Passed to the downloader: at most one progress event this often. */
  progressIntervalMs?: number
}

/** One running download: its own abort switch and where it has got to. */
interface RunningDownload {
  controller: AbortController
  bytes: number
  bytesPerSecond: number
  /** Cancel, not pause: the part file goes when the download has stopped. */
  cancelled: boolean
  machine: MachineView
  done: Promise<void>
}

/**
 * The on-device models Settings manages: what each is and where it stands on this computer, and
 * downloads that can be paused, resumed, cancelled and verified. One download at a time, from the
 * catalog's own URL only, never for a model without a pinned checksum.
 */
export class ModelManager {
  readonly #dataDir: string
  readonly #models: readonly WhisperModel[]
  readonly #fetch: typeof fetch | undefined
  readonly #fs: DownloadFs
  readonly #totalMem: () => number
  readonly #onChange: (model: ModelView) => void
  readonly #progressIntervalMs: number | undefined
  readonly #downloads = new Map<ModelId, RunningDownload>()
  readonly #errors = new Map<ModelId, string>()
  /** Installed files whose full checksum failed: the cheap size-and-magic check cannot see that. */
  readonly #failedChecks = new Set<ModelId>()
  #revision = 0

  constructor(options: ModelManagerOptions) {
    this.#dataDir = options.dataDir
    this.#models = catalogModels(options.catalog)
    this.#fetch = options.catalog?.ca ? fetchTrusting(options.catalog.ca) : undefined
    this.#fs = options.fs ?? nodeDownloadFs
    this.#totalMem = options.totalMem ?? totalmem
    this.#onChange = options.onChange ?? (() => undefined)
    this.#progressIntervalMs = options.progressIntervalMs
  }

  /** Every catalog model with its state, and the computer's free disk space and memory. */
  async list(): Promise<{ models: ModelView[]; machine: MachineView }> {
    const revision = ++this.#revision
    const [machine, onDisk] = await Promise.all([this.machine(), listInstalledModels(this.#dataDir, this.#models)])
    return { models: this.#models.map((m) => this.#view(m, onDisk.find((i) => i.id === m.id), machine, revision)), machine }
  }

  /** One model's current view. */
  async view(id: ModelId): Promise<ModelView> {
    const model = this.#model(id)
    const revision = ++this.#revision
    const [machine, onDisk] = await Promise.all([this.machine(), listInstalledModels(this.#dataDir, [model])])
    return this.#view(model, onDisk[0], machine, revision)
  }

  /** Free disk space where models go, and total memory. */
  async machine(): Promise<MachineView> {
    const { bavail, bsize } = await this.#fs.statfs(await existingDir(modelsDir(this.#dataDir), this.#dataDir))
    return { freeDiskBytes: bavail * bsize, totalMemBytes: this.#totalMem() }
  }

  /**
   * Starts downloading a model, or resumes its paused download, and returns at once; progress and
   * the outcome arrive through `onChange`. A download that may not start returns the model with
   * `error` saying why (no pinned checksum, disk space, memory, another download running).
   */
  async download(id: ModelId): Promise<ModelView> {
    const model = this.#model(id)
    if (this.#downloads.has(id)) return this.view(id)
    const [current, machine] = await Promise.all([this.view(id), this.machine()])
    // From here to the registration below nothing awaits: two quick clicks start one download.
    if (this.#downloads.has(id)) return this.view(id)
    if (current.status === 'installed') return current
    if (current.blockedReason) return this.#refuse(id, current.blockedReason)
    const other = this.#downloads.keys().next()
    if (!other.done) return this.#refuse(id, `The "${other.value}" model is downloading. Wait for it, or pause it, first.`)

    this.#errors.delete(id)
    this.#failedChecks.delete(id)
    const dest = modelPath(this.#dataDir, model)
    const running: RunningDownload = {
      controller: new AbortController(),
      bytes: current.status === 'paused' ? current.bytes : 0,
      bytesPerSecond: 0,
      cancelled: false,
      machine,
      done: Promise.resolve()
    }
    this.#downloads.set(id, running)
    running.done = (async () => {
      // A damaged installed file is useless, and the new download replaces it anyway.
      if (current.status === 'corrupt') await rm(dest, { force: true })
      await downloadModel({
        url: model.url,
        dest,
        sha256: model.sha256,
        expectedBytes: model.sizeBytes,
        signal: running.controller.signal,
        fetchImpl: this.#fetch,
        fs: this.#fs,
        progressIntervalMs: this.#progressIntervalMs,
        onProgress: (progress) => {
          running.bytes = progress.bytes
          running.bytesPerSecond = progress.bytesPerSecond
          this.#onChange(this.#view(model, undefined, running.machine))
        }
      })
    })()
      .catch((error: unknown) => {
        if (error instanceof ModelDownloadError && error.code === 'paused') return
        if (error instanceof ModelDownloadError) this.#errors.set(id, error.message)
        else {
          console.error('[models] download failed:', (error as Error)?.name)
          this.#errors.set(id, 'The download failed unexpectedly. Try again.')
        }
      })
      .then(async () => {
        this.#downloads.delete(id)
        if (running.cancelled) await rm(`${dest}.part`, { force: true })
        await this.#changed(id)
      })
      // Nobody awaits a download's end but pause and cancel: its last report must not throw at them.
      .catch((error: unknown) => console.error('[models] could not report a finished download:', (error as Error)?.name))
    const started = this.#view(model, undefined, running.machine)
    this.#onChange(started)
    return started
  }

  /** Resumes a paused download where it stopped (the same as `download`). */
  resume(id: ModelId): Promise<ModelView> {
    return this.download(id)
  }

  /** Stops a download and keeps what it has, so `download` resumes it. */
  async pause(id: ModelId): Promise<ModelView> {
    const running = this.#downloads.get(id)
    if (running) {
      running.controller.abort()
      await running.done
    }
    return this.view(id)
  }

  /** Stops a download, or forgets a paused one, and deletes its partial file; an installed model stays. */
  async cancel(id: ModelId): Promise<ModelView> {
    const model = this.#model(id)
    const running = this.#downloads.get(id)
    if (running) {
      running.cancelled = true
      running.controller.abort()
      await running.done
      return this.view(id)
    }
    await rm(`${modelPath(this.#dataDir, model)}.part`, { force: true })
    this.#errors.delete(id)
    return this.#changed(id)
  }

  /** Deletes a model from this computer, stopping its download first if one is running. */
  async delete(id: ModelId): Promise<ModelView> {
    const running = this.#downloads.get(id)
    if (running) {
      running.cancelled = true
      running.controller.abort()
      await running.done
    }
    await deleteModel(this.#dataDir, id, this.#models)
    this.#errors.delete(id)
    this.#failedChecks.delete(id)
    return this.#changed(id)
  }

  /** Checks an installed model's whole file against its pinned SHA-256 (seconds for the larger models). */
  async verify(id: ModelId): Promise<{ ok: boolean; message: string; model: ModelView }> {
    const model = this.#model(id)
    const current = await this.view(id)
    const answer = (ok: boolean, message: string, view = current) => ({ ok, message, model: view })
    if (current.status === 'downloading') return answer(false, 'The model is still downloading.')
    if (current.status === 'missing' || current.status === 'paused') return answer(false, 'The model is not installed.')
    if (current.status === 'corrupt' && !this.#failedChecks.has(id)) {
      return answer(false, 'The model file is damaged (wrong size or not a whisper.cpp model). Delete it and download it again.')
    }
    if (model.sha256 === null) return answer(false, 'No checksum is pinned for this model in this build, so it cannot be verified.')
    const actual = await sha256OfFile(modelPath(this.#dataDir, model))
    if (actual === model.sha256.toLowerCase()) {
      this.#failedChecks.delete(id)
      this.#errors.delete(id)
      return answer(true, 'The model matches its pinned checksum.', await this.#changed(id))
    }
    this.#failedChecks.add(id)
    const message = 'The model file does not match its pinned checksum. Delete it and download it again.'
    this.#errors.set(id, message)
    return answer(false, message, await this.#changed(id))
  }

  /** Resolves when no download is running. */
  async whenIdle(): Promise<void> {
    while (this.#downloads.size > 0) await Promise.all([...this.#downloads.values()].map((d) => d.done))
  }

  /** Pauses every running download (their part files stay, so the next start resumes them). */
  async shutdown(): Promise<void> {
    for (const running of this.#downloads.values()) running.controller.abort()
    await this.whenIdle()
  }

  #model(id: ModelId): WhisperModel {
    const model = this.#models.find((m) => m.id === id)
    if (!model) throw new Error(`Unknown model "${id}".`)
    return model
  }

  async #refuse(id: ModelId, reason: string): Promise<ModelView> {
    this.#errors.set(id, reason)
    return this.#changed(id)
  }

  async #changed(id: ModelId): Promise<ModelView> {
    const view = await this.view(id)
    this.#onChange(view)
    return view
  }

  /** `revision` is taken before reading the disk, so a view begun before a change never outranks it. */
  #view(model: WhisperModel, onDisk: InstalledModel | undefined, machine: MachineView, revision = ++this.#revision): ModelView {
    const running = this.#downloads.get(model.id)
    const status = running ? 'downloading' : statusOf(onDisk, this.#failedChecks.has(model.id))
    const bytes = running ? running.bytes : (onDisk?.sizeBytes ?? 0)
    // The bytes already on disk count as free: a resume or a re-download reuses their space.
    const fit = modelFits({ freeDiskBytes: machine.freeDiskBytes + (running ? 0 : bytes), totalMemBytes: machine.totalMemBytes }, model)
    const available = model.sha256 !== null
    return {
      id: model.id,
      sizeBytes: model.sizeBytes,
      ramBytes: model.ramBytes,
      speed: model.speed,
      englishOnly: model.englishOnly,
      status,
      bytes,
      bytesPerSecond: running ? running.bytesPerSecond : null,
      available,
      blockedReason: !available ? UNPINNED_REASON : fit.fits ? null : fit.reasons.join(' '),
      error: this.#errors.get(model.id) ?? null,
      revision
    }
  }
}

// The contract names the same models as the catalog: neither may offer one the other lacks.
export const modelIdsAgree: [Exclude<ModelId, ContractModelId>, Exclude<ContractModelId, ModelId>] extends [never, never] ? true : never = true

function statusOf(onDisk: InstalledModel | undefined, failedCheck: boolean): ModelView['status'] {
  if (!onDisk) return 'missing'
  if (onDisk.state === 'partial') return 'paused'
  if (onDisk.state === 'ready') return failedCheck ? 'corrupt' : 'installed'
  return 'corrupt'
}

function catalogModels(catalog: ModelCatalogOverride | undefined): readonly WhisperModel[] {
  const models = catalog?.models ?? MODELS
  const base = catalog?.baseUrl
  if (!base) return models
  return models.map((m) => ({ ...m, url: new URL(m.fileName, base.endsWith('/') ? base : `${base}/`).href }))
}

/** `dir` if it exists, else `fallback`: free space is asked of the folder the model will land in. */
async function existingDir(dir: string, fallback: string): Promise<string> {
  return stat(dir).then(
    () => dir,
    () => fallback
  )
}

/**
 * A `fetch` for HTTPS that trusts only `ca`: what a catalog override's loopback server needs.
 * It follows no redirects (a test server sends none) and speaks nothing but HTTPS.
 */
function fetchTrusting(ca: string): typeof fetch {
  return ((input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (url.protocol !== 'https:') return Promise.reject(new TypeError('Only HTTPS is allowed.'))
    return new Promise<Response>((resolve, reject) => {
      const req = httpsRequest(url, { ca, headers: init?.headers as Record<string, string> | undefined, signal: init?.signal ?? undefined }, (res) => {
        const headers = new Headers()
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
        }
        const status = res.statusCode ?? 502
        const body = [204, 304].includes(status) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>)
        const response = new Response(body, { status, headers })
        Object.defineProperty(response, 'url', { value: url.href })
        resolve(response)
      })
      req.on('error', reject)
      req.end()
    })
  }) as typeof fetch
}
