import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { CallerSocketCount } from '../socket/connection-limits.js';
import { runScript } from './script.js';

/**
 * Caller keys change every Tokyo day and sockets rarely live a day: a network's counts go two days
 * after its last socket opened even if no close is ever seen (a lost `closed`, a cluster restarted).
 */
const KEEP_SECONDS = 2 * 24 * 3600;

/**
 * The scripts behind {@link RedisCallerSockets}. KEYS[1] is one caller network's hash, node id →
 * sockets open on that node. A node whose heartbeat is gone (killed, its disconnects never run)
 * is dropped from the hash the next time anyone counts that network, so its sockets stop
 * counting within a heartbeat's lifetime of its death, without a sweep.
 */
const SCRIPTS = {
  /** ARGV: max, this node, heartbeat key prefix. 1 = counted, 0 = at the cap. */
  open: `
local counts = redis.call('HGETALL', KEYS[1])
local total = 0
for i = 1, #counts, 2 do
  local node = counts[i]
  if node ~= ARGV[2] and redis.call('EXISTS', ARGV[3] .. node) == 0 then
    redis.call('HDEL', KEYS[1], node)
  else
    total = total + tonumber(counts[i + 1])
  end
end
if total >= tonumber(ARGV[1]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
redis.call('EXPIRE', KEYS[1], ${KEEP_SECONDS})
return 1`,
  /** ARGV: max, this node, heartbeat key prefix. 1 = under the cap. Reads only. */
  admits: `
local counts = redis.call('HGETALL', KEYS[1])
local total = 0
for i = 1, #counts, 2 do
  if counts[i] == ARGV[2] or redis.call('EXISTS', ARGV[3] .. counts[i]) == 1 then total = total + tonumber(counts[i + 1]) end
end
if total >= tonumber(ARGV[1]) then return 0 end
return 1`,
  /** ARGV: this node. */
  closed: `
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1`,
} as const;

type ScriptName = keyof typeof SCRIPTS;

/** What of the node registry the count needs: whose sockets these are, and where nodes beat. */
export interface NodeHeartbeats {
  readonly nodeId: string;
  /** `heartbeatPrefix + nodeId` exists while that node lives. */
  readonly heartbeatPrefix: string;
}

/**
 * {@link CallerSocketCount} in Redis (issue 17): one hash per caller network (its daily key, never
 * an address) with each node's open sockets, so the cap holds across every node. Counting and
 * taking a place is one script: sockets from one network arriving at several nodes at once cannot
 * pass the cap together. A node's counts live as long as its heartbeat (see {@link SCRIPTS}); a
 * node that lapses and comes back gives back places it no longer holds here (never below zero).
 */
export class RedisCallerSockets implements CallerSocketCount {
  /** `redis` stays the caller's. */
  constructor(
    private readonly redis: Redis,
    private readonly node: NodeHeartbeats,
    private readonly max: number,
    private readonly log: Logger,
    private readonly prefix = 'tsunagari:',
  ) {}

  async admits(caller: string): Promise<boolean> {
    return (await this.run('admits', caller, this.max, this.node.nodeId, this.node.heartbeatPrefix)) === 1;
  }

  async open(caller: string): Promise<boolean> {
    return (await this.run('open', caller, this.max, this.node.nodeId, this.node.heartbeatPrefix)) === 1;
  }

  closed(caller: string): void {
    // A close that cannot be written leaves a place taken until this node's heartbeat goes or the key expires.
    this.run('closed', caller, this.node.nodeId).catch((caught: unknown) =>
      this.log.warn({ event: 'socket.caller_count_failed', errName: caught instanceof Error ? caught.name : typeof caught }, 'a closed socket was not counted off'),
    );
  }

  private run(name: ScriptName, caller: string, ...args: Array<string | number>): Promise<unknown> {
    return runScript(this.redis, `tsunagariCallerSockets_${name}`, SCRIPTS[name], [`${this.prefix}callers:sockets:${caller}`], ...args);
  }
}
