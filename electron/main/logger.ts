import fs from 'node:fs'
import path from 'node:path'

/**
 * A small file logger for the shell with size-based rotation (`main.log`, `main.1.log`, ...).
 * It only accepts an event name plus short scalar fields (ids, statuses, counts): it is not a place
 * for transcript text, prompts or keys, and it redacts fields whose names suggest them anyway.
 */

export type LogLevel = 'info' | 'warn' | 'error'
export type LogValue = string | number | boolean | null
export type LogFields = Record<string, LogValue>

export interface Logger {
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

export interface LoggerOptions {
  dir: string
  fileName?: string
  /** Rotate once the current file would grow past this many bytes. */
  maxBytes?: number
  /** Rotated files kept besides the current one. */
  maxFiles?: number
  now?: () => Date
  /** Also write each line here (the console in development). */
  echo?: (line: string) => void
}

/** Longest string value kept; ids and statuses are short, anything longer is not meant for a log. */
export const MAX_VALUE_LENGTH = 80
const REDACTED_KEYS = /^(text|transcript|transcripttext|quote|quotes|prompt|content|body|key|apikey|secret|password|token)$/i

/** Creates a logger writing to `<dir>/<fileName>`; logging failures are swallowed (a log must not crash the app). */
export function createLogger(options: LoggerOptions): Logger {
  const { dir, fileName = 'main.log', maxBytes = 1_000_000, maxFiles = 3, now = () => new Date(), echo } = options
  const file = path.join(dir, fileName)
  const write = (level: LogLevel, event: string, fields?: LogFields) => {
    const line = formatLogLine(now(), level, event, fields)
    echo?.(line)
    try {
      fs.mkdirSync(dir, { recursive: true })
      if (needsRotation(file, Buffer.byteLength(line), maxBytes)) rotateLogs(dir, fileName, maxFiles)
      fs.appendFileSync(file, line, { mode: 0o600 })
    } catch {
      // Disk full or permissions: the app keeps working without its log.
    }
  }
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields)
  }
}

/**
 * The log entry for an event the core pushes, or null for one not worth a line. Only ids,
 * statuses and counts: a summary also carries the topic and error text, which stay out.
 */
export function coreEventLogEntry(event: string, payload: unknown): { event: string; fields: LogFields } | null {
  const p = payload as Record<string, unknown>
  switch (event) {
    case 'session:updated':
      return { event, fields: { id: String(p.id), status: String(p.status) } }
    case 'session:deleted':
      return { event, fields: { id: String(p.id) } }
    case 'data:deleteProgress':
      return p.phase === 'done' ? { event: 'data:deleted-everything', fields: { sessions: Number(p.total) } } : null
    default:
      return null
  }
}

/** One log line: ISO time, level, event name, then `key=value` pairs, newline-terminated. */
export function formatLogLine(time: Date, level: LogLevel, event: string, fields: LogFields = {}): string {
  const name = /^[\w:.-]{1,64}$/.test(event) ? event : 'invalid-event-name'
  const parts = [time.toISOString(), level.toUpperCase(), name]
  for (const [key, value] of Object.entries(fields)) {
    if (!/^\w{1,32}$/.test(key)) continue
    parts.push(`${key}=${REDACTED_KEYS.test(key) ? '[redacted]' : formatValue(value)}`)
  }
  return `${parts.join(' ')}\n`
}

/** Whether appending `incomingBytes` to `file` would exceed `maxBytes`. */
export function needsRotation(file: string, incomingBytes: number, maxBytes: number): boolean {
  try {
    const size = fs.statSync(file).size
    return size > 0 && size + incomingBytes > maxBytes
  } catch {
    return false
  }
}

/** Shifts `name.log` to `name.1.log`, `name.1.log` to `name.2.log`, ..., dropping what is past `maxFiles`. */
export function rotateLogs(dir: string, fileName: string, maxFiles: number): void {
  const ext = path.extname(fileName)
  const base = fileName.slice(0, fileName.length - ext.length)
  const rotated = (n: number) => path.join(dir, `${base}.${n}${ext}`)
  fs.rmSync(rotated(maxFiles), { force: true })
  for (let n = maxFiles - 1; n >= 1; n--) {
    if (fs.existsSync(rotated(n))) fs.renameSync(rotated(n), rotated(n + 1))
  }
  const current = path.join(dir, fileName)
  if (maxFiles >= 1 && fs.existsSync(current)) fs.renameSync(current, rotated(1))
  else fs.rmSync(current, { force: true })
}

function formatValue(value: LogValue): string {
  if (typeof value !== 'string') return String(value)
  // Control characters would forge extra log lines; long strings are cut, not kept.
  const clean = value.replace(/\p{Cc}/gu, ' ')
  const short = clean.length > MAX_VALUE_LENGTH ? `${clean.slice(0, MAX_VALUE_LENGTH)}…` : clean
  return /\s|"|=/.test(short) ? JSON.stringify(short) : short
}
