/**
 * The rules a model download follows before any byte is trusted: where it may come from, which
 * checksum it must match, and how a server's partial answer is read. Pure.
 */

export type DownloadErrorCode =
  | 'insecure-url'
  | 'unpinned'
  | 'not-found'
  | 'http'
  | 'size'
  | 'checksum'
  | 'disk-full'
  | 'network'
  | 'interrupted'
  | 'paused'

/** A download that did not end with a verified model; `resumable` says whether the part file was kept. */
export class ModelDownloadError extends Error {
  readonly code: DownloadErrorCode
  readonly resumable: boolean

  constructor(code: DownloadErrorCode, message: string, options: { resumable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.name = 'ModelDownloadError'
    this.code = code
    this.resumable = options.resumable ?? false
  }
}

/** The URL to fetch, or an error: HTTPS only, plain HTTP only for a loopback test server. */
export function checkUrl(raw: string, allowHttp: boolean): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ModelDownloadError('insecure-url', 'The model address is not a valid URL.')
  }
  if (!isAllowedUrl(url, allowHttp)) throw new ModelDownloadError('insecure-url', 'Speakloop only downloads models over HTTPS.')
  return url
}

/** Whether a URL (the first one, or where a redirect landed) may serve a model. */
export function isAllowedUrl(url: URL, allowHttp: boolean): boolean {
  if (url.protocol === 'https:') return true
  return allowHttp && url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
}

/** The lower-case hex SHA-256 to verify against; a model without one is never installed. */
export function checkPinned(sha256: string | null): string {
  if (sha256 === null) {
    throw new ModelDownloadError('unpinned', 'This model has no pinned checksum yet, so Speakloop will not install it.')
  }
  if (!/^[0-9a-f]{64}$/i.test(sha256)) throw new ModelDownloadError('unpinned', 'This model\u2019s pinned checksum is malformed.')
  return sha256.toLowerCase()
}

/** First byte of a 206 answer: `bytes 100-199/200` → 100; unreadable → NaN, treated as a mismatch. */
export function rangeStart(header: string | null): number {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header?.trim() ?? '')
  return match ? Number(match[1]) : Number.NaN
}

