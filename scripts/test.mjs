// `npm test`: every check in order — Prisma client generation, type-check of the node and web
// projects, ESLint, the build the end-to-end specs load, vitest, then Playwright (the web target,
// then the Electron target) — and one closing line `N passed, N failed, N skipped` over all of them.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const results = { passed: 0, failed: 0, skipped: 0 }
const failures = []
mkdirSync('test-results', { recursive: true })

function run(name, command, args, env = {}) {
  process.stdout.write(`\n▶ ${name}: ${[command, ...args].join(' ')}\n`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  const ok = result.status === 0
  if (!ok) failures.push(name)
  return ok
}

/** A step that is one check (type-check, lint, build) counts as one test. */
function step(name, command, args) {
  const ok = run(name, command, args)
  results[ok ? 'passed' : 'failed']++
  return ok
}

/** A test runner's own counts come from its JSON report. */
function suite(name, command, args, report, count) {
  rmSync(report, { force: true })
  const ok = run(name, command, args)
  if (!existsSync(report)) {
    results.failed++
    failures.push(`${name} (no report)`)
    return
  }
  const counts = count(JSON.parse(readFileSync(report, 'utf8')))
  results.passed += counts.passed
  results.failed += counts.failed
  results.skipped += counts.skipped
  if (!ok && counts.failed === 0) {
    results.failed++
    failures.push(`${name} (exit code)`)
  }
}

run('native modules for Node', 'node', ['scripts/native.mjs', 'node'])
step('prisma generate', 'node', ['scripts/generate.mjs'])
step('typecheck (node)', 'npx', ['tsc', '-p', 'tsconfig.node.json'])
step('typecheck (web)', 'npx', ['tsc', '-p', 'tsconfig.web.json'])
step('typecheck (e2e)', 'npx', ['tsc', '-p', 'tsconfig.e2e.json'])
step('lint', 'npx', ['eslint', '.'])
const built = step('build', 'npx', ['electron-vite', 'build'])

suite('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json'], 'test-results/vitest.json', (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests,
  skipped: r.numPendingTests + r.numTodoTests
}))

const playwrightCounts = (r) => ({
  passed: r.stats.expected + r.stats.flaky,
  failed: r.stats.unexpected,
  skipped: r.stats.skipped
})

if (built) {
  // The web target's bridge runs the core in Node; the Electron target runs it in Electron, whose
  // ABI differs: better-sqlite3 is rebuilt for Electron around that run, and back for Node after it.
  // Without the Electron binary those specs only report themselves skipped (or failed, with
  // SPEAKLOOP_REQUIRE_ELECTRON=1), so nothing is rebuilt.
  suite('playwright (web)', 'npx', ['playwright', 'test', '--project', 'web', '--project', 'packaged'], 'test-results/playwright.json', playwrightCounts)
  const electron = existsSync('node_modules/electron/path.txt')
  if (electron) step('native modules for Electron', 'node', ['scripts/native.mjs', 'electron'])
  suite('playwright (electron)', 'npx', ['playwright', 'test', '--project', 'electron'], 'test-results/playwright.json', playwrightCounts)
  if (electron) step('native modules for Node', 'node', ['scripts/native.mjs', 'node'])
} else {
  results.failed++
  failures.push('playwright (not run: build failed)')
}

if (failures.length) process.stdout.write(`\nFailed: ${failures.join(', ')}\n`)
process.stdout.write(`\n${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped\n`)
process.exit(results.failed === 0 ? 0 : 1)
