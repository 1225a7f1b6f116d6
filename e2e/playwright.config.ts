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
/**
 * Spec files started first, each worker taking the next test as it frees up: the ones whose tests
 * run one after the other on one worker (`mode: 'serial'`: staff-keys ~38 test-seconds, the
 * message epochs, nginx, the cluster) and the longest single tests (the flood limit's 10 s window,
 * distribution, nuisance, the report's charts, the silences of still-waiting, records notes,
 * outreach; the relay-lies tests of widget-trust and console-trust, each a server with lies of
 * its own). Playwright queues files by name, so these came as they fell — staff-keys and the flood
 * test in the last third, nginx after everything else (a worker of its own), widget-trust's four
 * lies last of all: the run ended with one worker on a long block while the others had nothing
 * left (docs/performance.md, fifth pass). Longest first, the short
 * tests fill in at the end. Two projects of the same settings only to order the queue; a worker
 * moving from the first to the rest restarts (its browser and server: ~1 s, once per worker).
 */
const LONG_FIRST = /[\\/](staff-keys|message-epochs|nginx|cluster|widget-flood|distribution|nuisance|report-charts|still-waiting|records-notes|outreach|widget-trust|console-trust)\.spec\.ts$/;

export default defineConfig({
  testDir: './tests',
  // The seeded demo databases the test servers copy; its returned function removes them.
  globalSetup: './global-setup.ts',
  outputDir: './artifacts/test-results',
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 3),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json']],
  projects: [
    { name: 'long', testMatch: LONG_FIRST },
    { name: 'rest', testIgnore: LONG_FIRST },
  ],
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
