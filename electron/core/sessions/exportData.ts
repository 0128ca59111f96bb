import type { DeletionView, PatternStatView, PublicSettings, SessionDetail } from '../../shared/contract.ts'
import type { SessionService } from './sessionService.ts'
import type { PracticeExport } from '../practice/exportPractice.ts'

/** Everything the learner owns, as one JSON document: settings (keys only as set/last4), profile, every session, practice and the deletions on record. */
export interface ExportDocument {
  exportedAt: string
  settings: PublicSettings
  profile: PatternStatView[]
  sessions: SessionDetail[]
  /** Drills with their attempts, and 4-3-2 retells. */
  practice: PracticeExport
  /** What was deleted and when (never the deleted text), newest first. */
  deletions: DeletionView[]
}

const PAGE = 500

/** Collects the export, paging through sessions so no cap applies. */
export async function exportEverything(
  sessions: SessionService,
  settings: PublicSettings,
  profile: PatternStatView[],
  practice: PracticeExport,
  deletions: DeletionView[],
  now: Date
): Promise<ExportDocument> {
  const all: SessionDetail[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await sessions.list({ limit: PAGE, offset })
    for (const summary of page.sessions) all.push(await sessions.detail(summary.id))
    if (page.sessions.length < PAGE) break
  }
  return { exportedAt: now.toISOString(), settings, profile, sessions: all, practice, deletions }
}

/** The file name an export is saved under. */
export function exportFileName(now: Date): string {
  return `speakloop-export-${now.toISOString().slice(0, 10)}.json`
}
