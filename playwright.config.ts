import { defineConfig } from '@playwright/test';

// The renderer is tested in Debian's chromium against the real main-process services, which the tests run
// in their own Node process (see test/e2e/fixtures.ts). `npm run test:e2e` builds the renderer first.
const PORT = Number(process.env.WARROOM_E2E_PORT ?? 4179);

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 2,
  // Generous: these machines run several suites at once, and a slow step is not a failure of the app.
  timeout: 300_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    trace: 'off',
    // A stuck click or fill fails in 30 s naming its locator, instead of using up the whole test's time.
    actionTimeout: 30_000,
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
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
  },
});
