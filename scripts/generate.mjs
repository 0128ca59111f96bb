// `prisma generate` for `npm install` (postinstall), `npm run build` and `npm test`: writes the
// Prisma client to electron/core/db/generated, which the app, the CLI and the tests import.
// Prisma downloads a schema engine first, which generation does not use (the app migrates its own
// database, electron/core/db/migrator.ts); pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
// file skips that download, so an install without network still succeeds. A value already set wins.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
let cli
try {
  cli = require.resolve('prisma/build/index.js')
} catch {
  // `npm install --omit=dev` leaves out the prisma CLI; such an install runs no Speakloop source.
  console.log('generate: the prisma CLI is not installed (dev dependencies omitted); the Prisma client was not generated.')
  process.exit(0)
}
const engine = process.env.PRISMA_SCHEMA_ENGINE_BINARY
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: engine && existsSync(engine) ? engine : process.execPath }
const result = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env })
process.exit(result.status ?? 1)
