import type { Linter } from 'harper.js'
import { thirdPerson } from './lexicon.ts'
import type { Finding, Token } from './text.ts'

/**
 * Harper rules worth trusting on learner speech (measured: agreement and a/an are precise), mapped to
 * catalog keys. Everything else Harper says (spelling, style, fillers) is ignored: a transcript's
 * spelling is the recogniser's, and fillers come from the metrics.
 */
const RULE_KEYS: Record<string, string> = {
  AnA: 'grammar.articles',
  DidPast: 'grammar.auxiliaries',
  PronounInflectionBe: 'grammar.subject-verb-agreement',
  PronounVerbAgreement: 'grammar.subject-verb-agreement'
}

let linter: Promise<Linter> | undefined

/** Compiles Harper's WebAssembly once (seconds on first use); later calls reuse the same linter. */
export function warmHarper(): Promise<Linter> {
  linter ??= (async () => {
    const { LocalLinter, Dialect } = await import('harper.js')
    const { binary } = await import('harper.js/binary')
    const instance = new LocalLinter({ binary, dialect: Dialect.American })
    await instance.setup()
    return instance
  })()
  // A failed load must not poison every later analysis: the next call tries again.
  linter.catch(() => {
    linter = undefined
  })
  return linter
}

/** Harper's agreement, a/an and did-past lints on the transcript, as findings over its tokens. */
export async function harperFindings(transcript: string, tokens: Token[]): Promise<Finding[]> {
  const instance = await warmHarper()
  const organized = await instance.organizedLints(transcript, { language: 'plaintext' })
  const findings: Finding[] = []
  for (const [rule, lints] of Object.entries(organized)) {
    let key = RULE_KEYS[rule]
    if (!key) continue
    for (const lint of lints) {
      const span = lint.span()
      const suggestion = lint.suggestions()[0]?.get_replacement_text()
      // harper.js reports spans in UTF-16 units, the same as JavaScript string offsets (checked with emoji).
      const start = span.start
      const end = span.end
      const covered = tokens.filter((t) => t.to > start && t.from < end)
      const first = covered[0]
      const last = covered[covered.length - 1]
      if (suggestion === undefined || !first || !last) continue
      const problem = transcript.slice(start, end)
      if (rule === 'PronounVerbAgreement' && (suggestion === "doesn't" || suggestion === 'has' || thirdPerson(problem.toLowerCase()) === suggestion)) {
        key = 'grammar.third-person-s'
      } else key = RULE_KEYS[rule] as string
      const replacement = transcript.slice(first.from, start) + suggestion + transcript.slice(end, last.to)
      findings.push({ key, from: first.index, to: last.index + 1, replacement })
    }
  }
  return findings
}
