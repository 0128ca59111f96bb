import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startBridge } from './bridge.ts'

/**
 * `npm run bridge -- [--data-dir DIR] [--port N]`: serves the built renderer against the real
 * core and prints `{"url": …, "dataDir": …}` on one line. Provider keys and base URLs come from
 * the environment (OPENAI_API_KEY, OPENAI_BASE_URL, ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL).
 */
const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, port: { type: 'string' } } })
const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'speakloop-bridge-'))
const bridge = await startBridge({ dataDir, port: values.port ? Number(values.port) : 0 })
process.stdout.write(`${JSON.stringify({ url: bridge.url, dataDir })}\n`)
const stop = () => {
  bridge.close().finally(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
