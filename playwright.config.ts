import { defineConfig } from '@playwright/test'
import { FAKE_MIC_WAV } from './tests/support/e2ePaths.ts'

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Chromium switches for both targets: a fake microphone fed with an espeak-ng WAV. */
export const FAKE_MEDIA_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-audio-capture=${FAKE_MIC_WAV}`,
  '--autoplay-policy=no-user-gesture-required'
]

export default defineConfig<object, { target: 'web' | 'electron' }>({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/support/e2eGlobalSetup.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 800 }
  },
  projects: [
    {
      name: 'web',
      testIgnore: '**/packaged.spec.ts',
      use: {
        target: 'web',
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            ...FAKE_MEDIA_ARGS
          ]
        }
      }
    },
    {
      name: 'electron',
      testIgnore: '**/packaged.spec.ts',
      use: { target: 'electron' }
    },
    {
      // The packaged app itself (SPEAKLOOP_PACKAGED_APP, set by the Electron workflow after npm run package).
      name: 'packaged',
      testMatch: '**/packaged.spec.ts'
    }
  ]
})
