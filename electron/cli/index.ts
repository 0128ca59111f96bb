import { createReadStream, existsSync, statSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createCore, type Core } from '../core/app.ts'
import { defaultDataDir } from '../core/paths.ts'
import { acquireInstanceLock } from '../core/db/instanceLock.ts'
import { memorySecretStore } from '../core/settings/secrets.ts'
import { formatSession, formatSessionList, formatProfile } from './format.ts'
import type { Events, SessionDetail } from '../shared/contract.ts'
import type { Analysis } from '../core/analysis/contract.ts'
import { PRACTICE_USAGE, PracticeUsageError, practiceCommand } from './practiceCommand.ts'

const USAGE = `Usage: speakloop <command> [options]

Commands:
  process <audio-file> [--topic T] [--json]   import a recording and process it to DONE or FAILED
  import <audio-file> [--topic T]             queue a recording without waiting
  run                                         process every pending session, exit when idle
  sessions [--json]                           list sessions
  show <id> [--json]                          transcript, insights, focus goal and metrics
  profile [--json]                            the long-term pattern profile
  retry <id>                                  retry a failed session and wait for it
  delete <id>                                 delete a session and its data
  delete --all --yes                          delete everything (speech models stay)
  export [--out DIR]                          write everything to a JSON file
  analyze --transcript FILE [--offline] [--json]   analyse a text transcript
${PRACTICE_USAGE}

Options:
  --data-dir DIR   data folder (default: $SPEAKLOOP_DATA_DIR or the app's folder)

Keys come from OPENAI_API_KEY and ANTHROPIC_API_KEY.`

const MIME_BY_EXTENSION: Record<string, string> = {
  '.wav': 'audio/wav',
  '.webm': 'audio/webm',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.mp4': 'audio/mp4'
}

const CHUNK_BYTES = 256 * 1024
const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../prisma/migrations')

/** Raised for bad usage or input the CLI cannot read: exit code 2. */
class UsageError extends Error {}

/** Runs one CLI command; resolves to the process exit code. */
export async function main(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        topic: { type: 'string' },
        out: { type: 'string' },
        transcript: { type: 'string' },
        offline: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        yes: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    })
  } catch (error) {
    out(`${(error as Error).message}\n\n${USAGE}\n`)
    return 2
  }
  const { values, positionals } = parsed
  const [command, arg] = positionals
  if (values.help || !command) {
    out(`${USAGE}\n`)
    return command || values.help ? 0 : 2
  }
  const print = (value: unknown, text: string) => out(values.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`)
  const env = process.env
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir(env)

  try {
    if (command === 'analyze') {
      if (!values.transcript) throw new UsageError('analyze needs --transcript FILE')
      const { analyzeTranscriptFile } = await import('./analyzeCommand.ts')
      const analysis = await analyzeTranscriptFile(values.transcript, { offline: values.offline, env })
      print(analysis, formatAnalysisText(analysis))
      return 0
    }
    const needsArg = ['process', 'import', 'show', 'retry', 'delete']
    const deleteAll = command === 'delete' && values.all
    if (deleteAll && arg) throw new UsageError('delete takes a session id or --all, not both')
    if (deleteAll && !values.yes) throw new UsageError('delete --all deletes every session, your profile, settings and keys: add --yes to confirm')
    if (needsArg.includes(command) && !arg && !deleteAll) throw new UsageError(`${command} needs an argument`)
    // Deleting everything while the app (or another command) processes sessions would race it: refuse, as `run` does.
    const releaseLock = deleteAll ? acquireInstanceLock(join(dataDir, 'runner.lock')) : null
    if (![...needsArg, 'run', 'sessions', 'profile', 'export', 'practice'].includes(command)) throw new UsageError(`Unknown command "${command}"`)

    const core = await createCore({ dataDir, migrationsDir: MIGRATIONS_DIR, secrets: memorySecretStore(env), env }).catch((error: unknown) => {
      releaseLock?.()
      throw error
    })
    try {
      switch (command) {
        case 'practice':
          return await practiceCommand(core, positionals.slice(1), print)
        case 'process': {
          const id = await importFile(core, arg!, values.topic)
          await core.start()
          const session = await waitForTerminal(core, id)
          print(session, formatSession(session))
          return session.status === 'DONE' ? 0 : 1
        }
        case 'import': {
          const id = await importFile(core, arg!, values.topic)
          print({ id }, `Queued session ${id}. Run \`speakloop run\` to process it.`)
          return 0
        }
        case 'run': {
          await core.start()
          await core.waitForIdle()
          const { sessions } = await core.call('sessions:list', { limit: 500 })
          const failed = sessions.filter((s) => s.status === 'FAILED').length
          print({ sessions }, `${sessions.length} sessions, ${failed} failed.`)
          return sessions.every((s) => s.status === 'DONE' || s.status === 'FAILED') ? 0 : 1
        }
        case 'sessions': {
          const list = await core.call('sessions:list', { limit: 500 })
          print(list, formatSessionList(list.sessions))
          return 0
        }
        case 'show': {
          const session = await core.call('sessions:get', { id: arg! })
          print(session, formatSession(session))
          return 0
        }
        case 'profile': {
          const profile = await core.call('profile:get', {})
          print(profile, formatProfile(profile.patterns))
          return 0
        }
        case 'retry': {
          await core.call('sessions:retry', { id: arg! })
          await core.start()
          const session = await waitForTerminal(core, arg!)
          print(session, formatSession(session))
          return session.status === 'DONE' ? 0 : 1
        }
        case 'delete': {
          if (values.all) return await deleteEverything(core, print)
          await core.call('sessions:delete', { id: arg! })
          print({ deleted: arg }, `Deleted session ${arg}.`)
          return 0
        }
        case 'export': {
          const file = await exportAll(core, values.out ? resolve(values.out) : process.cwd())
          print({ file }, `Exported to ${file}`)
          return 0
        }
      }
    } finally {
      await core.shutdown()
      releaseLock?.()
    }
  } catch (error) {
    const message = (error as Error).message
    out(`speakloop: ${message}\n`)
    const usage = error instanceof UsageError || error instanceof PracticeUsageError
    if (usage) out(`\n${USAGE}\n`)
    return usage || (error as { code?: string }).code === 'not-found' ? 2 : 1
  }
  return 0
}

/** Streams a file into a new session through the same path the app's recorder uses. */
async function importFile(core: Core, file: string, topic: string | undefined): Promise<string> {
  const path = resolve(file)
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`Cannot read "${file}": no such file.`)
  const mimeType = MIME_BY_EXTENSION[extname(path).toLowerCase()]
  if (!mimeType) throw new UsageError(`"${file}" is not a WAV, WebM, OGG, MP3 or M4A file.`)
  const { sessionId } = await core.call('recording:start', { mimeType: mimeType as 'audio/wav', topic, source: 'import' })
  let seq = 0
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    await core.call('recording:chunk', { sessionId, seq: seq++, data: new Uint8Array(chunk as Buffer) })
  }
  await core.call('recording:finish', { sessionId, durationMs: 0 })
  return sessionId
}

/** `delete --all --yes`: the Settings screen's "Delete everything", with its progress on stderr. */
async function deleteEverything(core: Core, print: (value: unknown, text: string) => void): Promise<number> {
  const unsubscribe = core.subscribe((event, payload) => {
    if (event !== 'data:deleteProgress') return
    const step = payload as Events['data:deleteProgress']
    process.stderr.write(step.phase === 'sessions' ? `Deleting sessions: ${step.done} of ${step.total}\n` : `Deleting: ${step.phase}\n`)
  })
  try {
    const { sessions } = await core.call('data:deleteAll', { confirm: 'DELETE' })
    print({ deleted: 'everything', sessions }, `Deleted everything: ${sessions} sessions, the profile, settings, keys, logs and backups. Downloaded speech models were kept.`)
    return 0
  } finally {
    unsubscribe()
  }
}

async function waitForTerminal(core: Core, id: string): Promise<SessionDetail> {
  await core.waitForIdle()
  return core.call('sessions:get', { id })
}

async function exportAll(core: Core, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true })
  const { fileName, json } = await core.call('data:export', {})
  const file = join(dir, fileName)
  await writeFile(file, json)
  return file
}

function formatAnalysisText(analysis: Analysis): string {
  const lines = [analysis.summary, '']
  for (const insight of analysis.insights) {
    lines.push(`[${insight.severity}] ${insight.pattern} (${insight.patternKey}) ×${insight.frequency}`)
    for (const e of insight.examples) lines.push(`  "${e.quote}" → "${e.correction}"`)
    lines.push(`  ${insight.suggestion}`)
  }
  // A session too short to judge has no goal; its summary says so.
  if (analysis.focusNext) lines.push('', `Focus next: ${analysis.focusNext.goal}`)
  return lines.join('\n')
}

// Run when executed directly (tsx electron/cli/index.ts, or the built bin).
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename ?? '')) {
  main(process.argv.slice(2)).then((code) => process.exit(code))
}

