import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import type { Simulator } from './simulator.ts'

const ROOT = resolve(import.meta.dirname, '../..')

/** What a finished `speakloop` process left: its exit code (-1 when killed), the signal that killed it, and its stdout. */
export interface CliRun {
  code: number
  signal: NodeJS.Signals | null
  stdout: string
}

/** Runs `speakloop …` as a user would, in its own process, with test keys pointed at the simulator; `env` adds or overrides. */
export function runSpeakloop(sim: Simulator, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/index.ts'), ...args], {
    env: {
      ...process.env,
      OPENAI_API_KEY: 'sk-test-openai',
      ANTHROPIC_API_KEY: 'sk-ant-test',
      OPENAI_BASE_URL: sim.openaiBaseUrl,
      ANTHROPIC_BASE_URL: sim.anthropicBaseUrl,
      ...env
    },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  return new Promise((done) => child.on('exit', (code, signal) => done({ code: code ?? -1, signal, stdout })))
}
