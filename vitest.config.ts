import { playwright } from '@vitest/browser-playwright';
import { configDefaults, defineConfig } from 'vitest/config';
import consoleVite from './console/vite.config.js';

/** Debian's Chromium (Playwright cannot download its own here), as e2e launches it. */
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

// Unit and integration tests. Playwright's e2e/*.spec.ts stay out: they run under Playwright.
// The console's component tests (*.browser.test.ts) run in real Chromium through vitest's browser
// mode, with the console's own Lit decorator settings.
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: on this 2-core machine, one file at a
    // time. The files share nothing (each integration test has its own server and database).
    maxWorkers: 2,
    projects: [
      { test: { name: 'shared', root: 'shared', include: ['src/**/*.test.ts'] } },
      { test: { name: 'server', root: 'server', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } },
      { test: { name: 'widget', root: 'widget', include: ['src/**/*.test.ts'] } },
      { test: { name: 'console', root: 'console', include: ['src/**/*.test.ts'], exclude: [...configDefaults.exclude, 'src/**/*.browser.test.ts'] } },
      {
        oxc: consoleVite.oxc,
        // Bundled before the first test, so Vite does not reload the page midway to add them.
        optimizeDeps: { include: ['lit', 'lit/decorators.js', 'lit/directives/live.js', 'lit/directives/repeat.js', 'libsodium-wrappers-sumo', 'uplot'] },
        test: {
          name: 'console-components',
          root: 'console',
          include: ['src/**/*.browser.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromium }),
            instances: [{ browser: 'chromium' }],
            // A failing test says why in words; no screenshots left in the source tree.
            screenshotFailures: false,
          },
        },
      },
    ],
  },
});
