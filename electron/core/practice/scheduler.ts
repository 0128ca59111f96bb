import { createEmptyCard, fsrs, Rating, type Card } from 'ts-fsrs'

/**
 * Spaced review of drills with FSRS (ts-fsrs). A pass is rated Good and pushes the drill out; a
 * fail is rated Again and brings it back sooner. Short-term learning steps are off: a spoken drill
 * comes back on another day, not ten minutes later, and fuzz is off so a schedule is reproducible.
 * The clock is always passed in.
 */
const scheduler = fsrs({ enable_fuzz: false, enable_short_term: false })

/** A card as stored in the Drill row (dates as ISO strings). */
export type StoredCard = Omit<Card, 'due' | 'last_review'> & { due: string; last_review?: string }

/** A new drill's card: due at `now`. */
export function newCard(now: Date): StoredCard {
  return store(createEmptyCard(now))
}

/** The card after one judged attempt at `now`. */
export function review(card: StoredCard, passed: boolean, now: Date): StoredCard {
  const { card: next } = scheduler.next(load(card), now, passed ? Rating.Good : Rating.Again)
  return store(next)
}

/** When a card is due. */
export function dueAt(card: StoredCard): Date {
  return new Date(card.due)
}

function load(card: StoredCard): Card {
  return { ...card, due: new Date(card.due), last_review: card.last_review ? new Date(card.last_review) : undefined }
}

function store(card: Card): StoredCard {
  const { due, last_review, ...rest } = card
  return { ...rest, due: due.toISOString(), ...(last_review ? { last_review: last_review.toISOString() } : {}) }
}
