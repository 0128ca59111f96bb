import type { z } from 'zod'
import type { PracticeService } from './practiceService.ts'
import type { Sql } from '../db/sql.ts'
import { addRetellRound, DEFAULT_ROUND_SECONDS, retellView, startRetell } from './retell.ts'
import type { practiceRequests, PracticeResponses } from '../../shared/practice.ts'

type PracticeChannel = keyof typeof practiceRequests

/** The practice domain's IPC handlers, spread into the core's one typed map. */
export type PracticeHandlers = { [C in PracticeChannel]: (request: z.output<(typeof practiceRequests)[C]>) => Promise<PracticeResponses[C]> }

/** Each handler is one call into the practice service. */
export function practiceHandlers(practice: PracticeService, deps: { sql: Sql; now: () => Date }): PracticeHandlers {
  return {
    'practice:list': ({ dueOnly, limit }) => practice.list({ dueOnly, limit }),
    'practice:today': () => practice.today(),
    'practice:start': async ({ drillId, mimeType }) => ({ attemptId: await practice.start(drillId, mimeType) }),
    'practice:chunk': async ({ attemptId, seq, data }) => ({ bytes: await practice.appendChunk(attemptId, seq, data) }),
    'practice:finish': ({ attemptId, durationMs }) => practice.finish(attemptId, durationMs),
    'practice:discard': async ({ attemptId }) => {
      await practice.discard(attemptId)
      return { ok: true as const }
    },
    'practice:attempt': ({ id }) => practice.attempt(id),
    'practice:history': async ({ drillId }) => ({ attempts: await practice.history(drillId) }),
    'practice:retry': ({ id }) => practice.retry(id),
    'practice:evidence': () => practice.evidence(),
    'practice:improved': ({ sessionId }) => practice.improved(sessionId),
    'practice:free': ({ patternKey }) => practice.freeDrill(patternKey),
    'retell:start': async ({ prompt, roundSeconds }) => retellView(deps.sql, await startRetell(deps.sql, deps.now(), prompt, roundSeconds ?? DEFAULT_ROUND_SECONDS)),
    'retell:addRound': async ({ retellId, round, sessionId }) => {
      await addRetellRound(deps.sql, retellId, round, sessionId)
      return retellView(deps.sql, retellId)
    },
    'retell:get': ({ id }) => retellView(deps.sql, id)
  }
}
