import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

/**
 * Real Chromium (Debian's: Playwright cannot download its own here) against real servers, each
 * started on port 0 with a fresh SQLite file and the demo organisation (tests/fixtures.ts): one
 * per worker, and one per test for tests that need a server to themselves. Three workers on this
 * 2-core machine (E2E_WORKERS to change it): the browser tests mostly wait (on pages, sockets and
 * Playwright's own polling), two workers used ~0.7 of a core with nothing else running
 * (docs/performance.md); tests run side by side, each file's tests in any order.
 */
export default defineConfig({
  testDir: './tests',
  // The seeded demo databases the test servers copy; its returned function removes them.
  globalSetup: './global-setup.ts',
  outputDir: './artifacts/test-results',
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 3),
  retries: 0,
  // Generous, because they bound a wait, not a speed: three workers on two cores run a sign-in's
  // Argon2id or a report's print four or five times slower than alone, and a CI run failed tests
  // that were merely slow (a sign-in past 15 s, a report's screenshots past a minute). A passing
  // test never waits for these; speed is measured by `npm run bench`, not here.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['json']],
  use: {
    ...devices['Desktop Chrome'],
    // On a failure: the trace of actions, network and console. DOM snapshots and the screencast
    // cost about a fifth of the suite's CPU (measured: 76–81 against 63 CPU-seconds for three
    // files); add them when digging into one test: `playwright test … --trace retain-on-failure`.
    trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
  },
});
