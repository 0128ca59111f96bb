/**
 * Answers to calls come back in any order, and a pushed event can start a second request before the
 * first one answers. Where a screen shows one view of a thing (a session's detail, a retell), each
 * request takes a ticket, and an answer may land only while no later request for the same thing has
 * begun: otherwise an earlier, staler answer could arrive last and replace the newer one.
 */
export interface NewestOnly<K> {
  /** Takes the ticket of a request that is about to start. */
  begin: (key: K) => number
  /** Whether this request is still the newest for its key, so its answer may be shown. */
  isNewest: (key: K, ticket: number) => boolean
}

export function newestOnly<K>(): NewestOnly<K> {
  const newest = new Map<K, number>()
  let last = 0
  return {
    begin: (key) => {
      last += 1
      newest.set(key, last)
      return last
    },
    isNewest: (key, ticket) => newest.get(key) === ticket
  }
}
