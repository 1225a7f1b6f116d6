import http from 'node:http';
import path from 'node:path';
import { API, type ClientToServerEvents, MAX_FRAME_BYTES, type OpeningHoursConfig, type ServerToClientEvents, type WidgetStatus } from '@tsunagari/shared';
import type { KdfFloor, SodiumSumo } from '@tsunagari/shared/crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Server } from 'socket.io';
import type { Clock } from './clock.js';
import { DEFAULT_HEARTBEAT, type Heartbeat } from './config.js';
import { startCheckpointer } from './db/checkpointer.js';
import { DEFAULT_DISK_ALARM_MB, watchDisk } from './db/disk-watch.js';
import type { Db } from './db/database.js';
import type { RoutingOptions } from './domain/routing/options.js';
import type { QueueStore } from './domain/routing/queue-store.js';
import type { SharedNode } from './cluster/shared-node.js';
import { oneNodeJobs } from './cluster/one-node-jobs.js';
import { LoginGuard, type LoginLimits } from './domain/staff/login-guard.js';
import { type PasswordVerifier, VerifierPool } from './domain/staff/verifier-pool.js';
import { authRoutes } from './http/auth.routes.js';
import { type CallerPrefixes, CallerKeys, DailyClientKey, DEFAULT_CALLER_PREFIXES } from './http/client-key.js';
import { demoRoutes } from './http/demo.routes.js';
import { enrolRoutes } from './http/enrol.routes.js';
import { loginGate } from './http/login-gate.js';
import { StaffOrigin } from './http/staff-origin.js';
import { type DemoConsoleConfig, trustRoutes } from './http/trust.routes.js';
import { staticRoutes } from './http/static.routes.js';
import { testHookRoutes } from './http/test-hooks.routes.js';
import { type LimitOverrides, withDefaults } from './limits.js';
import type { Logger } from './log.js';
import { createSqliteRepositories } from './repositories/sqlite.js';
import type { Repositories } from './repositories/types.js';
import { realScheduler, type Scheduler } from './scheduler.js';
import { createServices, type Services } from './services.js';
import { strictTransport } from './http/page-headers.js';
import { setupSockets } from './socket/index.js';
import { type InterNodeEvents, rooms, type SocketData, type TsunagariServer } from './socket/types.js';

export interface AppDeps {
  /**
   * The SQLite database. Absent when `repositories` are another store (PostgreSQL, issue 17): the
   * SQLite-only parts — the WAL checkpointer and the disk alarm on the file's folder — then do not run
   * (PostgreSQL checkpoints itself, and its disk is the database server's, watched there).
   */
  db?: Db;
  /**
   * The storage the services use (default: the SQLite repositories over `db`). Tests give ones
   * that answer on a later turn, as a database across a socket does; main.ts gives PostgreSQL's.
   */
  repositories?: Repositories;
  sodium: SodiumSumo;
  clock: Clock;
  log: Logger;
  widgetDist: string;
  consoleDist: string;
  /** Base URL for the demo page's snippet; null means "the host the browser used". */
  publicUrl: string | null;
  /**
   * Demo mode: the relay also serves the NPO's stand-in page, the QR landing page and the console
   * (see demoRoutes). Off (the default), it serves the API, the socket and the widget's files only.
   */
  demo?: boolean;
  /** Session cookies always Secure (production); otherwise Secure when the request came over HTTPS. */
  secureCookies?: boolean;
  /**
   * The console's origin when it is served from a static origin of its own
   * (`TSUNAGARI_CONSOLE_ORIGIN`): staff sockets and the auth and enrol routes accept only it, with
   * CORS and credentials. Null or absent: the relay's own origin (the demo, and tests).
   */
  consoleOrigin?: string | null;
  /** The weakest Argon2id parameters accepted at enrolment and password change (default moderate). */
  kdfFloor?: KdfFloor;
  /** Demo only: serve the console's config file from the database (null or absent: not served). */
  demoConsoleConfig?: DemoConsoleConfig | null;
  /** Opening hours; tests and demos pass `{ mode: 'always' }`. */
  hours?: OpeningHoursConfig;
  /** ISO weekday of interviews (TSUNAGARI_INTERVIEW_DAY); null or absent: any day (tests). */
  interviewWeekday?: number | null;
  alternatives?: WidgetStatus['alternatives'];
  /** Days a resume code works (default 30). */
  resumeDays?: number;
  /** Offer timeout, grace periods, estimate threshold; defaults in the routing modules. */
  routing?: Partial<RoutingOptions>;
  /**
   * Origins that may frame the landing page (TSUNAGARI_FRAME_ANCESTORS); none by default. Every
   * other HTML page the relay serves may be framed by nobody.
   */
  frameAncestors?: readonly string[];
  /** Timers for offers and grace periods (tests inject a fake one). */
  scheduler?: Scheduler;
  /** Where routing keeps the queue, counselors and offers (default: the shared node's, else this process's memory). */
  queueStore?: QueueStore;
  /**
   * One of several relay nodes (issue 17; `redis/redis-node.ts` from TSUNAGARI_REDIS_URL): the queue,
   * the sockets' rooms, the limits and the one-node jobs shared with the others. Absent: one process.
   */
  shared?: SharedNode;
  /**
   * Called once when this process can no longer route anyone and must stop and start again
   * (main.ts exits 75, and systemd or `npm run cluster` starts it again), restoring the queue from
   * the database: routing could not load at start (one node or several), or, with several nodes,
   * the shared store lost what was restored into it (Redis restarted or flushed). Absent, it is
   * only logged (`routing.boot_failed`, `redis.memory_lost`).
   */
  mustStartAgain?: () => void;
  /**
   * Reverse proxies of our own in front of the server (0: none, the default). Their
   * X-Forwarded-For entries tell callers apart for the rate limits; no more entries are believed.
   */
  trustedProxyHops?: number;
  /** Leading bits that make one caller network for every per-caller limit (default IPv4 /32, IPv6 /64). */
  callerPrefixes?: CallerPrefixes;
  /** Consultations one caller may start per hour (default DEFAULT_STARTS_PER_HOUR; 0: no limit). */
  startsPerHour?: number;
  /** Consultations waiting or active per caller network at once (default 2; 0: no limit). */
  openPerCaller?: number;
  /** Urgent starts honoured per caller network per hour (default 3). */
  urgentPerHour?: number;
  /** Proof of work to start: highest counter at ordinary times (default 10,000; 0: none asked). */
  powCounter?: number;
  /** Waiting women from which on proof-of-work challenges are harder (default 30). */
  powFloodWaiting?: number;
  /** Days an ended consultation's transcript is kept (default DEFAULT_RETENTION_DAYS). */
  retentionDays?: number;
  /** Minutes of waiting from which the board alerts (default 10). Like the hours, retention and timings: a first-start default only. */
  longWaitAlertMinutes?: number;
  /** Mounts the test-only hooks (`http/test-hooks.routes.ts`); the configuration allows it only with DEMO=1. */
  testHooks?: boolean;
  /** Socket.IO's ping interval and timeout (default DEFAULT_HEARTBEAT, Socket.IO's own). */
  heartbeat?: Heartbeat;
  /** Budgets per socket, caller and consultation (default DEFAULT_LIMITS; README "Limits"). */
  limits?: LimitOverrides;
  /** Failed-login budgets and the per-username slow-down (defaults: DEFAULT_LOGIN_LIMITS). */
  loginLimits?: Partial<LoginLimits>;
  /** Threads that verify logins (default DEFAULT_VERIFY_THREADS); ignored when `verifier` is given. */
  verifyThreads?: number;
  /** Tests only: a verifier of the test's own (the test closes it); default a pool the app owns. */
  verifier?: PasswordVerifier;
  /** Free MB on the database's disk below which an alarm is logged, at start and hourly (default DEFAULT_DISK_ALARM_MB). */
  diskAlarmMb?: number;
}

export interface App {
  httpServer: http.Server;
  io: TsunagariServer;
  repos: Repositories;
  /** The domain services; `retention` deletes transcripts past the retention period (runs by itself; tests call `run()`). */
  services: Services;
  /** Tells sockets, stops accepting, finishes in-flight work and closes everything. */
  close(): Promise<void>;
}

/** Builds Express and Socket.IO on one HTTP server, without listening. */
export async function createApp(deps: AppDeps): Promise<App> {
  const { db, sodium, clock, log } = deps;
  const repos = deps.repositories ?? (db ? createSqliteRepositories(db) : null);
  if (!repos) throw new Error('createApp needs a SQLite database or repositories');
  const limits = withDefaults(deps.limits);
  const verifier = deps.verifier ?? new VerifierPool(deps.verifyThreads);
  const services = await createServices(repos, { ...deps, limits, verifier });
  const { auth, hours, routing, messages, retention } = services;

  const trustedHops = deps.trustedProxyHops ?? 0;
  const callers = new CallerKeys(new DailyClientKey(sodium, clock, deps.shared?.salts), trustedHops, deps.callerPrefixes ?? DEFAULT_CALLER_PREFIXES);

  const app = express();
  app.disable('x-powered-by');
  // The same hops as the rate limits: req.protocol then follows the proxy's X-Forwarded-Proto.
  app.set('trust proxy', trustedHops);
  app.use(strictTransport(deps.publicUrl));
  app.use((_req, res, next) => {
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', express.json({ limit: '16kb' }));
  app.get(API.health, (_req, res) => void res.json({ ok: true, data: { status: 'ok' } }));
  // Read by the widget from the NPO's page (another origin) when she opens it: one opening counted
  // per request, within the caller network's share of the day (domain/demand.ts), nothing kept of her.
  app.get(API.widgetStatus, (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    void services.demand.count('opened', callers.of(req)).catch((caught: unknown) => log.error({ event: 'demand.count_failed', errName: caught instanceof Error ? caught.name : typeof caught }, 'demand count not stored'));
    res.json({ ok: true, data: hours.status() });
  });
  // The widget asks for its challenge from the NPO's page (another origin), like the status.
  app.get(API.startChallenge, async (_req, res, next) => {
    try {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.json({ ok: true, data: await services.startProofs.challenge() });
    } catch (caught) {
      next(caught);
    }
  });
  const staffHttp = { origin: new StaffOrigin(deps.consoleOrigin ?? null), log, secureCookies: deps.secureCookies ?? false };
  const guard = new LoginGuard(deps.loginLimits, deps.shared?.limiters);
  app.use(authRoutes({ ...staffHttp, auth, callers, guard }));
  app.use(enrolRoutes({ ...staffHttp, staff: services.staff, callers }));
  app.use(trustRoutes({ staff: services.staff, organisation: repos.organisation, publicUrl: deps.publicUrl, demoConsoleConfig: deps.demoConsoleConfig ?? null }));
  app.use(staticRoutes(deps.widgetDist));
  if (deps.testHooks) {
    // `io` exists by the time a request can arrive (the server listens after createApp returns).
    app.use(testHookRoutes({ messages: repos.messages, relay: (m) => void io.to(rooms.consultation(m.consultationId)).emit('message:new', m) }));
    log.warn({ event: 'server.test_hooks' }, 'test hooks are on: this relay can be told to replay messages');
  }
  if (deps.demo) app.use(demoRoutes({ repos, widgetDist: deps.widgetDist, consoleDist: deps.consoleDist, publicUrl: deps.publicUrl, frameAncestors: deps.frameAncestors ?? [] }));
  app.use('/api', (_req, res) => void res.status(404).json({ ok: false, error: 'INVALID_PAYLOAD' }));
  // Body-parser errors (bad JSON, too large) arrive here; answer with a code, log no content.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const type = (err as { type?: string } | null)?.type;
    if (type === 'entity.too.large') return void res.status(413).json({ ok: false, error: 'PAYLOAD_TOO_LARGE' });
    if (type === 'entity.parse.failed') return void res.status(400).json({ ok: false, error: 'INVALID_PAYLOAD' });
    log.error({ event: 'http.error', errName: err instanceof Error ? err.name : typeof err }, 'request failed');
    res.status(500).json({ ok: false, error: 'INTERNAL' });
  });

  // WAL checkpoints (and their fsyncs) run on a thread of their own, never on the event loop.
  const checkpointer = !db || db.memory ? null : startCheckpointer(db, db.name);
  // The disk alarm and retention run on one node at a time when there are several (cluster/job-lock.ts).
  const jobs = oneNodeJobs(deps.shared?.jobLock ?? null, log, {
    start: () => {
      retention.start();
      // Several nodes: the sockets of nodes whose heartbeat is gone are swept by this one node.
      const stopSweeping = nodeSockets?.startSweeping() ?? (async () => undefined);
      const stopDiskWatch = !db || db.memory ? () => undefined : watchDisk(path.dirname(db.name), deps.diskAlarmMb ?? DEFAULT_DISK_ALARM_MB, log);
      return async () => {
        stopDiskWatch();
        await Promise.all([retention.stop(), stopSweeping()]);
      };
    },
  });

  // A network that has spent its failed-login budget is refused before Express (http/login-gate.ts).
  const gate = loginGate({ guard, callers, origin: staffHttp.origin });
  const httpServer = http.createServer((req, res) => gate(req, res, () => void app(req, res)));
  const io: TsunagariServer = new Server<ClientToServerEvents, ServerToClientEvents, InterNodeEvents, SocketData>(httpServer, {
    maxHttpBufferSize: MAX_FRAME_BYTES,
    pingInterval: (deps.heartbeat ?? DEFAULT_HEARTBEAT).intervalMs,
    pingTimeout: (deps.heartbeat ?? DEFAULT_HEARTBEAT).timeoutMs,
    // Rooms and emits reach sockets on every node (the Redis Streams adapter); one node: in memory.
    ...(deps.shared ? { adapter: deps.shared.adapter } : {}),
    // The widget is embedded on the NPO's own site, another origin; staff sockets are checked separately.
    cors: { origin: true, credentials: true },
    // No connection-state recovery: it keeps every relayed packet in memory for its whole window
    // (in the benchmark, a megabyte promoted to the old generation every quarter second, whose
    // collections held the event loop up to 150 ms). Both clients catch up on their own after a
    // drop: the widget resumes and lists messages after its last id, the console refreshes its chats.
  });
  const { pusher, outside, nodeSockets } = setupSockets(io, {
    ...services,
    log,
    callers,
    staffOrigin: staffHttp.origin,
    staffChanges: repos.staffChanges,
    scheduler: deps.scheduler ?? realScheduler,
    limits,
    shared: deps.shared !== undefined,
    nodePresence: deps.shared?.presence,
    mustStartAgain: deps.mustStartAgain,
    callerSockets: deps.shared?.callerSockets,
  });

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      // This node's sockets only: with several nodes, the others keep serving theirs.
      io.local.emit('server:shutdown');
      // Its sockets' entries stay in the registry, swept once its heartbeat goes (SharedNode.stop).
      nodeSockets?.close();
      // No timer may fire on a closed database; the next process restores the queue from it.
      routing.stop();
      pusher.stop();
      outside.stop();
      services.liveSessions.stop();
      const retentionStopped = jobs.stop();
      // Messages wait at most one turn for their transaction: commit them, let their acks and
      // relays go out, then close.
      setImmediate(() => {
        void messages.flushWrites().then(() => setImmediate(() => {
          // Closing the engine drops transports without a Socket.IO "server disconnect", so
          // clients keep their reconnection logic and come back to the next process by themselves.
          io.engine.close();
          const verifierClosed = deps.verifier ? undefined : verifier.close();
          io.close(() => void Promise.all([checkpointer?.stop(), retentionStopped, verifierClosed]).then(() => resolve()));
          httpServer.closeAllConnections();
        }));
      });
    });
    return closing;
  };

  jobs.start();
  return { httpServer, io, repos, services, close };
}
