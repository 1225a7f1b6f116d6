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
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { createOrganisation, provisionStaff } from '../src/admin/provision.js';
import type { Clock } from '../src/clock.js';
import type { RoutingOptions } from '../src/domain/routing/options.js';
import { openDatabase, type Db } from '../src/db/database.js';
import { createLogger } from '../src/log.js';
import { createSqliteRepositories } from '../src/repositories/sqlite.js';
import { loadSodium } from '../src/sodium.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Sumo = Awaited<ReturnType<typeof loadSodium>>;

export const STAFF = {
  sato: { username: 'sato', displayName: '佐藤', role: 'counselor', password: 'test-password-sato' },
  tanaka: { username: 'tanaka', displayName: '田中', role: 'counselor', password: 'test-password-tanaka' },
  boss: { username: 'boss', displayName: '上田', role: 'supervisor', password: 'test-password-boss' },
} as const;

export interface TestServer {
  url: string;
  app: App;
  db: Db;
  dir: string;
  dbPath: string;
  sodium: Sumo;
  orgPublicKey: string;
  /** Every line the server logged, at trace level. */
  logs: string[];
  /** Stops the server; the database file stays for inspection until `cleanup`. */
  stop(): Promise<void>;
  cleanup(): void;
}

/** A real server on port 0 with a real SQLite file, an organisation and the test staff. */
export async function startTestServer(
  opts: {
    dir?: string;
    clock?: Clock;
    hours?: OpeningHoursConfig;
    port?: number;
    routing?: Partial<RoutingOptions>;
    /** The start limit per caller (the production default unless given); every test client is 127.0.0.1. */
    startsPerHour?: number;
    trustedProxyHops?: number;
    retentionDays?: number;
    /** Demo mode: the relay serves the demo page, the landing pages and the console too. */
    demo?: boolean;
  } = {},
): Promise<TestServer> {
  const sodium = await loadSodium();
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-test-'));
  const dbPath = path.join(dir, 'test.db');
  const keyFile = path.join(dir, 'org.key');
  const db = openDatabase(dbPath);
  const repos = createSqliteRepositories(db);
  const now = new Date();
  if (!repos.organisation.get()) {
    createOrganisation(sodium, repos, keyFile, 'test org', now);
    for (const s of Object.values(STAFF)) provisionStaff(sodium, repos, keyFile, { ...s, kdf: 'min' }, now);
  }
  const logs: string[] = [];
  const log = createLogger('trace', { write: (line: string) => void logs.push(line) });
  const app = createApp({
    db,
    sodium,
    clock: opts.clock ?? { now: () => new Date() },
    log,
    widgetDist: path.join(dir, 'no-widget'),
    consoleDist: path.join(dir, 'no-console'),
    publicUrl: null,
    ...(opts.demo !== undefined ? { demo: opts.demo } : {}),
    hours: opts.hours ?? { mode: 'always' },
    alternatives: { phone: '0836-37-5611', mail: 'soudan@tsunagari.example' },
    ...(opts.routing ? { routing: opts.routing } : {}),
    ...(opts.startsPerHour !== undefined ? { startsPerHour: opts.startsPerHour } : {}),
    ...(opts.trustedProxyHops !== undefined ? { trustedProxyHops: opts.trustedProxyHops } : {}),
    ...(opts.retentionDays !== undefined ? { retentionDays: opts.retentionDays } : {}),
  });
  await new Promise<void>((resolve) => app.httpServer.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
    db.close();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    db,
    dir,
    dbPath,
    sodium,
    orgPublicKey: repos.organisation.get()?.signPublicKey ?? '',
    logs,
    stop,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
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

/** Logs in as a browser would: fetch KDF params, derive keys, send the auth key, unwrap. */
export async function loginStaff(server: TestServer, who: keyof typeof STAFF): Promise<LoggedInStaff> {
  const { username, password } = STAFF[who];
  const params = (await (await postJson(server.url + API.authParams, { username })).json()) as AckResult<{ salt: string; opslimit: number; memlimit: number }>;
  if (!params.ok) throw new Error(params.error);
  const derived = deriveStaffPasswordKeys(server.sodium, password, params.data);
  const res = await postJson(server.url + API.login, { username, authKey: toB64(server.sodium, derived.authKey) });
  const body = (await res.json()) as AckResult<StaffSession>;
  if (!body.ok) throw new Error(body.error);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  return { cookie, setCookie, session: body.data, keys: unwrapStaffKeys(server.sodium, derived.wrapKey, body.data.keys) };
}

/** An anonymous client socket, as the widget opens it. */
export function clientSocket(server: TestServer, extraHeaders: Record<string, string> = {}): ClientSocket {
  return connect(server.url, { auth: { role: 'client' }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders });
}

/** A staff socket, with the session cookie and the console's origin. */
export function staffSocket(server: TestServer, staff: LoggedInStaff, origin = server.url): ClientSocket {
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
