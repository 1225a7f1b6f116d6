import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { DEMO_STAFF, seedDemo } from './admin/provision.js';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { createLogger } from './log.js';
import { loadSodium } from './sodium.js';

/** Reads config, opens the database (migrating it), seeds the demo, listens, and stops cleanly. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const sodium = await loadSodium();
  const db = openDatabase(config.dbPath);
  const repos = (await import('./repositories/sqlite.js')).createSqliteRepositories(db);
  if (config.demo && seedDemo(sodium, repos, config.orgKeyFile, config.staffKdf, systemClock.now())) {
    log.info({ event: 'demo.seeded' }, 'demo organisation and staff created');
  }
  const app = createApp({
    db,
    sodium,
    clock: systemClock,
    log,
    widgetDist: config.widgetDist,
    consoleDist: config.consoleDist,
    publicUrl: config.publicUrl,
    secureCookies: config.publicUrl?.startsWith('https:') ?? false,
  });

  await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const base = config.publicUrl ?? `http://${config.host}:${port}`;
  const lines = [
    '',
    `Tsunagari chat listening on ${base}`,
    `  Widget demo (NPO host page): ${base}/demo/`,
    `  Staff console:               ${base}/console/`,
    `  Database:                    ${config.dbPath}`,
  ];
  if (config.demo) {
    lines.push('  Demo logins (username / password):');
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
