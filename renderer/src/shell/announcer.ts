import { create } from 'zustand'

interface AnnouncerState {
  message: string
  /** Bumped on every announcement so the same text twice is still read out. */
  seq: number
}

export const useAnnouncer = create<AnnouncerState>(() => ({ message: '', seq: 0 }))

/** Reads a status change out through the app's one polite live region. */
export function announce(message: string): void {
  useAnnouncer.setState((s) => ({ message, seq: s.seq + 1 }))
}
