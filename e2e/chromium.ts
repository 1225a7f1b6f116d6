/**
 * Debian's Chromium (Playwright cannot download its own here) and the flags every launch uses:
 * the suite's (playwright.config.ts) and tests that launch a browser of their own (nginx.spec.ts).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
