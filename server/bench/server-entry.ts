/**
 * Our real server (createApp, logger at warn) as a forked child, with one addition: it answers the
 * orchestrator's memory questions over IPC. Its storage is what TSUNAGARI_DB names, opened as
 * main.ts opens it (a SQLite file, or PostgreSQL for `--nodes`), and with TSUNAGARI_REDIS_URL it is
 * one node of several sharing Redis, as main.ts makes it (issue 17).
 */
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { loadConfig, loginLimitsOf } from '../src/config.js';
import { tuneHeapGrowth } from '../src/heap-tuning.js';
import { createLogger } from '../src/log.js';
import { loadSodium } from '../src/sodium.js';
import { openStorage } from '../src/storage.js';
import { type IpcReply, answerMemoryRequests } from './stats.js';

if (!process.env.TSUNAGARI_DB) throw new Error('TSUNAGARI_DB is required');
// As main.ts does: the bench measures the server as it runs in production.
const config = loadConfig();
tuneHeapGrowth(config.heapGrowingPercent);
// `--attack` runs the relay with its production limits, behind one trusted proxy hop, so each
// simulated woman, counselor and attacker is the caller network it claims (X-Forwarded-For).
const attack = process.env.BENCH_ATTACK === '1';
const sodium = await loadSodium();
const log = createLogger('warn');
const storage = await openStorage(config);
// Several nodes (`--nodes`): Redis loaded only then, as main.ts loads it.
const redis = config.redis ? (await import('../src/redis/connection.js')).connectRedis(config.redis, log) : null;
const shared = redis ? (await import('../src/redis/redis-node.js')).createRedisNode(redis, { clock: systemClock, log }) : undefined;
await shared?.start();
const app = await createApp({
  ...(shared ? { shared } : {}),
  ...(storage.db ? { db: storage.db } : {}),
  repositories: storage.repos,
  sodium,
  clock: systemClock,
  log,
  widgetDist: '/nonexistent',
  consoleDist: '/nonexistent',
  publicUrl: null,
  hours: { mode: 'always' },
  // Every simulated woman connects from 127.0.0.1: one caller, as far as the per-caller limits
  // know; each simulated counselor sends for some fifty chats at machine speed, far past the
  // event budget sized for one person at a keyboard; and the normal load measures chat, not each
  // woman's proof-of-work search. Under --attack each has a network of her own and every limit is
  // the production one, the proof of work included: every start, the women's and the attackers',
  // solves the relay's challenge (start-proof.ts), both before the exchange begins (attack-load.ts).
  startsPerHour: attack ? config.startsPerHour : 0,
  limits: attack ? config.limits : { socketsPerCaller: 1_000_000, events: { burst: 1_000_000, perSecond: 1_000_000 } },
  openPerCaller: attack ? config.openPerCaller : 0,
  powCounter: attack ? config.powCounter : 0,
  powFloodWaiting: config.powFloodWaiting,
  ...(attack
    ? {
        trustedProxyHops: 1,
        loginLimits: loginLimitsOf(config),
        verifyThreads: config.verifyThreads,
        // (Limits added to main.ts's createApp call belong here too, so the attack meets them.)
      }
    : {}),
});
app.httpServer.listen(0, '127.0.0.1', () => {
  const { port } = app.httpServer.address() as AddressInfo;
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` } satisfies IpcReply);
});
answerMemoryRequests();
process.on('disconnect', () => {
  // Closing Redis rejects the adapter's blocking read still queued on it (main.ts says why): expected here.
  process.on('unhandledRejection', (caught: unknown) => {
    if (!(caught instanceof Error && caught.message === 'Connection is closed.')) throw caught;
  });
  void app.close().then(async () => {
    shared?.stop();
    await redis?.quit().catch(() => redis.disconnect());
    // Last: the app's close flushed the message batcher's writes through it.
    await storage.close();
    process.exit(0);
  });
});
