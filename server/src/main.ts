import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { DEMO_ORG_PASSPHRASE, DEMO_RECORDS_PASSPHRASE, DEMO_STAFF, demoRecordsKeyPath, refuseDemoDatabase, seedDemo, seedDemoRecordsKey } from './admin/demo-seed.js';
import { clockStartingAt, systemClock } from './clock.js';
import { checkStartable, loadConfig, loginLimitsOf } from './config.js';
import { createLogger } from './log.js';
import { missingNodeFlags, tuneHeapGrowth } from './heap-tuning.js';
import { loadSodium } from './sodium.js';
import { openStorage } from './storage.js';

/**
 * The exit code of a relay that must be started again at once (EX_TEMPFAIL): its Redis lost the
 * shared queue (restarted; it keeps nothing on disk), and a new start restores it from the
 * database. systemd's `Restart=on-failure` and `npm run cluster` start it again.
 */
const START_AGAIN_EXIT_CODE = 75;

/** Reads config, opens the database (migrating it), seeds the demo, listens, and stops cleanly. */
async function main(): Promise<void> {
  // The signal handlers come first. Before a handler is installed, SIGTERM's default kills the
  // process at once; a supervisor stopping the relay while it starts (or a test that read the
  // banner a moment before the handlers were installed, under load) then got a relay dead by the
  // signal. A signal while starting now stops it cleanly once it is up; a second one leaves at once.
  let stopNow: ((signal: string) => void) | null = null;
  let stopPending: string | null = null;
  // 0 once stopped on a signal; START_AGAIN_EXIT_CODE once stopped because Redis lost the queue.
  let exitCode = 0;
  const onSignal = (signal: string): void => {
    if (stopNow) return stopNow(signal);
    if (stopPending) {
      process.stderr.write(`Tsunagari chat: ${signal} again while starting — leaving at once\n`);
      process.exit(1);
    }
    stopPending = signal;
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  const config = loadConfig();
  checkStartable(config);
  tuneHeapGrowth(config.heapGrowingPercent);
  const log = createLogger(config.logLevel);
  const missing = missingNodeFlags(process.execArgv, process.env.NODE_OPTIONS);
  if (missing.length > 0) {
    log.warn({ event: 'server.node_flags_missing', missing }, 'started without the Node flags of server/node-flags.mjs: longer latency tails under load');
  }
  const clock = config.testNow ? clockStartingAt(config.testNow) : systemClock;
  // Several nodes (issue 17): Redis is loaded only when TSUNAGARI_REDIS_URL is set. An unfit one
  // (saving to disk, evicting, a Cluster node) is refused before the database is opened or seeded.
  const redis = config.redis ? (await import('./redis/connection.js')).connectRedis(config.redis, log) : null;
  if (redis) {
    try {
      await (await import('./redis/preflight.js')).refuseUnfitRedis(redis, log);
    } catch (caught) {
      redis.disconnect();
      throw caught;
    }
  }
  const sodium = await loadSodium();
  // SQLite (one relay per file, under its lock) or PostgreSQL (a pool; several nodes share it).
  const storage = await openStorage(config);
  const { repos } = storage;
  if (!config.demo) await refuseDemoDatabase(repos, storage.label);
  if (config.demo && (await seedDemo(sodium, repos, config.demoOrgKeyFile, config.staffKdf, clock)).length > 0) {
    log.info({ event: 'demo.seeded' }, 'demo organisation and staff enrolled');
  }
  const demoRecordsKeyFile = demoRecordsKeyPath(config.dbPath);
  const recordsPublicKey = config.demo ? seedDemoRecordsKey(sodium, demoRecordsKeyFile) : undefined;
  const shared = redis ? (await import('./redis/redis-node.js')).createRedisNode(redis, { clock, log, heartbeatMs: config.nodeHeartbeatMs, stallMs: config.nodeStallMs, jobLeaseMs: config.jobLeaseMs, adapterStreamLength: config.adapterStreamLength }) : undefined;
  // The day's caller salt is at hand before the first request (a caller key is made without waiting).
  await shared?.start();
  const app = await createApp({
    ...(shared ? { shared } : {}),
    mustStartAgain: () => {
      exitCode = START_AGAIN_EXIT_CODE;
      onSignal('start-again');
    },
    ...(storage.db ? { db: storage.db } : {}),
    repositories: repos,
    sodium,
    clock,
    log,
    widgetDist: config.widgetDist,
    consoleDist: config.consoleDist,
    publicUrl: config.publicUrl,
    frameAncestors: config.frameAncestors,
    demo: config.demo,
    // Production requires an https PUBLIC_URL (checkStartable): cookies are always Secure there.
    secureCookies: !config.demo || (config.publicUrl?.startsWith('https:') ?? false),
    consoleOrigin: config.consoleOrigin,
    kdfFloor: config.staffKdf,
    demoConsoleConfig: config.demo ? { lockAfterMinutes: config.lockAfterMinutes, kdfFloor: config.staffKdf, recordsPublicKey } : null,
    hours: config.hours,
    interviewWeekday: config.interviewWeekday,
    alternatives: config.alternatives,
    resumeDays: config.resumeDays,
    routing: config.routing,
    trustedProxyHops: config.trustedProxyHops,
    callerPrefixes: config.callerPrefixes,
    startsPerHour: config.startsPerHour,
    openPerCaller: config.openPerCaller,
    urgentPerHour: config.urgentPerHour,
    powCounter: config.powCounter,
    powFloodWaiting: config.powFloodWaiting,
    retentionDays: config.retentionDays,
    longWaitAlertMinutes: config.longWaitAlertMinutes,
    testHooks: config.testHooks,
    heartbeat: config.heartbeat,
    limits: config.limits,
    loginLimits: loginLimitsOf(config),
    verifyThreads: config.verifyThreads,
    diskAlarmMb: config.diskAlarmMb,
  });

  await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const base = config.publicUrl ?? `http://${config.host}:${port}`;
  const lines = ['', `Tsunagari chat listening on ${base}`];
  if (config.demo) {
    lines.push(
      `  Widget demo (NPO host page): ${base}/demo/`,
      `  Staff console:               ${base}/console/`,
      `  QR landing page (campaign):  ${base}/c/flyer`,
    );
  } else {
    lines.push(
      `  Relay address (for the proxy): http://${config.host}:${port}`,
      `  Widget files:                ${base}/widget/ (the pages and the console come from the NPO's own origins)`,
    );
  }
  lines.push(
    `  Database:                    ${storage.label}`,
    `  Opening hours:               ${app.services.hours.config().mode === 'always' ? 'always open' : 'program hours (Tokyo, closed on holidays)'}; an admin changes them in the console (設定)`,
  );
  if (shared) {
    lines.push(
      '  Several nodes:               shared through Redis (TSUNAGARI_REDIS_URL): queue, rooms, limits; jobs on the node holding the lock',
      `  This node:                   ${shared.presence.nodeId} (heartbeat every ${config.nodeHeartbeatMs} ms)`,
    );
  }
  if (config.consoleOrigin) lines.push(`  Console origin (staff):      ${config.consoleOrigin}`);
  if (config.staffKdf === 'min') lines.push('  STAFF_KDF=min:               TEST SETTING — staff passwords accepted with weak Argon2id; never in production');
  if (config.testHooks) lines.push('  Test hooks:                  ON (TSUNAGARI_TEST_HOOKS=1): this relay replays messages on request — tests only');
  if (config.demo) {
    lines.push(
      '  DEMO: this relay serves the widget pages, the QR landing page, the staff console and its',
      '        console-config.json itself, holds the demo organisation key file and signed the demo',
      "        staff statements at seed time. In production the widget snippet, the landing page and",
      "        the console come from the NPO's own origins, so the relay cannot change the code that",
      "        holds the keys, and the organisation key stays on the admin's own machine, never on the",
      '        relay (README, "Production set-up").',
      `  Demo org key file:           ${config.demoOrgKeyFile} (passphrase: ${DEMO_ORG_PASSPHRASE})`,
      `  Demo records key file:       ${demoRecordsKeyFile} (passphrase: ${DEMO_RECORDS_PASSPHRASE}; supervisors read case-log notes with it)`,
      '  Demo logins (username / password):',
    );
    for (const s of DEMO_STAFF) lines.push(`    ${s.role.padEnd(10)} ${s.username.padEnd(10)} / ${s.password}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  stopNow = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ event: 'server.stopping', signal }, 'shutting down');
    // Stopping closes the adapter's subscriber politely before Socket.IO and Redis close
    // (app.close, SharedNode.quitAdapterReads), so nothing is cut short: any rejection while
    // stopping ends the process as an error.
    process.on('unhandledRejection', (caught: unknown) => {
      log.error({ event: 'server.stop_failed', err: caught }, 'failed while stopping');
      process.exit(1);
    });
    void app.close().then(async () => {
      // After the app: its last pushes and lock release went through this connection.
      await shared?.stop();
      await redis?.quit().catch(() => redis.disconnect());
      // Last: the app's close flushed the message batcher's writes through it.
      await storage.close();
      log.info({ event: 'server.stopped', exitCode }, 'stopped');
      process.exit(exitCode);
    });
  };
  // Asked to stop while starting: now that it is up (its lock taken, its banner out), it stops.
  if (stopPending) stopNow(stopPending);
}

main().catch((caught: unknown) => {
  process.stderr.write(`Tsunagari chat failed to start: ${caught instanceof Error ? caught.stack : String(caught)}\n`);
  process.exit(1);
});
