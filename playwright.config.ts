import { defineConfig, devices } from '@playwright/test'

// Browser tests against the BUILT app: `npm run build` must run first (the validate script does
// it); the web server below only seeds a fresh database and serves ./build, it never rebuilds.

// A fixed port of its own; E2E_PORT picks another (the workers inherit it, see tests/setup).
process.env.E2E_PORT ??= '3210'
const PORT = Number(process.env.E2E_PORT)
const baseURL = `http://127.0.0.1:${PORT}`

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // One browser at a time (a 2-core machine), and the specs share one database: each edits items
  // of its own, but some count the whole portfolio while the archive journey briefly hides an item.
  workers: 1,
  // a long journey on a shared, loaded 2-core machine can need more than 30 s; nothing here is a speed check
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-GB',
  },
  projects: [
    // Signs each demo role in once and saves its session for the specs (tests/setup/auth.setup.ts).
    {
      name: 'setup',
      testDir: 'tests/setup',
      testMatch: /auth\.setup\.ts$/,
    },
    {
      name: 'chromium',
      dependencies: ['setup'],
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'bash tests/setup/e2e-server.sh',
    url: `${baseURL}/healthz`,
    env: { E2E_PORT: String(PORT) },
    // Every run gets a fresh database, so a server already on the port is not reused unless
    // asked for (E2E_REUSE_SERVER=1, for quick local reruns of one spec); never in CI.
    reuseExistingServer: !process.env.CI && process.env.E2E_REUSE_SERVER === '1',
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
