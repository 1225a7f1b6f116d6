// Over 300 lines on purpose: every environment variable the relay's process reads is parsed,
// defaulted and checked here (issue 12; the command-line tools read their own passphrases), each
// documented on `Config`; the parsers are a few lines each and used only here, so a setting is
// followed in one file from its name to its value.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type OpeningHoursConfig, PROGRAM_HOURS } from '@tsunagari/shared';
import type { KdfFloor } from '@tsunagari/shared/crypto';
import { demoOrgKeyPath } from './admin/demo-seed.js';
import { DEFAULT_RETENTION_DAYS } from './domain/retention.js';
import { DEFAULT_LONG_WAIT_ALERT_MINUTES } from './domain/program-settings.js';
import type { RoutingOptions } from './domain/routing/options.js';
import { DEFAULT_HEAP_GROWING_PERCENT } from './heap-tuning.js';
import { DEFAULT_STARTS_PER_HOUR } from './domain/start-limit.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { DEFAULT_OPEN_PER_CALLER, DEFAULT_URGENT_PER_HOUR } from './domain/callers/caller-ledger.js';
import { DEFAULT_POW_COUNTER, DEFAULT_POW_FLOOD_WAITING } from './domain/callers/start-proof.js';
import { type CallerPrefixes, DEFAULT_CALLER_PREFIXES } from './http/client-key.js';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './domain/staff/login-guard.js';
import { DEFAULT_VERIFY_THREADS } from './domain/staff/verifier-pool.js';
import { DEFAULT_DISK_ALARM_MB } from './db/disk-watch.js';
import { parseConsoleOrigin } from './http/staff-origin.js';

/** Where the server package lives; static builds are found relative to it. */
export const SERVER_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(SERVER_ROOT, '..');

/** Everything the server reads from its environment, with the defaults `npm start` uses. */
export interface Config {
  host: string;
  port: number;
  /** Base URL people reach the server on; used in printed links and the demo page. https unless DEMO=1. */
  publicUrl: string | null;
  /**
   * TSUNAGARI_FRAME_ANCESTORS: origins (space-separated, https://…) that may frame the landing page
   * the relay serves; none by default (`frame-ancestors 'none'`). Every other page: nobody.
   */
  frameAncestors: string[];
  /**
   * Where the records live (issue 17): TSUNAGARI_DB as a file path — SQLite, embedded, the
   * default — or a postgres:// (postgresql://) URL — PostgreSQL, which several relay nodes share.
   */
  database: DatabaseConfig;
  /**
   * TSUNAGARI_REDIS_URL (issue 17): a redis:// (rediss://) URL or a Unix socket's absolute path.
   * Set, the relay is one of several nodes sharing routing's queue, its sockets' rooms, the
   * limits and the one-node jobs through that Redis; unset (null), one process, nothing of Redis
   * loaded. The URL may hold a password: never log it as a whole.
   */
  redis: RedisConfig | null;
  /**
   * With Redis: TSUNAGARI_NODE_HEARTBEAT_MS (default 2,000), how often a node renews its heartbeat,
   * which lives three times as long — a killed node's sockets are taken for disconnected within
   * about that; and TSUNAGARI_JOB_LEASE_MS (default 30,000), the job lock's lease.
   */
  nodeHeartbeatMs: number;
  /**
   * With Redis: TSUNAGARI_NODE_STALL_MS (default 20,000, at least the heartbeat's interval). The
   * heartbeat is renewed from a thread of its own, so a node whose event loop is busy for a while
   * keeps it; once the loop has not moved for this long the beats stop, and the node is taken for
   * dead a heartbeat's lifetime later.
   */
  nodeStallMs: number;
  /** Several nodes: how many packets the adapter's Redis stream keeps (a node further behind than this misses some). */
  adapterStreamLength: number;
  jobLeaseMs: number;
  /**
   * The SQLite file: TSUNAGARI_DB when it is a path, or data/tsunagari.db (production) and
   * data/demo.sqlite (DEMO=1), kept apart. With a PostgreSQL URL, that default, or the same name
   * in TSUNAGARI_DEMO_KEYS_DIR: only files kept beside the database (the demo's key files) use it then.
   */
  dbPath: string;
  /** Demo only: the demo organisation's key file (passphrase printed in the banner). */
  demoOrgKeyFile: string;
  demo: boolean;
  logLevel: string;
  /**
   * The weakest Argon2id parameters the relay accepts at enrolment and password change, and the
   * strength of the demo logins: `moderate` (default), or `min` for servers started for tests only.
   */
  staffKdf: KdfFloor;
  /** The console's own origin (TSUNAGARI_CONSOLE_ORIGIN), or null: the relay's own (the demo). */
  consoleOrigin: string | null;
  /** Minutes without input before the console locks itself (demo console config). */
  lockAfterMinutes: number;
  widgetDist: string;
  consoleDist: string;
  /** When chat takes new consultations. */
  hours: OpeningHoursConfig;
  /** ISO weekday of interviews (面接), Friday by default (TSUNAGARI_INTERVIEW_DAY); null: any day. */
  interviewWeekday: number | null;
  /** Where else she can turn, shown when chat is closed or the wait is long. */
  alternatives: { phone: string; mail: string };
  /** How long a resume code works. */
  resumeDays: number;
  /** Test and demo only: the server's clock starts at this instant and runs on from there. */
  testNow: Date | null;
  /** Reverse proxies of our own in front of the server, whose X-Forwarded-For is believed. */
  trustedProxyHops: number;
  /** Consultations one caller may start per hour (0: no limit). */
  startsPerHour: number;
  /** Consultations waiting or active per caller network at once (TSUNAGARI_OPEN_PER_CALLER; 0: no limit). */
  openPerCaller: number;
  /** Urgent starts per caller network per hour; past it, starts queue as non-urgent (TSUNAGARI_URGENT_PER_HOUR). */
  urgentPerHour: number;
  /** Proof of work to start: highest counter at ordinary times (TSUNAGARI_POW_COUNTER; 0: none asked). */
  powCounter: number;
  /** Waiting women from which on challenges are harder (TSUNAGARI_POW_FLOOD_WAITING). */
  powFloodWaiting: number;
  /** Leading bits of an IPv4 / IPv6 address that make one caller network (TSUNAGARI_CALLER_PREFIX_V4 / _V6; 32 / 64). */
  callerPrefixes: CallerPrefixes;
  /** Days an ended consultation's transcript is kept before it is deleted. */
  retentionDays: number;
  /** Minutes of waiting from which the supervisors' board alerts (TSUNAGARI_LONG_WAIT_ALERT_MIN). */
  longWaitAlertMinutes: number;
  /** How far the heap may grow past its live size before a full collection (0: V8 decides). */
  heapGrowingPercent: number;
  /** Offer timeout, grace periods and the alternatives threshold, where the environment sets them. */
  routing: Partial<RoutingOptions>;
  /** Test-only hooks that make the relay misbehave on request (TSUNAGARI_TEST_HOOKS=1; refused without DEMO=1). */
  testHooks: boolean;
  /** Socket.IO's heartbeat: a ping this often, a connection dropped after this long without a pong. */
  heartbeat: Heartbeat;
  /**
   * Budgets per socket, caller and consultation (README "Limits"), one setting each:
   * TSUNAGARI_EVENT_BURST, TSUNAGARI_EVENT_RATE, TSUNAGARI_EVENT_REFUSALS, TSUNAGARI_EVENT_BYTES_PER_POINT, TSUNAGARI_SOCKETS_PER_CALLER,
   * TSUNAGARI_OUTBOUND_BUFFER_BYTES, TSUNAGARI_WAITING_MESSAGES, TSUNAGARI_CONSULTATION_BYTES,
   * TSUNAGARI_CONSULTATION_MESSAGES.
   */
  limits: Limits;
  /** Failed logins one caller network may make on one username before it must wait (TSUNAGARI_LOGIN_FREE_FAILURES). */
  loginFreeFailures: number;
  /** The longest wait, in seconds, one network is given for one username (TSUNAGARI_LOGIN_BACKOFF_MAX_S). */
  loginBackoffMaxSeconds: number;
  /** Failed logins one network may make on all usernames in 15 minutes (TSUNAGARI_LOGIN_FAILURES_PER_NETWORK). */
  loginFailuresPerNetwork: number;
  /** The longest a login attempt on a name under attack is held, in ms (TSUNAGARI_LOGIN_SLOWDOWN_MAX_MS). */
  loginSlowDownMaxMs: number;
  /** How long a login try from a network past its failure budget is held before its refusal, in ms (TSUNAGARI_LOGIN_REFUSAL_HOLD_MS). */
  loginRefusalHoldMs: number;
  /** The least time between two password checks from a network that failed or has one running, in ms (TSUNAGARI_LOGIN_CHECK_SPACING_MS; 0 off). */
  loginCheckSpacingMs: number;
  /** Threads that verify logins off the event loop (TSUNAGARI_VERIFY_THREADS). */
  verifyThreads: number;
  /** Free space on the database's disk, in MB, below which the relay logs an alarm (TSUNAGARI_DISK_ALARM_MB). */
  diskAlarmMb: number;
}

/** TSUNAGARI_DB, parsed: an embedded SQLite file or a PostgreSQL server. */
export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/**
 * A postgres:// or postgresql:// URL names PostgreSQL (it must name a host and a database);
 * anything else is a SQLite file path. The URL may hold a password: never log `url` as a whole.
 */
export function databaseFrom(value: string | undefined, defaultPath: string): DatabaseConfig {
  if (value === undefined || !/^postgres(ql)?:\/\//i.test(value)) {
    return { kind: 'sqlite', path: path.resolve(REPO_ROOT, value ?? defaultPath) };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('TSUNAGARI_DB: not a valid postgres:// URL (postgres://user:password@host:5432/database)');
  }
  if (!url.hostname || url.pathname.length < 2) throw new Error('TSUNAGARI_DB: a postgres:// URL must name a host and a database (postgres://user:password@host:5432/database)');
  return { kind: 'postgres', url: value };
}

/** TSUNAGARI_REDIS_URL, parsed: what ioredis takes (`redis/connection.ts`). */
export type RedisConfig = { kind: 'url'; url: string } | { kind: 'socket'; path: string };

/**
 * Packets the Socket.IO adapter's Redis stream keeps (the adapter's own default is 10,000). A node
 * reading the stream more than this many packets behind — a burst, a node short of CPU — silently
 * misses the trimmed ones: in `bench --nodes 3` on a saturated 2-core machine, 5–8 % of the women
 * were never told they had been assigned. Kept longer, with bigger reads to catch up.
 */
export const DEFAULT_ADAPTER_STREAM_LENGTH = 100_000;

/** A redis:// or rediss:// URL, or an absolute path to Redis's Unix socket; anything else is refused. */
export function redisFrom(value: string | undefined): RedisConfig | null {
  if (value === undefined || value === '') return null;
  if (value.startsWith('/')) return { kind: 'socket', path: value };
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || !/^rediss?:$/.test(url.protocol) || !url.hostname) {
    throw new Error('TSUNAGARI_REDIS_URL must be a redis:// URL (redis://:password@host:6379/0) or the absolute path of Redis\'s Unix socket');
  }
  return { kind: 'url', url: value };
}

export interface Heartbeat {
  intervalMs: number;
  timeoutMs: number;
}

/** Socket.IO's own defaults; the browser tests shorten them to see a dropped connection quickly. */
export const DEFAULT_HEARTBEAT: Heartbeat = { intervalMs: 25_000, timeoutMs: 20_000 };

/**
 * Opening hours from the environment: TSUNAGARI_HOURS=always|program (program = Mon–Fri, see
 * PROGRAM_HOURS), TSUNAGARI_OPEN=10:00-20:00, TSUNAGARI_WEEKDAYS=1,2,3,4,5 and
 * TSUNAGARI_CLOSED_DAYS=12-29,12-30,…,2027-05-06 (MM-DD every year, or one date).
 */
function hoursFrom(env: NodeJS.ProcessEnv, demo: boolean): OpeningHoursConfig {
  const mode = env.TSUNAGARI_HOURS ?? (demo ? 'always' : 'program');
  if (mode === 'always') return { mode: 'always' };
  if (mode !== 'program') throw new Error(`TSUNAGARI_HOURS must be "always" or "program", not "${mode}"`);
  if (PROGRAM_HOURS.mode !== 'schedule') return PROGRAM_HOURS;
  const [open, close] = (env.TSUNAGARI_OPEN ?? `${PROGRAM_HOURS.open}-${PROGRAM_HOURS.close}`).split('-');
  const valid = (t: string | undefined): t is string => t !== undefined && /^([01]\d|2[0-3]):[0-5]\d$/.test(t);
  if (!valid(open) || !valid(close)) throw new Error('TSUNAGARI_OPEN must look like 10:00-20:00');
  const weekdays = env.TSUNAGARI_WEEKDAYS ? env.TSUNAGARI_WEEKDAYS.split(',').map(Number) : PROGRAM_HOURS.weekdays;
  const closures = env.TSUNAGARI_CLOSED_DAYS !== undefined ? env.TSUNAGARI_CLOSED_DAYS.split(',').filter(Boolean) : PROGRAM_HOURS.closures;
  return { mode: 'schedule', weekdays, open, close, closures };
}

const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * The interview day (issue 16; the program's flyer: 金曜日が面接相談日): TSUNAGARI_INTERVIEW_DAY=
 * mon…sun (default fri), or `any` for no interview day. An interview booked on another day needs
 * the counselor to confirm a warning.
 */
function interviewWeekdayFrom(value: string | undefined): number | null {
  const v = (value ?? 'fri').trim().toLowerCase();
  if (v === 'any') return null;
  const day = WEEKDAY_NAMES.indexOf(v);
  if (day < 0) throw new Error(`TSUNAGARI_INTERVIEW_DAY must be one of mon, tue, wed, thu, fri, sat, sun or any, not "${value}"`);
  return day + 1;
}

function wholeNumber(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, not "${value}"`);
  return Number(value);
}

/** Minutes, fractions allowed (an end-to-end test waits seconds, not half an hour); 0 and up. */
function minutesMs(value: string, name: string): number {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new Error(`${name} must be a number of minutes, not "${value}"`);
  return Math.round(Number(value) * 60_000);
}

/** A whole number from `min` to `max`; otherwise an error that names the variable. */
function wholeInRange(value: string, name: string, min: number, max = Infinity): number {
  const n = wholeNumber(value, name);
  if (n < min || n > max) throw new Error(max === Infinity ? `${name} must be at least ${min}` : `${name} must be from ${min} to ${max}`);
  return n;
}

/** {@link wholeInRange} of the variable, or `fallback` when it is unset or empty. */
function settingInRange<T>(raw: string | undefined, name: string, fallback: T, min: number, max = Infinity): number | T {
  return raw === undefined || raw === '' ? fallback : wholeInRange(raw, name, min, max);
}

/** A network prefix length from 1 to `max` bits (0 would make every caller one). */
function prefixLength(value: string | undefined, name: string, fallback: number, max: number): number {
  return settingInRange(value, name, fallback, 1, max);
}

/** A whole number of at least 1, or the default when the variable is unset. */
function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return settingInRange(env[name], name, fallback, 1);
}

/** Minutes without input before the console locks: 1 to 1440 (what console-config.json allows). */
function lockMinutes(value: string): number {
  return wholeInRange(value, 'TSUNAGARI_LOCK_AFTER_MINUTES', 1, 1440);
}

function kdfFloor(value: string | undefined): KdfFloor {
  if (value === undefined || value === '' || value === 'moderate') return 'moderate';
  if (value === 'min') return 'min';
  throw new Error(`STAFF_KDF must be "moderate" (the default) or "min" (test servers only), not "${value}"`);
}

/** TSUNAGARI_FRAME_ANCESTORS: space-separated origins; each must be an origin (scheme and host, no path). */
function parseFrameAncestors(raw: string | undefined): string[] {
  const list = (raw ?? '').split(/\s+/).filter(Boolean);
  for (const o of list) {
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(o).protocol) && new URL(o).origin === o;
    } catch {
      ok = false;
    }
    if (!ok) throw new Error(`TSUNAGARI_FRAME_ANCESTORS: ${o} is not an origin like https://npo.example`);
  }
  return list;
}

/** Reads the configuration; every value has a default so `npm start` needs none. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const demo = (env.DEMO ?? '0') === '1';
  // The demo never shares the production file: a relay started without DEMO=1 refuses demo accounts.
  const database = databaseFrom(env.TSUNAGARI_DB, demo ? 'data/demo.sqlite' : 'data/tsunagari.db');
  // With PostgreSQL no file is the database: TSUNAGARI_DEMO_KEYS_DIR (npm run cluster's temporary
  // folder) or data/ holds what is kept beside it, the demo's key files.
  const beside = path.resolve(REPO_ROOT, env.TSUNAGARI_DEMO_KEYS_DIR ?? 'data');
  const dbPath = database.kind === 'sqlite' ? database.path : path.join(beside, demo ? 'demo.sqlite' : 'tsunagari.db');
  const testNow = env.TSUNAGARI_TEST_NOW ? new Date(env.TSUNAGARI_TEST_NOW) : null;
  if (testNow && Number.isNaN(testNow.getTime())) throw new Error('TSUNAGARI_TEST_NOW must be an ISO date-time');
  const testHooks = env.TSUNAGARI_TEST_HOOKS === '1';
  // The hooks let a caller make the relay replay messages: never on a relay that serves real women.
  if (testHooks && !demo) throw new Error('TSUNAGARI_TEST_HOOKS=1 is for tests only and needs DEMO=1; a production relay refuses it');
  const publicUrl = env.PUBLIC_URL ?? null;
  const nodeHeartbeatMs = positive(env, 'TSUNAGARI_NODE_HEARTBEAT_MS', 2_000);
  return {
    host: env.HOST ?? '127.0.0.1',
    port: env.PORT === undefined ? 8080 : Number(env.PORT),
    publicUrl,
    frameAncestors: parseFrameAncestors(env.TSUNAGARI_FRAME_ANCESTORS),
    database,
    redis: redisFrom(env.TSUNAGARI_REDIS_URL),
    nodeHeartbeatMs,
    // At least one beat: a shorter limit would stop the beats of a loop that merely waits for its next tick.
    nodeStallMs: settingInRange(env.TSUNAGARI_NODE_STALL_MS, 'TSUNAGARI_NODE_STALL_MS', 20_000, nodeHeartbeatMs),
    adapterStreamLength: positive(env, 'TSUNAGARI_ADAPTER_STREAM_LENGTH', DEFAULT_ADAPTER_STREAM_LENGTH),
    jobLeaseMs: positive(env, 'TSUNAGARI_JOB_LEASE_MS', 30_000),
    dbPath,
    demoOrgKeyFile: demoOrgKeyPath(dbPath),
    demo,
    logLevel: env.LOG_LEVEL ?? 'info',
    staffKdf: kdfFloor(env.STAFF_KDF),
    consoleOrigin: parseConsoleOrigin(env.TSUNAGARI_CONSOLE_ORIGIN),
    lockAfterMinutes: lockMinutes(env.TSUNAGARI_LOCK_AFTER_MINUTES ?? '15'),
    widgetDist: path.resolve(REPO_ROOT, env.TSUNAGARI_WIDGET_DIST ?? path.join('widget', 'dist')),
    consoleDist: path.join(REPO_ROOT, 'console', 'dist'),
    hours: hoursFrom(env, demo),
    interviewWeekday: interviewWeekdayFrom(env.TSUNAGARI_INTERVIEW_DAY),
    alternatives: {
      phone: env.TSUNAGARI_PHONE ?? '0836-37-5611',
      mail: env.TSUNAGARI_MAIL ?? 'ysnw2021@outlook.jp',
    },
    resumeDays: Number(env.TSUNAGARI_RESUME_DAYS ?? 30),
    testNow,
    trustedProxyHops: wholeNumber(env.TSUNAGARI_TRUST_PROXY ?? '0', 'TSUNAGARI_TRUST_PROXY'),
    // A demo is one person starting and quick-exiting again and again from one machine.
    retentionDays: wholeNumber(env.TSUNAGARI_RETENTION_DAYS ?? String(DEFAULT_RETENTION_DAYS), 'TSUNAGARI_RETENTION_DAYS'),
    longWaitAlertMinutes: settingInRange(env.TSUNAGARI_LONG_WAIT_ALERT_MIN, 'TSUNAGARI_LONG_WAIT_ALERT_MIN', DEFAULT_LONG_WAIT_ALERT_MINUTES, 1, 240),
    heapGrowingPercent: wholeNumber(env.TSUNAGARI_HEAP_GROWING_PERCENT ?? String(DEFAULT_HEAP_GROWING_PERCENT), 'TSUNAGARI_HEAP_GROWING_PERCENT'),
    heartbeat: {
      intervalMs: wholeNumber(env.TSUNAGARI_PING_INTERVAL_MS ?? String(DEFAULT_HEARTBEAT.intervalMs), 'TSUNAGARI_PING_INTERVAL_MS'),
      timeoutMs: wholeNumber(env.TSUNAGARI_PING_TIMEOUT_MS ?? String(DEFAULT_HEARTBEAT.timeoutMs), 'TSUNAGARI_PING_TIMEOUT_MS'),
    },
    startsPerHour: wholeNumber(env.TSUNAGARI_START_LIMIT ?? (demo ? '200' : String(DEFAULT_STARTS_PER_HOUR)), 'TSUNAGARI_START_LIMIT'),
    // A demo is one person trying the widget again and again from one machine.
    openPerCaller: wholeNumber(env.TSUNAGARI_OPEN_PER_CALLER ?? (demo ? '0' : String(DEFAULT_OPEN_PER_CALLER)), 'TSUNAGARI_OPEN_PER_CALLER'),
    urgentPerHour: wholeNumber(env.TSUNAGARI_URGENT_PER_HOUR ?? String(DEFAULT_URGENT_PER_HOUR), 'TSUNAGARI_URGENT_PER_HOUR'),
    powCounter: wholeNumber(env.TSUNAGARI_POW_COUNTER ?? String(DEFAULT_POW_COUNTER), 'TSUNAGARI_POW_COUNTER'),
    powFloodWaiting: wholeNumber(env.TSUNAGARI_POW_FLOOD_WAITING ?? String(DEFAULT_POW_FLOOD_WAITING), 'TSUNAGARI_POW_FLOOD_WAITING'),
    callerPrefixes: {
      v4: prefixLength(env.TSUNAGARI_CALLER_PREFIX_V4, 'TSUNAGARI_CALLER_PREFIX_V4', DEFAULT_CALLER_PREFIXES.v4, 32),
      v6: prefixLength(env.TSUNAGARI_CALLER_PREFIX_V6, 'TSUNAGARI_CALLER_PREFIX_V6', DEFAULT_CALLER_PREFIXES.v6, 128),
    },
    routing: routingOptionsFromEnv(env),
    testHooks,
    loginFreeFailures: positive(env, 'TSUNAGARI_LOGIN_FREE_FAILURES', DEFAULT_LOGIN_LIMITS.freeFailures),
    loginBackoffMaxSeconds: positive(env, 'TSUNAGARI_LOGIN_BACKOFF_MAX_S', DEFAULT_LOGIN_LIMITS.backoffMaxSeconds),
    loginFailuresPerNetwork: positive(env, 'TSUNAGARI_LOGIN_FAILURES_PER_NETWORK', DEFAULT_LOGIN_LIMITS.failuresPerNetwork),
    loginSlowDownMaxMs: wholeNumber(env.TSUNAGARI_LOGIN_SLOWDOWN_MAX_MS ?? String(DEFAULT_LOGIN_LIMITS.slowDownMaxMs), 'TSUNAGARI_LOGIN_SLOWDOWN_MAX_MS'),
    loginRefusalHoldMs: wholeNumber(env.TSUNAGARI_LOGIN_REFUSAL_HOLD_MS ?? String(DEFAULT_LOGIN_LIMITS.refusalHoldMs), 'TSUNAGARI_LOGIN_REFUSAL_HOLD_MS'),
    loginCheckSpacingMs: wholeNumber(env.TSUNAGARI_LOGIN_CHECK_SPACING_MS ?? String(DEFAULT_LOGIN_LIMITS.checkSpacingMs), 'TSUNAGARI_LOGIN_CHECK_SPACING_MS'),
    verifyThreads: positive(env, 'TSUNAGARI_VERIFY_THREADS', DEFAULT_VERIFY_THREADS),
    diskAlarmMb: wholeNumber(env.TSUNAGARI_DISK_ALARM_MB ?? String(DEFAULT_DISK_ALARM_MB), 'TSUNAGARI_DISK_ALARM_MB'),
    limits: limitsFrom(env, demo),
  };
}

/** The login guard's limits from the configuration (the slow-down threshold stays the guard's own). */
export function loginLimitsOf(config: Config): Partial<LoginLimits> {
  return {
    freeFailures: config.loginFreeFailures,
    backoffMaxSeconds: config.loginBackoffMaxSeconds,
    failuresPerNetwork: config.loginFailuresPerNetwork,
    slowDownMaxMs: config.loginSlowDownMaxMs,
    refusalHoldMs: config.loginRefusalHoldMs,
    checkSpacingMs: config.loginCheckSpacingMs,
  };
}

/**
 * The limits from the environment; each setting is a whole number above zero, its default when
 * unset. A demo (and every browser test) is many widgets from one machine, so it allows more
 * sockets per caller, as it allows more starts.
 */
function limitsFrom(env: NodeJS.ProcessEnv, demo: boolean): Limits {
  const d = DEFAULT_LIMITS;
  return {
    events: {
      burst: positive(env, 'TSUNAGARI_EVENT_BURST', d.events.burst),
      perSecond: positive(env, 'TSUNAGARI_EVENT_RATE', d.events.perSecond),
      refusalsBeforeDisconnect: positive(env, 'TSUNAGARI_EVENT_REFUSALS', d.events.refusalsBeforeDisconnect),
      bytesPerPoint: positive(env, 'TSUNAGARI_EVENT_BYTES_PER_POINT', d.events.bytesPerPoint),
    },
    socketsPerCaller: positive(env, 'TSUNAGARI_SOCKETS_PER_CALLER', demo ? 200 : d.socketsPerCaller),
    outboundBufferBytes: positive(env, 'TSUNAGARI_OUTBOUND_BUFFER_BYTES', d.outboundBufferBytes),
    waitingMessages: positive(env, 'TSUNAGARI_WAITING_MESSAGES', d.waitingMessages),
    consultationBytes: positive(env, 'TSUNAGARI_CONSULTATION_BYTES', d.consultationBytes),
    consultationMessages: positive(env, 'TSUNAGARI_CONSULTATION_MESSAGES', d.consultationMessages),
  };
}

/**
 * Refuses to start a relay that is not the demo unless PUBLIC_URL is https: staff cookies, keys
 * and wrapped keys travel to that address (behind the TLS proxy, cookies are then always Secure).
 */
export function checkStartable(config: Config): void {
  if (!config.demo && !config.publicUrl?.startsWith('https://')) {
    throw new Error('PUBLIC_URL must be an https:// URL (the relay as people reach it through TLS); only the demo (DEMO=1) runs without');
  }
}

/**
 * Routing settings from the environment (all optional; seconds): TSUNAGARI_OFFER_TIMEOUT_S,
 * TSUNAGARI_CLIENT_GRACE_S, TSUNAGARI_COUNSELOR_GRACE_S, TSUNAGARI_ALTERNATIVES_AFTER_S,
 * TSUNAGARI_CLIENT_AWAY_S (a client gone from an active chat this long: parked) and
 * TSUNAGARI_CLIENT_GONE_S (a parked chat ends this much later); the urgent-share alert's
 * TSUNAGARI_URGENT_ALERT_MIN_WAITING, _SHARE_PERCENT and _WINDOW_MIN; and
 * TSUNAGARI_CLIENT_SILENCE_MIN (minutes a waiting client may send nothing before she is asked
 * whether she still waits; 0: no limit) and TSUNAGARI_CLIENT_SILENCE_ANSWER_MIN (minutes she has to
 * answer before the consultation ends as silent; 0: not asked).
 */
function routingOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<RoutingOptions> {
  const seconds = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number of seconds`);
    return n;
  };
  const out: Partial<RoutingOptions> = {};
  const offer = seconds('TSUNAGARI_OFFER_TIMEOUT_S');
  const client = seconds('TSUNAGARI_CLIENT_GRACE_S');
  const counselor = seconds('TSUNAGARI_COUNSELOR_GRACE_S');
  const alternatives = seconds('TSUNAGARI_ALTERNATIVES_AFTER_S');
  const away = seconds('TSUNAGARI_CLIENT_AWAY_S');
  const gone = seconds('TSUNAGARI_CLIENT_GONE_S');
  if (offer !== undefined) out.offerTimeoutMs = offer * 1000;
  if (client !== undefined) out.clientGraceMs = client * 1000;
  if (counselor !== undefined) out.counselorGraceMs = counselor * 1000;
  if (alternatives !== undefined) out.alternativesAfterSeconds = alternatives;
  if (away !== undefined) out.clientAwayMs = away * 1000;
  if (gone !== undefined) out.clientGoneMs = gone * 1000;
  const count = (name: string, max: number): number | undefined => settingInRange(env[name], name, undefined, 1, max);
  const minWaiting = count('TSUNAGARI_URGENT_ALERT_MIN_WAITING', 10_000);
  const share = count('TSUNAGARI_URGENT_ALERT_SHARE_PERCENT', 99);
  const windowMin = count('TSUNAGARI_URGENT_ALERT_WINDOW_MIN', 24 * 60);
  const silence = env.TSUNAGARI_CLIENT_SILENCE_MIN;
  if (silence !== undefined && silence !== '') out.clientSilenceMs = minutesMs(silence, 'TSUNAGARI_CLIENT_SILENCE_MIN');
  const answer = env.TSUNAGARI_CLIENT_SILENCE_ANSWER_MIN;
  if (answer !== undefined && answer !== '') out.clientSilenceAnswerMs = minutesMs(answer, 'TSUNAGARI_CLIENT_SILENCE_ANSWER_MIN');
  if (minWaiting !== undefined) out.urgentAlertMinWaiting = minWaiting;
  if (share !== undefined) out.urgentAlertSharePercent = share;
  if (windowMin !== undefined) out.urgentAlertWindowMs = windowMin * 60_000;
  return out;
}
