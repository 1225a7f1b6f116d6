// Which Chromium the browser tests (Playwright, vitest's browser mode) and `npm run size` launch,
// and the flags every launch uses. Debian's: Playwright cannot download its own on this network.
// Its headless shell when installed — Chromium's old headless mode, without the full browser
// around the page, which Playwright itself prefers for headless runs: the browser tests took ~20 %
// less CPU and wall time in it than in the full browser (docs/performance.md) — else the full
// browser. CHROMIUM_PATH overrides both.
import fs from 'node:fs';

/** Debian's `chromium-headless-shell` package. */
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
/** Debian's `chromium` package. */
export const FULL_CHROMIUM = '/usr/bin/chromium';

/** CHROMIUM_PATH, else the headless shell if installed, else the full browser. */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH ?? (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM);
}

/** Flags for every launch (the headless shell is headless by itself and ignores `--headless`). */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);
