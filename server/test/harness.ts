// Over 300 lines on purpose: startTestServer's options are the one documented list of what an
// integration test may vary in a relay built by createApp (both databases, Redis, clocks, limits),
// and every integration file takes its server, sockets, calls and manual clock from this one place.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  type AckResult,
  API,
  type ClientToServerEvents,
  type OpeningHoursConfig,
  type ServerToClientEvents,
  type StaffSession,
} from '@tsunagari/shared';
import { deriveStaffPasswordKeys, type StaffKeyPairs, toB64, unwrapStaffKeys } from '@tsunagari/shared/crypto';
import { type PinnedOrgKey, pinOrgKey } from '@tsunagari/shared/trust';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, inject } from 'vitest';
import { Redis } from 'ioredis';
import { RedisQueueStore } from '../src/redis/redis-queue-store.js';
import type { SharedNode } from '../src/cluster/shared-node.js';
import { createApp, type App } from '../src/app.js';
import { enrolInProcess } from '../src/admin/enrol-in-process.js';
import { type Clock, systemClock } from '../src/clock.js';
import type { Heartbeat } from '../src/config.js';
import type { RoutingOptions } from '../src/domain/routing/options.js';
import { openDatabase, type Db } from '../src/db/database.js';
import type { LimitOverrides } from '../src/limits.js';
import { createLogger } from '../src/log.js';
import { StaffLifecycle } from '../src/domain/staff/lifecycle.js';
import type { LoginLimits } from '../src/domain/staff/login-guard.js';
import { type PasswordVerifier, VerifierPool } from '../src/domain/staff/verifier-pool.js';
import { LiveSessions } from '../src/domain/staff/live-sessions.js';
import { createSqliteRepositories } from '../src/repositories/sqlite.js';
import type { Repositories } from '../src/repositories/types.js';
import { realScheduler, type Scheduler } from '../src/scheduler.js';
import { loadSodium } from '../src/sodium.js';
import { noSqlite, pgStorageFor } from './pg-storage.js';
import { oncePerWorker } from './worker-template.js';
import { answeringLater } from './slow-storage.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Sumo = Awaited<ReturnType<typeof loadSodium>>;

export const STAFF = {
  sato: { username: 'sato', displayName: '佐藤', role: 'counselor', password: 'test-password-sato' },
  tanaka: { username: 'tanaka', displayName: '田中', role: 'counselor', password: 'test-password-tanaka' },
  boss: { username: 'boss', displayName: '上田', role: 'supervisor', password: 'test-password-boss' },
  chief: { username: 'chief', displayName: '本部', role: 'admin', password: 'test-password-chief' },
} as const;

/** The test's organisation key pair: the test holds the secret half, as an admin's own machine would. */
export interface TestOrg {
  publicKey: string;
  secretKey: Uint8Array;
  pinned: PinnedOrgKey;
}

export interface TestServer {
  url: string;
  app: App;
  db: Db;
  /**
   * Rows of a SQL query (`?` placeholders), from whichever database holds the records (SQLite, or
   * PostgreSQL in the `server-pg` matrix): for tests that look at rows on both backends.
   */
  rows(sql: string, ...params: unknown[]): Promise<unknown[]>;
  dir: string;
  dbPath: string;
  sodium: Sumo;
  orgPublicKey: string;
  /** The organisation key; statements and revocation lists the test signs verify against it. */
  org: TestOrg;
  /** Every line the server logged, at trace level. */
  logs: string[];
  /** Stops the server; the database file stays for inspection until `cleanup`. */
  stop(): Promise<void>;
  cleanup(): void;
}

/**
 * One login-verification thread for every test server of this worker, unless a test brings its
 * own: a server's own pool starts a thread and loads libsodium in it at its first login (~150 ms
 * of CPU, and most test servers sign someone in). Verification keeps nothing between logins; the
 * pool itself is tested with pools of its own (verifier-pool.test.ts, login-limits.test.ts). Its
 * thread is unref'd: it never holds the worker open.
 */
let sharedVerifier: VerifierPool | null = null;

/** A real server on port 0 with a real SQLite file, an organisation and the test staff. */
export async function startTestServer(
  opts: {
    dir?: string;
    clock?: Clock;
    hours?: OpeningHoursConfig;
    /** ISO weekday of interviews (default none: any day, as before the calendar). */
    interviewWeekday?: number | null;
    port?: number;
    routing?: Partial<RoutingOptions>;
    /** The start limit per caller (the production default unless given); every test client is 127.0.0.1. */
    startsPerHour?: number;
    trustedProxyHops?: number;
    /**
     * Consultations waiting or active per caller (default 0 here, no limit: every test client is
     * 127.0.0.1, and most tests start many); the limit's own tests set it.
     */
    openPerCaller?: number;
    urgentPerHour?: number;
    /** Campaigns on the admin's list, active (a start naming another is recorded as 'other'). */
    campaigns?: string[];
    /** Proof of work to start (default 0 here: none asked; its own tests set it). */
    powCounter?: number;
    powFloodWaiting?: number;
    callerPrefixes?: { v4: number; v6: number };
    retentionDays?: number;
    /** Mount the test-only hooks (replay a stored message). */
    testHooks?: boolean;
    /** Demo mode: the relay serves the demo page, the landing pages and the console too. */
    demo?: boolean;
    /**
     * Repositories that answer a turn later, before and after their SQL, as PostgreSQL's would (see
     * slow-storage.ts). Default: TSUNAGARI_TEST_STORAGE=later turns it on for every server of a run.
     */
    storageLatency?: boolean;
    heartbeat?: Heartbeat;
    /** The server's Argon2id floor for enrolment and password change (default min, as e2e servers). */
    kdfFloor?: 'moderate' | 'min';
    /** The console's own origin (TSUNAGARI_CONSOLE_ORIGIN); default: the relay's origin. */
    consoleOrigin?: string;
    /** Cookies always Secure, as in production. */
    secureCookies?: boolean;
    /** Budgets per socket, caller and consultation (the production defaults unless given). */
    limits?: LimitOverrides;
    /** Failed-login budgets and slow-down (default: the production ones). */
    loginLimits?: Partial<LoginLimits>;
    /** A login verifier of the test's own (the test closes it); default: the worker's {@link sharedVerifier}. */
    verifier?: PasswordVerifier;
    /** Free MB below which the disk alarm is logged. */
    diskAlarmMb?: number;
    /** Routing's timers (offers, grace periods); real ones unless given (see {@link manualScheduler}). */
    scheduler?: Scheduler;
    /** TSUNAGARI_FRAME_ANCESTORS: origins that may frame the landing page. */
    frameAncestors?: string[];
    /** PUBLIC_URL (HSTS is sent when it is https). */
    publicUrl?: string;
    /** One of several nodes (issue 17): what it shares with the others through Redis (the test owns the connection). */
    shared?: SharedNode;
    /** What the relay does when it must start again (main.ts exits 75): routing could not load, or its Redis lost the shared queue; default: logged only. */
    mustStartAgain?: () => void;
    /** Wraps the relay's repositories (either database), e.g. to make one read fail. */
    repositoriesThrough?: (repos: Repositories) => Repositories;
    /** 'sqlite': the records in the SQLite file even in the `server-pg` project (the move to PostgreSQL starts from one). */
    storage?: 'sqlite';
  } = {},
): Promise<TestServer> {
  const sodium = await loadSodium();
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-test-'));
  const dbPath = path.join(dir, 'test.db');
  // TSUNAGARI_TEST_STORAGE=pg: the records in PostgreSQL, and no SQLite file at all: a test that
  // reads `server.db` fails there rather than passing on an empty file (pg-storage.ts).
  const pgStorage = opts.storage === 'sqlite' ? null : await pgStorageFor(dir);
  const clock = opts.clock ?? systemClock;
  if (!pgStorage && !opts.dir && !opts.clock) await copyEnrolled(dir);
  const db = pgStorage ? noSqlite() : openDatabase(dbPath);
  const repos = pgStorage?.repos ?? createSqliteRepositories(db);
  const org = testOrg(sodium, dir);
  if (!(await repos.organisation.get())) await enrolTestOrg(sodium, repos, org, clock);
  for (const name of opts.campaigns ?? []) await repos.campaigns.save({ name, label: name, active: true, updatedAt: clock.now().toISOString() });
  const logs: string[] = [];
  const log = createLogger('trace', { write: (line: string) => void logs.push(line) });
  const redis = queueInRedis();
  await opts.shared?.start();
  const app = await createApp({
    // One prefix per test's database: a restarted relay meets the Redis state its previous start
    // left (offers whose timers died with it included), as a node restarting beside a live Redis does.
    ...(redis ? { queueStore: new RedisQueueStore(redis, `test-${path.basename(dir)}:`) } : {}),
    ...(opts.shared ? { shared: opts.shared } : {}),
    ...(opts.mustStartAgain ? { mustStartAgain: opts.mustStartAgain } : {}),
    ...(pgStorage ? { repositories: pgStorage.repos } : { db }),
    // PostgreSQL answers across a socket already: the stand-in for it is for SQLite runs only.
    ...(!pgStorage && (opts.storageLatency ?? process.env.TSUNAGARI_TEST_STORAGE === 'later') ? { repositories: answeringLater(createSqliteRepositories(db)) } : {}),
    ...(opts.repositoriesThrough ? { repositories: opts.repositoriesThrough(pgStorage?.repos ?? createSqliteRepositories(db)) } : {}),
    sodium,
    clock,
    log,
    kdfFloor: opts.kdfFloor ?? 'min',
    ...(opts.consoleOrigin !== undefined ? { consoleOrigin: opts.consoleOrigin } : {}),
    ...(opts.secureCookies !== undefined ? { secureCookies: opts.secureCookies } : {}),
    widgetDist: path.join(dir, 'no-widget'),
    consoleDist: path.join(dir, 'no-console'),
    publicUrl: opts.publicUrl ?? null,
    ...(opts.frameAncestors ? { frameAncestors: opts.frameAncestors } : {}),
    ...(opts.scheduler ? { scheduler: opts.scheduler } : {}),
    ...(opts.demo !== undefined ? { demo: opts.demo } : {}),
    hours: opts.hours ?? { mode: 'always' },
    ...(opts.interviewWeekday !== undefined ? { interviewWeekday: opts.interviewWeekday } : {}),
    alternatives: { phone: '0836-37-5611', mail: 'ysnw2021@outlook.jp' },
    ...(opts.routing ? { routing: opts.routing } : {}),
    ...(opts.startsPerHour !== undefined ? { startsPerHour: opts.startsPerHour } : {}),
    ...(opts.trustedProxyHops !== undefined ? { trustedProxyHops: opts.trustedProxyHops } : {}),
    openPerCaller: opts.openPerCaller ?? 0,
    powCounter: opts.powCounter ?? 0,
    ...(opts.powFloodWaiting !== undefined ? { powFloodWaiting: opts.powFloodWaiting } : {}),
    ...(opts.urgentPerHour !== undefined ? { urgentPerHour: opts.urgentPerHour } : {}),
    ...(opts.callerPrefixes ? { callerPrefixes: opts.callerPrefixes } : {}),
    ...(opts.retentionDays !== undefined ? { retentionDays: opts.retentionDays } : {}),
    ...(opts.testHooks ? { testHooks: true } : {}),
    ...(opts.heartbeat ? { heartbeat: opts.heartbeat } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.loginLimits ? { loginLimits: opts.loginLimits } : {}),
    verifier: opts.verifier ?? (sharedVerifier ??= new VerifierPool(1)),
    ...(opts.diskAlarmMb !== undefined ? { diskAlarmMb: opts.diskAlarmMb } : {}),
  });
  await new Promise<void>((resolve) => app.httpServer.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
    await opts.shared?.stop();
    await redis?.quit();
    if (pgStorage) await pgStorage.close();
    else db.close();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    db,
    rows: async (sql, ...params) => (pgStorage ? pgStorage.query(sql, params) : db.prepare(sql).all(...params)),
    dir,
    dbPath,
    sodium,
    orgPublicKey: (await repos.organisation.get())?.signPublicKey ?? '',
    org,
    logs,
    stop,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The test organisation and its four staff, enrolled as browsers would (keys made "client-side"), signed with the test's org key. */
async function enrolTestOrg(sodium: Sumo, repos: Repositories, org: TestOrg, clock: Clock): Promise<void> {
  await repos.organisation.create('test org', org.publicKey, clock.now().toISOString());
  const lifecycle = new StaffLifecycle(repos, sodium, clock, new LiveSessions(realScheduler, clock), 'min');
  for (const s of Object.values(STAFF)) await enrolInProcess(sodium, lifecycle, org.secretKey, s, { kdf: 'min', now: clock.now().getTime() });
}

/**
 * A new test server's SQLite file and org key as migrating and {@link enrolTestOrg} leave them,
 * made once per worker and copied into each new folder: migrating and enrolling took ~45 ms of
 * CPU a server, and a run starts hundreds. Only on the real clock (a test's own clock enrols at
 * its own time: statements are dated) and in a new folder (a restart keeps its own file).
 */
const enrolled = oncePerWorker('tsunagari-test-enrolled-', async (template) => {
  const sodium = await loadSodium();
  const db = openDatabase(path.join(template, 'test.db'));
  try {
    await enrolTestOrg(sodium, createSqliteRepositories(db), testOrg(sodium, template), systemClock);
  } finally {
    db.close();
  }
});
async function copyEnrolled(dir: string): Promise<void> {
  const template = await enrolled();
  for (const name of ['test.db', 'test-org-secret.json']) fs.copyFileSync(path.join(template, name), path.join(dir, name));
}

/**
 * The test organisation's key pair, kept in the test's directory so a restarted server (same
 * directory) has the same organisation. Test only: a real org key lives in a passphrase-encrypted
 * file on the admin's own machine.
 */
function testOrg(sodium: Sumo, dir: string): TestOrg {
  const file = path.join(dir, 'test-org-secret.json');
  if (!fs.existsSync(file)) {
    const kp = sodium.crypto_sign_keypair();
    fs.writeFileSync(file, JSON.stringify({ publicKey: toB64(sodium, kp.publicKey), secretKey: toB64(sodium, kp.privateKey) }), { mode: 0o600 });
  }
  const { publicKey, secretKey } = JSON.parse(fs.readFileSync(file, 'utf8')) as { publicKey: string; secretKey: string };
  return { publicKey, secretKey: sodium.from_base64(secretKey, sodium.base64_variants.URLSAFE_NO_PADDING), pinned: pinOrgKey(sodium, publicKey) };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export interface LoggedInStaff {
  cookie: string;
  /** The raw Set-Cookie header, to check its flags. */
  setCookie: string;
  session: StaffSession;
  keys: StaffKeyPairs;
}

/** Logs in as a browser would: fetch KDF params, derive keys, send the auth key, unwrap (with her test password unless given). */
export async function loginStaff(server: TestServer, who: keyof typeof STAFF, headers: Record<string, string> = {}, password: string = STAFF[who].password): Promise<LoggedInStaff> {
  const { username } = STAFF[who];
  const params = (await (await postJson(server.url + API.authParams, { username }, headers)).json()) as AckResult<{ salt: string; opslimit: number; memlimit: number }>;
  if (!params.ok) throw new Error(params.error);
  const derived = deriveStaffPasswordKeys(server.sodium, password, params.data);
  const res = await postJson(server.url + API.login, { username, authKey: toB64(server.sodium, derived.authKey) }, headers);
  const body = (await res.json()) as AckResult<StaffSession>;
  if (!body.ok) throw new Error(body.error);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  return { cookie, setCookie, session: body.data, keys: unwrapStaffKeys(server.sodium, derived.wrapKey, body.data.keys) };
}

/**
 * Her console opened afresh: a new login and a connected socket. Tests that move the clock past
 * a session's 12 hours sign staff in again, as they would at work: an expired session's socket is
 * refused (NOT_AUTHENTICATED) and closed.
 */
export async function signIn(server: TestServer, who: keyof typeof STAFF): Promise<ClientSocket> {
  const socket = staffSocket(server, await loginStaff(server, who));
  await connected(socket);
  return socket;
}

/** An anonymous client socket, as the widget opens it. */
export function clientSocket(server: Pick<TestServer, 'url'>, extraHeaders: Record<string, string> = {}): ClientSocket {
  return connect(server.url, { auth: { role: 'client' }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders });
}

/** A staff socket, with the session cookie and the console's origin. */
export function staffSocket(server: Pick<TestServer, 'url'>, staff: LoggedInStaff, origin = server.url): ClientSocket {
  return connect(server.url, {
    auth: { role: 'staff' },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: staff.cookie, origin },
  });
}

export function connected(socket: ClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Emits with an ack and resolves with the ack (loosely typed: tests also send bad payloads). */
export function send(socket: ClientSocket, event: string, ...args: unknown[]): Promise<AckResult<unknown>> {
  const loose = socket as unknown as { timeout(ms: number): { emitWithAck(e: string, ...a: unknown[]): Promise<AckResult<unknown>> } };
  return loose.timeout(5000).emitWithAck(event, ...args);
}

/** Emits a typed event and returns its data, failing the test on an error ack. */
export async function call<E extends keyof ClientToServerEvents>(
  socket: ClientSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends AckResult<infer T> ? T : never> {
  const result = await send(socket, event, payload);
  if (!result.ok) throw new Error(`${event} failed: ${result.error}`);
  return result.data as never;
}

/** Resolves with the next payload of a server event. */
export function next<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve) => {
    const loose = socket as unknown as { on(e: string, l: (p: never) => void): void; off(e: string, l: (p: never) => void): void };
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!match(payload)) return;
      loose.off(event, listener as never);
      resolve(payload);
    };
    loose.on(event, listener as never);
  });
}

/** A clock the test moves by hand. */
export function manualClock(start: string): Clock & { set(iso: string): void } {
  let now = new Date(start);
  return { now: () => now, set: (iso: string) => void (now = new Date(iso)) };
}

/**
 * Timers the test fires by moving time: `advance(ms)` runs every timer due by then, in order
 * (timers set while it runs included), and moves the clock it was given along.
 */
export function manualScheduler(clock: Clock & { set(iso: string): void }): Scheduler & { advance(ms: number): void; pending(): number } {
  let now = clock.now().getTime();
  let nextId = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    set: (ms, fn) => {
      const id = ++nextId;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clear: (h) => void timers.delete(h as number),
    pending: () => timers.size,
    advance: (ms) => {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        clock.set(new Date(now).toISOString());
        due[1].fn();
      }
      now = until;
      clock.set(new Date(now).toISOString());
    },
  };
}

export type TestServerOptions = NonNullable<Parameters<typeof startTestServer>[0]>;

/**
 * A fresh server for each test of a file: `start` one, `track` the sockets made on it; after the
 * test they are closed and the server stopped and deleted.
 */
export function serverPerTest(): { start(opts?: TestServerOptions): Promise<TestServer>; track(...sockets: ClientSocket[]): void } {
  let server: TestServer | null = null;
  const sockets: ClientSocket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server?.stop();
    server?.cleanup();
    server = null;
  });
  return {
    start: async (opts = {}) => (server = await startTestServer(opts)),
    track: (...more) => void sockets.push(...more),
  };
}

/**
 * The `server-redis` vitest project runs the routing integration files again with routing's queue
 * in a real Redis (issue 17's matrix): a connection of this server's own, or null in the default
 * project (queue in memory).
 */
function queueInRedis(): Redis | null {
  if (process.env.TSUNAGARI_TEST_QUEUE !== 'redis') return null;
  return new Redis({ path: inject('redisPath'), maxRetriesPerRequest: 1 });
}
