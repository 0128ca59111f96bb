import type { Channel, EventName } from '../shared/contract.ts'

/**
 * The contract's channel and event names, restated without zod: contract.ts builds `CHANNELS` from
 * its zod schemas, and importing it would bundle zod into the sandboxed preload. The type checks
 * below fail the build if a name is missing or unknown; a unit test compares with `CHANNELS`.
 */

export const PRELOAD_CHANNELS = [
  'app:info',
  'settings:get',
  'settings:update',
  'settings:setKey',
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
  'profile:get'
] as const satisfies readonly Channel[]

export const PRELOAD_EVENTS = ['session:updated', 'session:deleted'] as const satisfies readonly EventName[]

// Compile-time exhaustiveness: adding a channel or event to the contract breaks the build here.
type MissingChannel = Exclude<Channel, (typeof PRELOAD_CHANNELS)[number]>
type MissingEvent = Exclude<EventName, (typeof PRELOAD_EVENTS)[number]>
export const preloadListsAreComplete: [MissingChannel, MissingEvent] extends [never, never] ? true : never = true
