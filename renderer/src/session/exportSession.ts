import type { SessionDetail } from '../../../electron/shared/contract.ts'
import { groupInsights } from './insightOrder.ts'
import { formatDateTime, labelOfKey } from '../ui/format.ts'
import { TOO_LITTLE_SPEECH, tooShortToJudge } from './tooLittleSpeech.ts'

/** The JSON export: the session exactly as main returned it (keys never reach the renderer). */
export function sessionJson(detail: SessionDetail): string {
  return JSON.stringify({ exportedAt: new Date().toISOString(), app: 'Speakloop', session: detail }, null, 2)
}

/** A readable Markdown report of one session. */
export function sessionMarkdown(detail: SessionDetail): string {
  const lines: string[] = [`# Speakloop session, ${formatDateTime(detail.createdAt)}`, '']
  if (detail.topic) lines.push(`Topic: ${detail.topic}`, '')
  if (detail.summary) lines.push('## Summary', '', detail.summary, '')
  if (detail.strengths.length) lines.push('## Strengths', '', ...detail.strengths.map((s) => `- ${s}`), '')
  if (detail.focusNext) lines.push('## Focus for next time', '', `**${labelOfKey(detail.focusNext.patternKey)}**: ${detail.focusNext.goal}`, '')
  else if (tooShortToJudge(detail)) lines.push('## Focus for next time', '', `${TOO_LITTLE_SPEECH}.`, '')
  if (detail.previousFocus) {
    const p = detail.previousFocus
    lines.push('## Previous focus', '', `${labelOfKey(p.patternKey)}: ${p.verdict}. ${p.evidence}`, '')
  }
  for (const group of groupInsights(detail.insights)) {
    lines.push(`## ${labelOfKey(`x.${group.category}`)}`, '')
    for (const i of group.insights) {
      lines.push(`### ${i.pattern} (${i.severity}, ${i.frequency}×)`, '', i.detail, '')
      for (const e of i.examples) lines.push(`- “${e.quote}” → ${e.correction}`)
      lines.push('', `Suggestion: ${i.suggestion}`, '')
    }
  }
  const m = detail.metrics
  if (m) {
    lines.push(
      '## Metrics',
      '',
      `- Pace: ${Math.round(m.speakingRate)} wpm (articulation ${Math.round(m.articulationRate)} wpm)`,
      `- Pauses per minute: ${m.pauses.perMinute.toFixed(1)} (${Math.round(m.pauses.midClauseShare * 100)}% mid-clause)`,
      `- Fillers per minute: ${m.fillers.perMinute.toFixed(1)}`,
      `- MATTR: ${m.lexicalDiversity.mattr.toFixed(2)}${m.lexicalDiversity.lowConfidence ? ' (low confidence)' : ''}`,
      `- Immediate repeats: ${m.repetition.immediateRepeats}`,
      ''
    )
  }
  if (detail.transcript) lines.push('## Transcript', '', detail.transcript.text, '')
  return lines.join('\n')
}


export function exportFileName(detail: SessionDetail, ext: string): string {
  return `speakloop-${detail.createdAt.slice(0, 10)}-${detail.id.slice(0, 8)}.${ext}`
}
