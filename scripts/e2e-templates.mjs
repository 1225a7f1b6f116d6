// The seeded demo databases the browser tests' servers copy (e2e/server.ts): made once per run,
// by Playwright's global setup, or by `npm test` beside the type-check (scripts/test.mjs), which
// then hands them to Playwright in E2E_SERVER_TEMPLATES. Typed for TypeScript by e2e-templates.d.mts.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './demo-server.mjs';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'server');

/**
 * What every e2e server starts with: open around the clock, and staff passwords derived at
 * libsodium's minimum Argon2id strength, so each sign-in costs milliseconds, not a third of a
 * second of both cores. One test (consultation.spec.ts) signs in at full strength.
 */
export const E2E_SERVER_ENV = Object.freeze({ TSUNAGARI_HOURS: 'always', STAFF_KDF: 'min' });

/**
 * Server clocks (TSUNAGARI_TEST_NOW) tests start their servers at, seeded once like the rest: the
 * seed's statements are dated by the clock, so each clock has a template of its own. A clock not
 * listed here still works; its servers seed themselves (seconds of both cores each).
 */
export const SEEDED_CLOCKS = Object.freeze({
  /** Saturday noon in Tokyo: the widget outside the program's hours (widget-safety.spec.ts). */
  saturdayNoon: '2026-11-28T12:00:00+09:00',
  /** Tuesday noon in Tokyo: the week the calendar shows (calendar.spec.ts); eight months into fiscal 2026, the year report's day (report-charts.spec.ts). */
  tuesdayNoon: '2026-12-01T12:00:00+09:00',
});

/**
 * Where the seeded demo databases are, one per staff KDF strength and clock (JSON
 * `{ "min": dir, "moderate": dir, "min@<instant>": dir }`), for the test servers to copy.
 */
export const TEMPLATES_VAR = 'E2E_SERVER_TEMPLATES';

/** Which template a server with this KDF strength and clock copies (the clock as an instant). */
function templateKey(kdf, now) {
  return now === undefined ? kdf : `${kdf}@${new Date(now).toISOString()}`;
}

/**
 * The template for a server with this environment, or null where there is none: a clock not in
 * {@link SEEDED_CLOCKS}, or no demo at all.
 * @param {Record<string, string>} env
 * @returns {string | null}
 */
export function templateFor(env) {
  if (env.DEMO !== undefined) return null;
  const templates = JSON.parse(process.env[TEMPLATES_VAR] ?? '{}');
  return templates[templateKey(env.STAFF_KDF ?? '', env.TSUNAGARI_TEST_NOW)] ?? null;
}

/**
 * Opens a relay's SQLite file from this process (better-sqlite3 is the server's own dependency):
 * the seed forgets its settings; tests rewrite rows behind a running server's back, as a
 * compromised relay's operator could.
 * @param {string} file
 */
export function openRelayDb(file) {
  const Database = createRequire(path.join(serverDir, 'package.json'))('better-sqlite3');
  return new Database(file);
}

/**
 * Seeds the demo databases the test servers copy, one per staff KDF strength the suite uses and
 * one per {@link SEEDED_CLOCKS} clock (at the minimum strength), all at once (a server started on
 * an empty folder and stopped: SIGTERM commits and closes, so the folder holds the database, the
 * org key file and the records key file alone), and says where in {@link TEMPLATES_VAR} of this
 * process's environment (the Playwright workers, or the Playwright run `npm test` starts, inherit
 * it). Seeding a demo database costs two Argon2id derivations at MODERATE for the organisation key
 * file (made, then opened to sign the staff statements) and one per demo login: seconds of both
 * cores, paid once here instead of by each of the ~40 servers a run starts. The full-strength one
 * keeps the seed's six derivations at MODERATE out of the time of the two tests that sign in at
 * full strength; a clock's keeps the seed out of each of its tests. Resolves to the function that
 * removes them.
 * @returns {Promise<() => void>}
 */
export async function seedServerTemplates() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-e2e-templates-'));
  const templates = {};
  const seeds = [
    { kdf: 'min', now: undefined },
    { kdf: 'moderate', now: undefined },
    ...Object.values(SEEDED_CLOCKS).map((now) => ({ kdf: 'min', now })),
  ];
  try {
    await Promise.all(
      seeds.map(async ({ kdf, now }, i) => {
        const dir = path.join(root, String(i));
        fs.mkdirSync(dir);
        const clock = now === undefined ? {} : { TSUNAGARI_TEST_NOW: now };
        const server = await startServer({ ...E2E_SERVER_ENV, STAFF_KDF: kdf, ...clock }, dir);
        await server.stop();
        // The program's settings are stored at a relay's first start from its environment (issue 16):
        // forgotten here, so each copy stores its own test's (hours, retention …) as a fresh install would.
        const db = openRelayDb(path.join(dir, 'e2e.db'));
        try {
          db.prepare('DELETE FROM program_settings').run();
        } finally {
          db.close();
        }
        templates[templateKey(kdf, now)] = dir;
      }),
    );
  } catch (err) {
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
  process.env[TEMPLATES_VAR] = JSON.stringify(templates);
  return () => fs.rmSync(root, { recursive: true, force: true });
}
