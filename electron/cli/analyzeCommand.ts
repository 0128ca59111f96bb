import { readFile } from 'node:fs/promises'
import type { Analysis } from '../core/analysis/contract.ts'
import { computeMetrics, syntheticTimings, tokenizeTranscript } from '../core/analysis/metrics.ts'
import { analyzeTranscriptText } from '../core/analysis/offline/offlineAnalyzer.ts'
import { verifyAnalysis } from '../core/analysis/verify.ts'
import { createClaudeAnalyzer } from '../core/providers/claudeAnalyzer.ts'
import { DEFAULT_SETTINGS } from '../core/settings/settings.ts'

/**
 * `speakloop analyze --transcript FILE`: analyses a text transcript on the device, or with
 * Claude when ANTHROPIC_API_KEY is set and --offline is not given. Verified like any session.
 */
export async function analyzeTranscriptFile(file: string, options: { offline: boolean; env: NodeJS.ProcessEnv }): Promise<Analysis> {
  let text: string
  try {
    text = (await readFile(file, 'utf8')).trim()
  } catch {
    throw Object.assign(new Error(`Cannot read "${file}".`), { code: 'not-found' })
  }
  if (!text) throw Object.assign(new Error(`"${file}" is empty.`), { code: 'not-found' })

  const apiKey = options.env.ANTHROPIC_API_KEY
  if (options.offline || !apiKey) return verifyAnalysis((await analyzeTranscriptText(text)).analysis, text).analysis

  const words = syntheticTimings(tokenizeTranscript(text))
  const analyzer = createClaudeAnalyzer({ apiKey, baseURL: options.env.ANTHROPIC_BASE_URL, timeoutMs: 120_000 })
  const result = await analyzer.analyze(
    {
      transcript: text,
      words,
      metrics: computeMetrics(words),
      language: DEFAULT_SETTINGS.language,
      firstLanguage: DEFAULT_SETTINGS.firstLanguage,
      level: DEFAULT_SETTINGS.level,
      previousFocus: null,
      previousMetrics: null,
      profile: []
    },
    AbortSignal.timeout(120_000)
  )
  return verifyAnalysis(result.analysis, text).analysis
}
