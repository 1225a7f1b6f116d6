import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { SharedNode } from '../cluster/shared-node.js';
import type { Clock } from '../clock.js';
import { DEFAULT_ADAPTER_STREAM_LENGTH } from '../config.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import { reportConnection } from './connection.js';
import { RedisCallerLedgerStore } from './redis-caller-ledger.js';
import { RedisCallerSockets } from './redis-caller-sockets.js';
import { RedisDailySalts } from './redis-daily-salts.js';
import { RedisDemandShares } from './redis-demand-shares.js';
import { RedisJobLock } from './redis-job-lock.js';
import { RedisNodePresence } from './redis-node-presence.js';
import { RedisProofLedger } from './redis-proof-ledger.js';
import { RedisQueueStore } from './redis-queue-store.js';
import { RedisStoreIncarnation } from './redis-store-incarnation.js';

/** How long a stopping node waits for its last pushes to reach Redis. */
const PUBLISHER_QUIT_MS = 2_000;

export interface RedisNodeOptions {
  clock: Clock;
  log: Logger;
  /** Put before every key and the adapter's stream: several relays (or tests) on one Redis stay apart. */
  prefix?: string;
  /** The job lock's lease, in ms (default 30 s): how long jobs pause when their node stops renewing but still beats. */
  jobLeaseMs?: number;
  /** How often the node's heartbeat is renewed, in ms (default 2 s; it lives three times as long). */
  heartbeatMs?: number;
  /** How long the event loop may stand still before the heartbeat stops (default 20 s: redis-node-presence.ts's `DEFAULT_NODE_STALL_MS`). */
  stallMs?: number;
  /** How long the adapter's stream reader blocks in one read, in ms (default 5 s; tests shorten it so closing is quick). */
  adapterBlockMs?: number;
  /** Packets the adapter's stream keeps (default {@link DEFAULT_ADAPTER_STREAM_LENGTH}). */
  adapterStreamLength?: number;
}

/**
 * Everything a relay node shares with the others through one Redis connection (issue 17). The
 * adapter and the queue store add their own connections beside it (ioredis `duplicate()` for the
 * adapter's blocking stream reads and its subscriptions); the caller keeps `redis` and quits it
 * after the app has closed.
 *
 * Socket.IO's connection-state recovery stays off (app.ts says why), so the adapter keeps no
 * session in Redis; its stream carries the relay's packets (ciphertext and routing notices, never
 * plaintext), trimmed to about 10,000 entries.
 */
export function createRedisNode(redis: Redis, options: RedisNodeOptions): SharedNode {
  const prefix = options.prefix ?? 'tsunagari:';
  let adapter: SharedNode['adapter'] | null = null;
  /** The adapter's publishing connection, once the adapter exists; quit as the node stops. */
  let publisher: Redis | null = null;
  const salts = new RedisDailySalts(redis, options.clock, options.log, prefix);
  const presence = new RedisNodePresence(redis, options.log, prefix, options.heartbeatMs, options.stallMs);
  const incarnation = new RedisStoreIncarnation(redis, prefix, presence.nodeId, presence.beatMs);
  return {
    queueStore: new RedisQueueStore(redis, prefix),
    // Made when Socket.IO first asks: it opens its reading connections as soon as it exists.
    get adapter() {
      if (adapter) return adapter;
      // The adapter publishes through a connection of its own that keeps what it is given while
      // Redis does not answer and sends it, in order, once it does (no retry limit). On the node's
      // own connection a publish failed after three reconnection attempts and the adapter dropped
      // it: a woman's message stored and acknowledged while Redis was unreachable for a few
      // seconds never reached her counselor on another node. (Routing and the limits keep failing
      // fast on `redis`: a start or login is refused rather than left hanging.)
      const own = reportConnection(redis.duplicate({ maxRetriesPerRequest: null }), options.log, 'adapter');
      publisher = own;
      // The adapter duplicates it for its reading connections, synchronously inside
      // createAdapter. Its subscriber's SUBSCRIBE promise is left without a handler: when the
      // adapter closes (this node stopping) before Redis answered it, or Redis drops, it rejects
      // ("Connection is closed.") with nobody listening, an unhandled rejection that ended the
      // process. Handled here, on that connection's subscribe only; the adapter still gets its promise.
      const duplicate = own.duplicate;
      own.duplicate = (...args: Parameters<Redis['duplicate']>) => {
        const made = reportConnection(duplicate.apply(own, args), options.log, 'adapter-reader');
        const subscribe = made.subscribe;
        made.subscribe = ((...a: Parameters<Redis['subscribe']>) => {
          const subscribed = subscribe.apply(made, a);
          subscribed.catch((caught: unknown) => options.log.debug({ event: 'adapter.subscribe_failed', err: describeError(caught) }, 'the adapter\'s subscription ended unanswered'));
          return subscribed;
        }) as Redis['subscribe'];
        return made;
      };
      try {
        adapter = createAdapter(own, {
          streamName: `${prefix}socket.io`,
          channelPrefix: `${prefix}socket.io`,
          ...(options.adapterBlockMs ? { blockTimeInMs: options.adapterBlockMs } : {}),
          // A node that fell behind catches up in reads of 1,000 (the adapter reads 100 at a time),
          // before the stream's trimming passes it by (see DEFAULT_ADAPTER_STREAM_LENGTH).
          maxLen: options.adapterStreamLength ?? DEFAULT_ADAPTER_STREAM_LENGTH,
          readCount: 1000,
        });
      } finally {
        own.duplicate = duplicate;
      }
      return adapter;
    },
    limiters: (o) => new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}limits:${o.keyPrefix}`, points: o.points, duration: o.duration }),
    callerLedger: new RedisCallerLedgerStore(redis, prefix),
    demandShares: new RedisDemandShares(redis, prefix),
    callerSockets: (max) => new RedisCallerSockets(redis, presence, max, options.log, prefix),
    proofs: new RedisProofLedger(redis, prefix),
    jobLock: new RedisJobLock(redis, `${prefix}jobs:lock`, options.jobLeaseMs, presence),
    presence,
    salts,
    incarnation,
    // The heartbeat first: the job lock and a starting node's look at the cluster go by it.
    start: async () => {
      await presence.start();
      await salts.start();
    },
    stop: async () => {
      salts.stop();
      await presence.stop();
      // After the app closed: its last pushes go out through it (quit waits for their replies), but
      // a node stopping while Redis does not answer does not wait for Redis to come back.
      if (publisher) {
        const quitting = publisher.quit().catch(() => undefined);
        await Promise.race([quitting, new Promise((resolve) => setTimeout(resolve, PUBLISHER_QUIT_MS).unref())]);
        publisher.disconnect();
      }
    },
  };
}
