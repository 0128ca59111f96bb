import { MODELS, type ModelId } from '../../electron/core/localModels/catalog.ts'
import type { ModelCatalogOverride } from '../../electron/core/localModels/modelManager.ts'
import { test as base, type AppOptions } from './e2eFixtures.ts'
import { sha256, startModelServer, type ModelServer } from './modelServer.ts'

/**
 * Specs with on-device models: the real catalog, except that the models in `pinned` are the given
 * bytes, pinned by their checksum and served by a loopback HTTPS server (one per worker), and a
 * model given as null has no checksum (how the app shows a model it must not download). The
 * bridge's child process reads the catalog from SPEAKLOOP_TEST_MODELS, set only while the
 * spec's app starts.
 */
export function testWithModels(pinned: Partial<Record<ModelId, Buffer | null>>, app: AppOptions) {
  const files = Object.fromEntries(MODELS.flatMap((m) => (pinned[m.id] ? [[m.fileName, pinned[m.id]!]] : [])))
  return base.extend<object, { modelServer: ModelServer }>({
    modelServer: [
      // Playwright reads a fixture's dependencies from this pattern: the server has none.
      // eslint-disable-next-line no-empty-pattern
      async ({}, use) => {
        const server = await startModelServer(files)
        await use(server)
        await server.close()
      },
      { scope: 'worker' }
    ],
    appOptions: async ({ modelServer }, use) => {
      const catalog: ModelCatalogOverride = {
        models: MODELS.map((m) => {
          const bytes = pinned[m.id]
          if (bytes === null) return { ...m, sha256: null }
          return bytes ? { ...m, sizeBytes: bytes.length, sha256: sha256(bytes) } : m
        }),
        baseUrl: modelServer.baseUrl,
        ca: modelServer.ca
      }
      process.env.SPEAKLOOP_TEST_MODELS = JSON.stringify(catalog)
      try {
        await use(app)
      } finally {
        delete process.env.SPEAKLOOP_TEST_MODELS
      }
    }
  })
}
