import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_VALUE_LENGTH, createLogger, formatLogLine, rotateLogs } from '../../../electron/main/logger.ts'

const T = new Date('2026-12-01T10:00:00.000Z')
let dir: string

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'speakloop-logs-'))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('formatLogLine', () => {
  it('writes time, level, event and scalar fields on one line', () => {
    expect(formatLogLine(T, 'info', 'session:updated', { id: 's1', status: 'DONE', attempts: 2, ok: true })).toBe(
      '2026-12-01T10:00:00.000Z INFO session:updated id=s1 status=DONE attempts=2 ok=true\n'
    )
  })

  it('redacts fields named like content or secrets', () => {
    const line = formatLogLine(T, 'warn', 'oops', { transcript: 'I go to school yesterday', key: 'sk-123', text: 'x' })
    expect(line).not.toContain('school')
    expect(line).not.toContain('sk-123')
    expect(line).toContain('transcript=[redacted]')
  })

  it('cuts long values so a stray transcript cannot land in the log whole', () => {
    const long = 'word '.repeat(200)
    const line = formatLogLine(T, 'info', 'e', { note: long })
    expect(line.length).toBeLessThan(MAX_VALUE_LENGTH + 80)
  })

  it('cannot be made to forge extra lines', () => {
    const line = formatLogLine(T, 'info', 'evil\nINFO fake', { id: 'a\nINFO injected' })
    expect(line.split('\n')).toHaveLength(2)
    expect(line).toContain('invalid-event-name')
  })
})

describe('createLogger', () => {
  it('appends lines to <dir>/main.log', () => {
    const logger = createLogger({ dir, now: () => T })
    logger.info('app:start', { version: '0.1.0' })
    logger.error('core:failed', { name: 'Error' })
    const lines = fs.readFileSync(path.join(dir, 'main.log'), 'utf8').trim().split('\n')
    expect(lines).toEqual([
      '2026-12-01T10:00:00.000Z INFO app:start version=0.1.0',
      '2026-12-01T10:00:00.000Z ERROR core:failed name=Error'
    ])
  })

  it('rotates by size and keeps only maxFiles old files', () => {
    const logger = createLogger({ dir, now: () => T, maxBytes: 200, maxFiles: 2 })
    for (let i = 0; i < 40; i++) logger.info('tick', { i })
    const files = fs.readdirSync(dir).sort()
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.log'])
    for (const file of files) expect(fs.statSync(path.join(dir, file)).size).toBeLessThanOrEqual(200)
    // The newest line is in main.log, older ones in the rotated files, the oldest gone.
    expect(fs.readFileSync(path.join(dir, 'main.log'), 'utf8')).toContain('i=39')
    const all = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('')
    expect(all).not.toContain('i=0\n')
  })

  it('never throws when the directory cannot be written', () => {
    const blocker = path.join(dir, 'file')
    fs.writeFileSync(blocker, '')
    const logger = createLogger({ dir: path.join(blocker, 'logs') })
    expect(() => logger.info('x')).not.toThrow()
  })
})

describe('rotateLogs', () => {
  it('shifts numbered files up by one', () => {
    fs.writeFileSync(path.join(dir, 'main.log'), 'current')
    fs.writeFileSync(path.join(dir, 'main.1.log'), 'older')
    rotateLogs(dir, 'main.log', 3)
    expect(fs.readFileSync(path.join(dir, 'main.1.log'), 'utf8')).toBe('current')
    expect(fs.readFileSync(path.join(dir, 'main.2.log'), 'utf8')).toBe('older')
    expect(fs.existsSync(path.join(dir, 'main.log'))).toBe(false)
  })
})
