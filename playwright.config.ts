// Playwright: the renderer in Debian's Chromium through the headless host (project `browser`), and the
// real desktop app where the Electron binary exists (project `electron`, only with E2E_ELECTRON=1).
// Never `npx playwright install`: browsers cannot be downloaded here; /usr/bin/chromium comes from apt.
import { defineConfig } from '@playwright/test';

const withElectron = process.env.E2E_ELECTRON === '1';

export default defineConfig({
  testDir: 'renderer/e2e',
  outputDir: 'test-results',
  globalSetup: './renderer/e2e/global-setup.ts',
  // One worker: each worker starts its own host + PGlite warehouse, and the machines have 2 cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'browser',
      testMatch: 'browser/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
        },
      },
    },
    ...(withElectron ? [{ name: 'electron', testMatch: 'electron/**/*.spec.ts' }] : []),
  ],
});
