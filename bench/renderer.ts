/**
 * Issue 5, the parts that need no extra tooling: the initial JavaScript the built renderer loads,
 * time to the home screen in headless Chromium against the loopback bridge, and History with
 * 10,000 sessions (the list query, and the first rows on screen).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import Database from 'better-sqlite3'
import { chromium, type Browser, type Page } from 'playwright-core'
import { migrate } from '../electron/core/db/migrator.ts'
import { startBridge, type Bridge } from '../tests/support/bridge.ts'
import { round, summarize } from './stats.ts'

export const INITIAL_JS_TARGET_KB = 300

const ROOT = resolve(import.meta.dirname, '..')
const RENDERER_DIR = join(ROOT, 'out/renderer')
const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
const HISTORY_SESSIONS = 10_000

/** Runs the renderer benchmark and returns its JSON section. */
export async function benchRenderer(quick: boolean): Promise<Record<string, unknown>> {
  const unbuilt = buildIfStale()
  if (unbuilt) {
    console.error(`[bench] renderer: ${unbuilt}`)
    return { skipped: unbuilt }
  }
  const bundle = initialJavaScript()
  if (!existsSync(CHROMIUM)) return { bundle, browser: { skipped: `no Chromium at ${CHROMIUM}` } }

  const loads = quick ? 3 : 5
  const queries = quick ? 5 : 20
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  try {
    const homeEmpty = await withBridge(0, (bridge) => timeHome(browser, bridge, loads))
    const history = await withBridge(quick ? 1_000 : HISTORY_SESSIONS, async (bridge, seeded) => ({
      sessions: seeded,
      homeMs: await timeHome(browser, bridge, loads),
      listQueryMs: await timeListQuery(bridge, queries),
      firstRowsMs: await timeHistory(browser, bridge, loads)
    }))
    return {
      bundle,
      browser: { chromium: browser.version(), args: CHROMIUM_ARGS, runsPerFigure: loads },
      homeMs: { what: 'navigation start → the home screen (main#main) in the next animation frame; a new browser context per run', ...homeEmpty },
      history
    }
  } finally {
    await browser.close()
  }
}

// ---------------------------------------------------------------------------------------------

/** The JavaScript index.html loads up front (module scripts and modulepreloads), raw and gzipped. */
function initialJavaScript() {
  const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8')
  const sources = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]!)
  ]
  const files = sources.map((src) => {
    const bytes = readFileSync(join(RENDERER_DIR, src.replace(/^\//, '')))
    return { file: src, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length }
  })
  const gzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0)
  const builtAt = statSync(join(RENDERER_DIR, 'index.html')).mtimeMs
  const newestSource = newestMtime(join(ROOT, 'renderer'))
  return {
    files,
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes,
    gzipKB: round(gzipBytes / 1024, 1),
    gzip: 'node:zlib gzipSync, level 9; KB = 1,024 bytes',
    targetKB: INITIAL_JS_TARGET_KB,
    met: gzipBytes / 1024 < INITIAL_JS_TARGET_KB,
    otherAssets: readdirSync(join(RENDERER_DIR, 'assets')).filter((name) => !sources.some((src) => src.endsWith(name))),
    builtAt: new Date(builtAt).toISOString(),
    // The figures describe out/renderer as built; sources edited since then are not in them.
    sourcesNewerThanBuild: newestSource > builtAt
  }
}

/**
 * Builds the app (`npx electron-vite build`, output on stderr) when out/renderer is missing or
 * older than renderer/, so the figures describe the code as it is. Returns why it could not.
 */
function buildIfStale(): string | null {
  const index = join(RENDERER_DIR, 'index.html')
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(ROOT, 'renderer'))) return null
  console.error('[bench] renderer: out/renderer is missing or older than renderer/; building it (npx electron-vite build)…')
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' })
  if (build.status === 0 && existsSync(index)) return null
  return 'the build failed: run `npm run build` to see why, then `npm run bench` again'
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

/** Starts the bridge on a fresh data dir holding `sessions` DONE sessions, for an onboarded learner. */
async function withBridge<T>(sessions: number, run: (bridge: Bridge, seeded: number) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'speakloop-bench-ui-'))
  try {
    if (sessions > 0) seedSessions(join(dataDir, 'speakloop.db'), sessions)
    const bridge = await startBridge({ dataDir, env: {} })
    try {
      await bridge.core.call('settings:update', { onboarded: true })
      return await run(bridge, sessions)
    } finally {
      await bridge.close()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Writes finished sessions straight into a migrated database file, one transcript each. */
function seedSessions(file: string, count: number): void {
  migrate(file, join(ROOT, 'prisma/migrations'))
  const db = new Database(file)
  try {
    const session = db.prepare(`INSERT INTO "Session" ("id", "status", "createdAt", "updatedAt", "completedAt", "durationMs", "language", "topic", "source",
        "summary", "strengths", "focusNext", "metrics", "analysisModel")
      VALUES (?, 'DONE', ?, ?, ?, ?, 'en', ?, 'recording', ?, '[]', ?, NULL, 'bench')`)
    const transcript = db.prepare(`INSERT INTO "Transcript" ("id", "sessionId", "text", "words", "wordCount", "language", "durationMs", "createdAt")
      VALUES (?, ?, ?, ?, ?, 'en', ?, ?)`)
    const text = 'Yesterday I go to the market with my friend and we buy some vegetables for the dinner.'
    const words = JSON.stringify(text.split(' ').map((word, i) => ({ word, start: i * 0.4, end: i * 0.4 + 0.3 })))
    const focus = JSON.stringify({ patternKey: 'grammar.past-tense', goal: 'Use the past tense for every finished event' })
    const start = Date.UTC(2024, 0, 1)
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const id = `bench-${String(i).padStart(6, '0')}`
        // Prisma's SQLite adapter stores DateTime as ISO 8601 with an explicit offset.
        const at = new Date(start + i * 3_600_000).toISOString().replace('Z', '+00:00')
        session.run(id, at, at, at, 180_000, `Practice session ${i + 1}`, 'You kept going. Main pattern: the past tense.', focus)
        transcript.run(`${id}-t`, id, text, words, 17, 180_000, at)
      }
    })()
  } finally {
    db.close()
  }
}

/** What the init script below puts on `window.__bench`. */
interface PageHooks {
  /** performance.now() in the frame after the first `main` landmark or test id appeared. */
  firstMarkup?: number
  /** The same for the home screen's main#main. */
  home?: number
  /** First contentful paint and DOMContentLoaded, from the page's performance entries. */
  loadMarks(): { fcp: number | null; domContentLoaded: number }
  /** Clicks History in the navigation; resolves with the ms until a history row is in the DOM, in the next frame. */
  clickHistory(): Promise<number>
}

/**
 * Installed before the page's scripts (through the browser, so the page's CSP, which forbids
 * eval, does not apply). Functions passed to Playwright below only call into these hooks.
 */
const PAGE_HOOKS = `(() => {
  const hooks = (window.__bench = {});
  const check = () => {
    if (hooks.firstMarkup === undefined && document.querySelector('main, [data-testid]')) {
      hooks.firstMarkup = -1;
      requestAnimationFrame(() => (hooks.firstMarkup = performance.now()));
    }
    if (hooks.home === undefined && document.querySelector('main#main')) {
      hooks.home = -1;
      requestAnimationFrame(() => (hooks.home = performance.now()));
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });

  hooks.loadMarks = () => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd
  });
  hooks.clickHistory = () => new Promise((done) => {
    const link = [...document.querySelectorAll('nav a')].find((a) => a.textContent.includes('History'));
    const start = performance.now();
    const rows = new MutationObserver(() => {
      if (!document.querySelector('[data-testid="history-row"]')) return;
      rows.disconnect();
      requestAnimationFrame(() => done(performance.now() - start));
    });
    rows.observe(document.body, { childList: true, subtree: true });
    link.click();
  });
})();`

/** Navigation start → home screen, each load in a fresh browser context. */
async function timeHome(browser: Browser, bridge: Bridge, loads: number) {
  const firstMarkup: number[] = []
  const home: number[] = []
  const fcp: number[] = []
  const domContentLoaded: number[] = []
  for (let i = 0; i < loads; i++) {
    await withPage(browser, async (page) => {
      await page.addInitScript(PAGE_HOOKS)
      await page.goto(bridge.url)
      await page.waitForFunction(() => ((globalThis as unknown as { __bench: PageHooks }).__bench.home ?? -1) > 0)
      const marks = await page.evaluate(() => {
        const hooks = (globalThis as unknown as { __bench: PageHooks }).__bench
        return { firstMarkup: hooks.firstMarkup!, home: hooks.home!, ...hooks.loadMarks() }
      })
      domContentLoaded.push(marks.domContentLoaded)
      firstMarkup.push(marks.firstMarkup)
      home.push(marks.home)
      if (marks.fcp !== null) fcp.push(marks.fcp)
    })
  }
  return {
    // Module scripts run before DOMContentLoaded: up to here is fetching, parsing and running the bundle.
    domContentLoadedMs: summarize(domContentLoaded, 1),
    firstMainOrTestIdMs: summarize(firstMarkup, 1),
    homeScreenMs: summarize(home, 1),
    firstContentfulPaintMs: fcp.length ? summarize(fcp, 1) : null
  }
}

/** `sessions:list` as the History screen's first page asks for it, through the core. */
async function timeListQuery(bridge: Bridge, count: number) {
  const request = { limit: 200, offset: 0 }
  await bridge.core.call('sessions:list', request)
  const samples: number[] = []
  let total = 0
  for (let i = 0; i < count; i++) {
    const start = performance.now()
    total = (await bridge.core.call('sessions:list', request)).total
    samples.push(performance.now() - start)
  }
  const deep = performance.now()
  await bridge.core.call('sessions:list', { limit: 200, offset: Math.max(0, total - 200) })
  return { request, total, ...summarize(samples), lastPageMs: round(performance.now() - deep) }
}

/** From the click on History in the navigation to the first history row on screen (next frame). */
async function timeHistory(browser: Browser, bridge: Bridge, loads: number) {
  const samples: number[] = []
  let rowsRendered = 0
  let shownTotal = ''
  for (let i = 0; i < loads; i++) {
    await withPage(browser, async (page) => {
      await page.addInitScript(PAGE_HOOKS)
      await page.goto(bridge.url)
      await page.locator('main#main').waitFor()
      // The same link the script below clicks, found the way a learner would: by its name in the navigation.
      await page.getByRole('navigation').getByRole('link', { name: 'History' }).waitFor()
      samples.push(await page.evaluate(() => (globalThis as unknown as { __bench: PageHooks }).__bench.clickHistory()))
      rowsRendered = await page.locator('[data-testid="history-row"]').count()
      shownTotal = (await page.getByTestId('history-total').textContent())?.trim() ?? ''
    })
  }
  return { ...summarize(samples, 1), rowsInDom: rowsRendered, totalShown: shownTotal }
}

async function withPage<T>(browser: Browser, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    return await run(await context.newPage())
  } finally {
    await context.close()
  }
}
