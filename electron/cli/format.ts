import type { PatternStatView, SessionDetail, SessionSummary } from '../shared/contract.ts'

/** A session as plain text for the terminal. */
export function formatSession(session: SessionDetail): string {
  const lines = [`Session ${session.id}`, `Status: ${session.status}`]
  if (session.topic) lines.push(`Topic: ${session.topic}`)
  if (session.status === 'FAILED') {
    lines.push(`Error: ${session.errorMessage ?? 'unknown'}`)
    if (session.errorHint) lines.push(`What to do: ${session.errorHint}`)
  }
  if (session.summary) lines.push('', session.summary)
  for (const insight of session.insights) {
    lines.push('', `[${insight.severity}] ${insight.pattern} (${insight.patternKey}) ×${insight.frequency}`, `  ${insight.detail}`)
    for (const example of insight.examples) lines.push(`  "${example.quote}" → "${example.correction}"`)
    lines.push(`  Try: ${insight.suggestion}`)
  }
  if (session.previousFocus) lines.push('', `Previous focus (${session.previousFocus.patternKey}): ${session.previousFocus.verdict} — ${session.previousFocus.evidence}`)
  if (session.focusNext) lines.push('', `Focus next: ${session.focusNext.goal}`)
  if (session.metrics) {
    const m = session.metrics
    lines.push(
      '',
      `Pace ${m.speakingRate.toFixed(0)} wpm · fillers ${m.fillers.perMinute.toFixed(1)}/min · ` +
        `mid-clause pauses ${m.pauses.midClausePerMinute.toFixed(1)}/min · MATTR ${m.lexicalDiversity.mattr.toFixed(2)}`
    )
  }
  for (const entry of session.ledger) lines.push(`Ledger: ${entry.at} ${entry.provider} ${entry.what} ${entry.bytes} bytes`)
  return lines.join('\n')
}

/** One line per session. */
export function formatSessionList(sessions: SessionSummary[]): string {
  if (sessions.length === 0) return 'No sessions yet.'
  return sessions
    .map((s) => `${s.id}  ${s.createdAt.slice(0, 16).replace('T', ' ')}  ${s.status.padEnd(12)} ${s.insightCount} insights${s.topic ? `  ${s.topic}` : ''}`)
    .join('\n')
}

/** The pattern profile as a table. */
export function formatProfile(patterns: PatternStatView[]): string {
  if (patterns.length === 0) return 'No patterns yet.'
  return patterns
    .map((p) => `${p.patternKey.padEnd(36)} ${String(p.sessions).padStart(4)} sessions ${String(p.occurrences).padStart(5)}×  last ${p.lastSeenAt.slice(0, 10)}`)
    .join('\n')
}
