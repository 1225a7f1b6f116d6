import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoPaths, openRelayDb } from './relay-db.js';
import { type RunningServer, startServer as startDemoServer } from '../scripts/demo-server.mjs';

export { parseDemoLogins, type RunningServer } from '../scripts/demo-server.mjs';

/**
 * What every e2e server starts with: open around the clock, and staff passwords derived at
 * libsodium's minimum Argon2id strength, so each sign-in costs milliseconds, not a third of a
 * second of both cores. One test (consultation.spec.ts) signs in at full strength.
 */
export const E2E_SERVER_ENV: Readonly<Record<string, string>> = { TSUNAGARI_HOURS: 'always', STAFF_KDF: 'min' };

/**
 * Where global-setup.ts left a freshly seeded demo database for each staff KDF strength (JSON
 * `{ "min": dir, "moderate": dir }`). Seeding a demo database costs two Argon2id derivations at
 * MODERATE for the organisation key file (made, then opened to sign the staff statements) and
 * one per demo login: seconds of both cores, paid by each of the ~40 servers the suite starts.
 * The same seed, made once and copied, gives each server the same fresh state in milliseconds.
 */
const TEMPLATES_VAR = 'E2E_SERVER_TEMPLATES';

/**
 * Server clocks (TSUNAGARI_TEST_NOW) tests start their servers at, seeded once like the rest: the
 * seed's statements are dated by the clock, so each clock has a template of its own. A clock not
 * listed here still works; its servers seed themselves (seconds of both cores each).
 */
export const SEEDED_CLOCKS = {
  /** Saturday noon in Tokyo: the widget outside the program's hours (widget-safety.spec.ts). */
  saturdayNoon: '2026-11-28T12:00:00+09:00',
  /** Tuesday noon in Tokyo: the week the calendar shows (calendar.spec.ts). */
  tuesdayNoon: '2026-12-01T12:00:00+09:00',
} as const;

/** Which template a server with this KDF strength and clock copies (the clock as an instant). */
function templateKey(kdf: string, now: string | undefined): string {
  return now === undefined ? kdf : `${kdf}@${new Date(now).toISOString()}`;
}

/**
 * The template for a server with this environment, or null where there is none: a clock not in
 * {@link SEEDED_CLOCKS}, or no demo at all.
 */
function templateFor(env: Record<string, string>): string | null {
  if (env.DEMO !== undefined) return null;
  const templates = JSON.parse(process.env[TEMPLATES_VAR] ?? '{}') as Record<string, string>;
  return templates[templateKey(env.STAFF_KDF ?? '', env.TSUNAGARI_TEST_NOW)] ?? null;
}

/**
 * Starts the real server (`node dist/main.js`, built as `npm start` builds it) on port 0 with a
 * temporary database, demo mode on, {@link E2E_SERVER_ENV} and the given extra environment. The
 * database is a copy of the freshly seeded template where there is one ({@link templateFor}), so
 * the server finds its demo organisation and logins in place and seeds nothing.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const full = { ...E2E_SERVER_ENV, ...env };
  const template = templateFor(full);
  if (!template) return startDemoServer(full);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-e2e-'));
  try {
    fs.cpSync(template, dir, { recursive: true });
    const server = await startDemoServer(full, dir);
    return {
      ...server,
      stop: async () => {
        await server.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Seeds the demo databases the test servers copy, one per staff KDF strength the suite uses and
 * one per {@link SEEDED_CLOCKS} clock (at the minimum strength), all at once (a server started on
 * an empty folder and stopped: SIGTERM commits and closes, so the folder holds the database, the
 * org key file and the records key file alone), and says where in {@link TEMPLATES_VAR} for the workers. The
 * full-strength one keeps the seed's six derivations at MODERATE out of the time of the two tests
 * that sign in at full strength; a clock's keeps the seed out of each of its tests (4–10 s each
 * measured on a busy machine). Returns the function that removes them.
 */
export async function seedServerTemplates(): Promise<() => void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-e2e-templates-'));
  const templates: Record<string, string> = {};
  const seeds = [
    { kdf: 'min', now: undefined },
    { kdf: 'moderate', now: undefined },
    ...Object.values(SEEDED_CLOCKS).map((now) => ({ kdf: 'min', now })),
  ];
  await Promise.all(
    seeds.map(async ({ kdf, now }, i) => {
      const dir = path.join(root, String(i));
      fs.mkdirSync(dir);
      const clock: Record<string, string> = now === undefined ? {} : { TSUNAGARI_TEST_NOW: now };
      const server = await startDemoServer({ ...E2E_SERVER_ENV, STAFF_KDF: kdf, ...clock }, dir);
      await server.stop();
      // The program's settings are stored at a relay's first start from its environment (issue 16):
      // forgotten here, so each copy stores its own test's (hours, retention …) as a fresh install would.
      const db = openRelayDb(demoPaths(server.banner).db);
      try {
        db.prepare('DELETE FROM program_settings').run();
      } finally {
        db.close();
      }
      templates[templateKey(kdf, now)] = dir;
    }),
  );
  process.env[TEMPLATES_VAR] = JSON.stringify(templates);
  return () => fs.rmSync(root, { recursive: true, force: true });
}
