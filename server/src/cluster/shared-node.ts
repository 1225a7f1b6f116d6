import type { ServerOptions } from 'socket.io';
import type { CallerLedgerStore } from '../domain/callers/caller-ledger-store.js';
import type { ProofLedger } from '../domain/callers/start-proof.js';
import type { DemandShares } from '../domain/demand.js';
import type { QueueStore } from '../domain/routing/queue-store.js';
import type { DailySalts } from '../http/client-key.js';
import type { CallerSocketCount } from '../socket/connection-limits.js';
import type { JobLock } from './job-lock.js';
import type { LimiterFactory } from './limiters.js';
import type { NodePresence } from './node-presence.js';
import type { StoreIncarnation } from './store-incarnation.js';

/**
 * What one relay node shares with the others (issue 17), built from TSUNAGARI_REDIS_URL by
 * `redis/redis-node.ts` and handed to createApp. Without it (the default) the relay is one
 * process and keeps all of this in its own memory, exactly as before; this module names only
 * interfaces, so a single-process relay loads nothing of Redis.
 */
export interface SharedNode {
  /** Routing's queue, offers and capacities. */
  queueStore: QueueStore;
  /** Socket.IO's adapter: rooms and emits reach sockets on every node. */
  adapter: NonNullable<ServerOptions['adapter']>;
  /** The start limit, urgent budget and login budgets count across nodes. */
  limiters: LimiterFactory;
  /** Open chats per caller network and today's nuisance blocks. */
  callerLedger: CallerLedgerStore;
  /** The start challenges' secrets and the used ones: a challenge from any node works once on any node. */
  proofs: ProofLedger;
  /** Retention and the database jobs run on the node that holds it; so does the sweep of dead nodes' sockets. */
  jobLock: JobLock;
  /** Each caller network's share of the day's demand figures, taken from one count for every node. */
  demandShares: DemandShares;
  /** Client sockets per caller network, counted across the nodes (a dead node's stop counting with its heartbeat). */
  callerSockets(max: number): CallerSocketCount;
  /** This node's heartbeat and which node holds whose sockets: a dead node's sockets are taken for disconnected. */
  presence: NodePresence;
  /** The caller keys' daily salt, the same on every node (so one network is one caller everywhere). */
  salts: DailySalts;
  /** Whether the shared store still holds what was restored into it: Redis keeps nothing on disk, so a restarted one is empty. */
  incarnation: StoreIncarnation;
  /** Fetches what must be at hand before the first request (the day's salt) and beats once; the owner awaits it before createApp. */
  start(): Promise<void>;
  /**
   * Stops the background fetching and the heartbeat (its thread ended, the heartbeat removed); the
   * owner calls it after the app has closed, then quits Redis.
   */
  stop(): Promise<void>;
}
