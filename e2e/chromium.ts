import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';

/**
 * The Chromium every launch uses — the suite's (playwright.config.ts) and tests that launch a
 * browser of their own (nginx.spec.ts, production.ts) — and its flags: scripts/chromium.mjs.
 */
export const CHROMIUM_PATH = chromiumPath();
export { CHROMIUM_ARGS };
