import { type RunningServer, startServer as startDemoServer } from '../scripts/demo-server.mjs';

export { parseDemoLogins, type RunningServer } from '../scripts/demo-server.mjs';

/**
 * What every e2e server starts with: open around the clock, and staff passwords derived at
 * libsodium's minimum Argon2id strength, so each sign-in costs milliseconds, not a third of a
 * second of both cores. One test (consultation.spec.ts) signs in at full strength.
 */
export const E2E_SERVER_ENV: Readonly<Record<string, string>> = { TSUNAGARI_HOURS: 'always', STAFF_KDF: 'min' };

/**
 * Starts the real server (`node dist/main.js`, built as `npm start` builds it) on port 0 with a
 * temporary database, demo mode on, {@link E2E_SERVER_ENV} and the given extra environment.
 */
export function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  return startDemoServer({ ...E2E_SERVER_ENV, ...env });
}
