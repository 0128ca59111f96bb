import { defineConfig } from 'prisma/config'

// Only `prisma generate` uses this file: the app migrates its own database at start-up
// (electron/core/db/migrator.ts), so no datasource URL is needed here.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' }
})
