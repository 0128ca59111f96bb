import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/**
 * Every file under `dir` (recursively) whose bytes hold `word`, case-insensitive, as the
 * paths relative to `dir`. Besides the whole word it looks for its last 6 letters: FTS5 stores
 * a term after the first on an index page as a suffix of the term before it, so a leftover
 * index entry need not hold the whole word. SQLite and the logs write UTF-8.
 */
export function filesHolding(dir: string, word: string): string[] {
  const needles = [word.toLowerCase(), word.toLowerCase().slice(-6)]
  return allFiles(dir)
    .filter((file) => {
      const text = readFileSync(file).toString('latin1').toLowerCase()
      return needles.some((needle) => text.includes(needle))
    })
    .map((file) => relative(dir, file))
}

/** Every plain file under `dir`. */
export function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}
