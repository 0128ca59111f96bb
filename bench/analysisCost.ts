/**
 * Run in a fresh process by bench/analysis.ts: what the whole offline analyzer costs the main process
 * (resident memory it adds once warm, and how long its first use takes, model load included).
 */
import { learnerTranscript } from './analysis.ts'

const baseline = process.memoryUsage().rss
const start = performance.now()
const { analyzeTranscriptText } = await import('../electron/core/analysis/offline/offlineAnalyzer.ts')
const text = learnerTranscript(1500)
await analyzeTranscriptText(text)
const readyMs = performance.now() - start
for (let i = 0; i < 10; i++) await analyzeTranscriptText(text)
globalThis.gc?.()
const addedMB = (process.memoryUsage().rss - baseline) / 2 ** 20
process.stdout.write(JSON.stringify({ readyMs: Math.round(readyMs), addedRssMB: Math.round(addedMB) }))
