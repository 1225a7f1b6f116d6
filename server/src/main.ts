import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { DEMO_ORG_PASSPHRASE, DEMO_STAFF, refuseDemoDatabase, seedDemo } from './admin/demo-seed.js';
import { clockStartingAt, systemClock } from './clock.js';
import { checkStartable, loadConfig, loginLimitsOf } from './config.js';
import { openDatabase } from './db/database.js';
import { claimRelayLock } from './db/relay-lock.js';
import { createLogger } from './log.js';
import { missingNodeFlags, tuneHeapGrowth } from './heap-tuning.js';
import { loadSodium } from './sodium.js';

/** Reads config, opens the database (migrating it), seeds the demo, listens, and stops cleanly. */
async function main(): Promise<void> {
  const config = loadConfig();
  checkStartable(config);
  tuneHeapGrowth(config.heapGrowingPercent);
  const log = createLogger(config.logLevel);
  const missing = missingNodeFlags(process.execArgv, process.env.NODE_OPTIONS);
  if (missing.length > 0) {
    log.warn({ event: 'server.node_flags_missing', missing }, 'started without the Node flags of server/node-flags.mjs: longer latency tails under load');
  }
  const clock = config.testNow ? clockStartingAt(config.testNow) : systemClock;
  const sodium = await loadSodium();
  // One relay per database file (its consultation cache assumes it is the only writer), and a
  // restore refuses while this runs.
  const releaseLock = claimRelayLock(config.dbPath);
  const db = openDatabase(config.dbPath);
  const repos = (await import('./repositories/sqlite.js')).createSqliteRepositories(db);
  if (!config.demo) await refuseDemoDatabase(repos, config.dbPath);
  if (config.demo && (await seedDemo(sodium, repos, config.demoOrgKeyFile, config.staffKdf, clock)).length > 0) {
    log.info({ event: 'demo.seeded' }, 'demo organisation and staff enrolled');
  }
  const app = await createApp({
    db,
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
    demoConsoleConfig: config.demo ? { lockAfterMinutes: config.lockAfterMinutes, kdfFloor: config.staffKdf } : null,
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
    `  Database:                    ${config.dbPath}`,
    `  Opening hours:               ${app.services.hours.config().mode === 'always' ? 'always open' : 'program hours (Tokyo, closed on holidays)'}; an admin changes them in the console (設定)`,
  );
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
      '  Demo logins (username / password):',
    );
    for (const s of DEMO_STAFF) lines.push(`    ${s.role.padEnd(10)} ${s.username.padEnd(10)} / ${s.password}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ event: 'server.stopping', signal }, 'shutting down');
    void app.close().then(() => {
      db.close();
      releaseLock();
      log.info({ event: 'server.stopped' }, 'stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((caught: unknown) => {
  process.stderr.write(`Tsunagari chat failed to start: ${caught instanceof Error ? caught.stack : String(caught)}\n`);
  process.exit(1);
});
