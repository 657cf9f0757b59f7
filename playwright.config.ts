/*
 * Browser end-to-end tests: Playwright driving the system's Chromium (no
 * browser download), against the demo as `make start` runs it: the two
 * simulated clusters (scripts/start-demo.sh --clusters-only, seeded from
 * examples/ with the one broken workload the rollouts test needs) and the
 * portal (`yarn start`). Locally, servers already running are used (e.g. a
 * `make start` in another terminal); CI starts fresh ones. DEMO_TIME_SCALE
 * makes the clusters' simulated time faster (default 1, as in the demo).
 */

import { defineConfig } from '@playwright/test';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  webServer: [
    {
      // The simulated clusters demo-eu (6443) and demo-us (6444), one
      // process; the portal deploys to them, and the tests reset them.
      command: 'scripts/start-demo.sh --clusters-only',
      url: 'http://127.0.0.1:6444/healthz',
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // Starts the frontend dev server (3000) and the backend (7007).
      command: 'yarn start',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 600_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  outputDir: 'node_modules/.cache/e2e-test-results',
});
