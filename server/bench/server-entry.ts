/**
 * Our real server (createApp, SQLite file, logger at warn) as a forked child, with one addition:
 * it answers the orchestrator's memory questions over IPC.
 */
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { openDatabase } from '../src/db/database.js';
import { loadConfig, loginLimitsOf } from '../src/config.js';
import { tuneHeapGrowth } from '../src/heap-tuning.js';
import { createLogger } from '../src/log.js';
import { loadSodium } from '../src/sodium.js';
import { type IpcReply, answerMemoryRequests } from './stats.js';

const dbPath = process.env.TSUNAGARI_DB;
if (!dbPath) throw new Error('TSUNAGARI_DB is required');
// As main.ts does: the bench measures the server as it runs in production.
const config = loadConfig();
tuneHeapGrowth(config.heapGrowingPercent);
// `--attack` runs the relay with its production limits, behind one trusted proxy hop, so each
// simulated woman, counselor and attacker is the caller network it claims (X-Forwarded-For).
const attack = process.env.BENCH_ATTACK === '1';
const sodium = await loadSodium();
const db = openDatabase(dbPath);
const app = await createApp({
  db,
  sodium,
  clock: systemClock,
  log: createLogger('warn'),
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
  void app.close().then(() => {
    db.close();
    process.exit(0);
  });
});
