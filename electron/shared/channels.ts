/**
 * The names of every IPC channel (`domain:verb`) and pushed event, without zod, so the sandboxed
 * preload can import them without bundling the schemas. contract.ts keys its schemas by these.
 */
export const CHANNELS = [
  'app:info',
  'settings:get',
  'settings:update',
  'settings:setKey',
  'settings:testKey',
  'recording:start',
  'recording:chunk',
  'recording:finish',
  'recording:discard',
  'sessions:list',
  'sessions:get',
  'sessions:retry',
  'sessions:cancel',
  'sessions:reanalyze',
  'sessions:delete',
  'profile:get',
  'progress:trends',
  'data:export',
  'data:deleteAll',
  'models:list',
  'models:download',
  'models:pause',
  'models:cancel',
  'models:delete',
  'models:verify',
  'practice:list',
  'practice:today',
  'practice:start',
  'practice:chunk',
  'practice:finish',
  'practice:discard',
  'practice:attempt',
  'practice:history',
  'practice:retry',
  'practice:evidence',
  'practice:improved',
  'practice:free',
  'retell:start',
  'retell:addRound',
  'retell:get'
] as const
export type Channel = (typeof CHANNELS)[number]

export const EVENT_NAMES = ['session:updated', 'session:deleted', 'session:progress', 'models:progress', 'data:deleteProgress', 'practice:updated'] as const
export type EventName = (typeof EVENT_NAMES)[number]
