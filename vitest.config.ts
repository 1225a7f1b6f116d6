import { defineConfig } from 'vitest/config';

// Unit and integration tests. Playwright's e2e/*.spec.ts stay out: they run under Playwright.
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: on this 2-core machine, one file at a
    // time. The files share nothing (each integration test has its own server and database).
    maxWorkers: 2,
    projects: [
      { test: { name: 'shared', root: 'shared', include: ['src/**/*.test.ts'] } },
      { test: { name: 'server', root: 'server', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } },
      { test: { name: 'widget', root: 'widget', include: ['src/**/*.test.ts'] } },
      { test: { name: 'console', root: 'console', include: ['src/**/*.test.ts'] } },
    ],
  },
});
