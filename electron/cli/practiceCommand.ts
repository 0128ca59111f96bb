import { createReadStream, existsSync, statSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import type { Core } from '../core/app.ts'
import { sniffContainer } from '../core/audio/inspect.ts'
import type { AttemptView, DrillView } from '../shared/contract.ts'

export const PRACTICE_USAGE = `  practice [--json]                           list the drills due now
  practice try <drill-id> <audio-file> [--json]   say a drill from a file: exit 0 pass, 1 fail`

/** Raised for bad usage or audio the CLI cannot read: exit code 2. */
export class PracticeUsageError extends Error {}

const MIME_BY_CONTAINER = { wav: 'audio/wav', webm: 'audio/webm', ogg: 'audio/ogg', mp3: 'audio/mpeg', m4a: 'audio/mp4' } as const
const CHUNK_BYTES = 256 * 1024

/**
 * `speakloop practice` and `speakloop practice try`: the same core calls the Practice screen makes.
 * Resolves to the exit code: 0 on a pass (or a listing), 1 on a fail or a failed attempt.
 */
export async function practiceCommand(core: Core, args: string[], print: (value: unknown, text: string) => void): Promise<number> {
  const [verb, drillId, file, ...rest] = args
  if (verb === undefined) {
    const { drills, total, focus } = await core.call('practice:list', { dueOnly: true })
    const due = drills.map((d) => ({ id: d.id, patternKey: d.patternKey, pattern: d.pattern, say: d.target, sessionId: d.sessionId, due: d.due }))
    print({ drills: due, total, focus }, formatDrills(drills))
    return 0
  }
  if (verb !== 'try') throw new PracticeUsageError(`Unknown practice command "${verb}"`)
  if (!drillId || !file || rest.length > 0) throw new PracticeUsageError('practice try needs a drill id and an audio file')
  const mimeType = await audioType(file)
  const { attemptId } = await core.call('practice:start', { drillId, mimeType })
  let seq = 0
  for await (const chunk of createReadStream(resolve(file), { highWaterMark: CHUNK_BYTES })) {
    await core.call('practice:chunk', { attemptId, seq: seq++, data: new Uint8Array(chunk as Buffer) })
  }
  await core.call('practice:finish', { attemptId, durationMs: 0 })
  await core.start()
  await core.waitForIdle()
  const attempt = await core.call('practice:attempt', { id: attemptId })
  print(attempt, formatAttempt(attempt))
  return attempt.judgement?.passed ? 0 : 1
}

/** The file's audio type from its first bytes; anything unreadable is a usage error (exit 2). */
async function audioType(file: string): Promise<(typeof MIME_BY_CONTAINER)[keyof typeof MIME_BY_CONTAINER]> {
  const path = resolve(file)
  if (!existsSync(path) || !statSync(path).isFile()) throw new PracticeUsageError(`Cannot read "${file}": no such file.`)
  const handle = await open(path, 'r')
  const head = new Uint8Array(16)
  try {
    await handle.read(head, 0, head.length, 0)
  } finally {
    await handle.close()
  }
  const container = statSync(path).size > 44 ? sniffContainer(head) : null
  if (!container) throw new PracticeUsageError(`"${file}" is not audio Speakloop can read (${extname(path) || 'no extension'}): use WAV, WebM, OGG, MP3 or M4A.`)
  return MIME_BY_CONTAINER[container]
}

function formatDrills(drills: DrillView[]): string {
  if (drills.length === 0) return 'No drills are due. Finish a session to get drills from your own sentences.'
  return drills.map((d) => `${d.id}  ${d.patternKey}${d.focus ? ' (focus)' : ''}\n  Say: ${d.target}\n  From session ${d.sessionId}`).join('\n')
}

function formatAttempt(attempt: AttemptView): string {
  if (attempt.status === 'FAILED' || !attempt.judgement) {
    return [`Attempt ${attempt.id}: ${attempt.status}`, `Error: ${attempt.errorMessage ?? 'unknown'}`, attempt.errorHint ? `What to do: ${attempt.errorHint}` : ''].filter(Boolean).join('\n')
  }
  const j = attempt.judgement
  const heard = j.heard.map((w) => (w.mark === 'expected' ? `[${w.text}]` : w.mark === 'wrong' ? `*${w.text}*` : w.text)).join(' ')
  return [
    j.passed ? 'PASS' : 'FAIL',
    `Heard: ${heard}`,
    `Expected: ${j.expected.map((f) => `“${f}”`).join(', ')}`,
    j.reason,
    attempt.nextDue ? `Next review: ${attempt.nextDue.slice(0, 16).replace('T', ' ')} UTC` : ''
  ]
    .filter(Boolean)
    .join('\n')
}
