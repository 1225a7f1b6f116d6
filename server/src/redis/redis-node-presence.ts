import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { NodePresence } from '../cluster/node-presence.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import { HeartbeatThread } from './heartbeat-thread.js';
import { runScript } from './script.js';

/**
 * The scripts behind {@link RedisNodePresence}; each runs atomically in Redis. Keys are built from
 * the base `<prefix>{routing}:` passed as ARGV[1], all under routing's hash tag (one slot):
 *   node:<id>   a node's heartbeat (PX: three beats)
 *   nodes       set of the ids that have entries (or beat)
 *   on:<id>     hash socket id → person, the sockets a node holds
 *   at:<person> hash socket id → node id, where a person's sockets are
 */
const PRELUDE = `
local base = ARGV[1]
local function anywhere(person)
  local at = redis.call('HGETALL', base .. 'at:' .. person)
  for i = 2, #at, 2 do
    if redis.call('EXISTS', base .. 'node:' .. at[i]) == 1 then return 1 end
  end
  return 0
end
`;

const SCRIPTS = {
  /** ARGV: base, node, ttl ms. Returns 1 when the heartbeat was still there, 0 when it had gone (or is new). */
  beat: `
local key = base .. 'node:' .. ARGV[2]
local was = redis.call('EXISTS', key)
redis.call('SET', key, '1', 'PX', ARGV[3])
redis.call('SADD', base .. 'nodes', ARGV[2])
return was`,
  /** ARGV: base, node, socket, person. A socket rebound to another person leaves the first one's entry. */
  add: `
local on = base .. 'on:' .. ARGV[2]
local before = redis.call('HGET', on, ARGV[3])
if before and before ~= ARGV[4] then redis.call('HDEL', base .. 'at:' .. before, ARGV[3]) end
redis.call('HSET', on, ARGV[3], ARGV[4])
redis.call('HSET', base .. 'at:' .. ARGV[4], ARGV[3], ARGV[2])
redis.call('SADD', base .. 'nodes', ARGV[2])
return 1`,
  /** ARGV: base, node, socket. */
  remove: `
local on = base .. 'on:' .. ARGV[2]
local person = redis.call('HGET', on, ARGV[3])
if not person then return 0 end
redis.call('HDEL', on, ARGV[3])
redis.call('HDEL', base .. 'at:' .. person, ARGV[3])
return 1`,
  /** ARGV: base, person. */
  anywhere: `return anywhere(ARGV[2])`,
  /** ARGV: base. Returns {nodes swept, people left with no socket on a live node}. */
  sweep: `
local swept, touched, order = {}, {}, {}
for _, node in ipairs(redis.call('SMEMBERS', base .. 'nodes')) do
  if redis.call('EXISTS', base .. 'node:' .. node) == 0 then
    local on = base .. 'on:' .. node
    local entries = redis.call('HGETALL', on)
    for i = 1, #entries, 2 do
      local person = entries[i + 1]
      redis.call('HDEL', base .. 'at:' .. person, entries[i])
      if not touched[person] then
        touched[person] = true
        table.insert(order, person)
      end
    end
    redis.call('DEL', on)
    redis.call('SREM', base .. 'nodes', node)
    table.insert(swept, node)
  end
end
local gone = {}
for _, person in ipairs(order) do
  if anywhere(person) == 0 then table.insert(gone, person) end
end
return {swept, gone}`,
} as const;

type ScriptName = keyof typeof SCRIPTS;

/** How long the event loop may go without a tick before the heartbeat stops (TSUNAGARI_NODE_STALL_MS). */
export const DEFAULT_NODE_STALL_MS = 20_000;

/**
 * {@link NodePresence} in Redis. The heartbeat is renewed every `beatMs` and lives three times as
 * long, so a node is taken for dead within three beats of its last one. It is renewed from a
 * thread of its own ({@link HeartbeatThread}): a node whose event loop is busy for a few seconds
 * is not taken for dead, one whose loop has not moved for `stallMs` is. What it keeps: random
 * node, socket, staff and consultation ids, nothing about a person.
 */
export class RedisNodePresence implements NodePresence {
  readonly nodeId = randomBytes(12).toString('base64url');
  /** The heartbeat keys' common start: `<base>node:` + a node id (the job lock reads it). */
  readonly heartbeatPrefix: string;
  private readonly base: string;
  private thread: HeartbeatThread | null = null;
  /** Beats from this event loop: before the thread's first, or after it ended. */
  private loopBeats: ReturnType<typeof setInterval> | null = null;
  private readonly lapseListeners: Array<() => void> = [];
  private beatenOnce = false;

  /** `redis` stays the caller's. */
  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
    prefix = 'tsunagari:',
    readonly beatMs = 2_000,
    /** How long the event loop may go without a tick before the heartbeat stops. */
    readonly stallMs = DEFAULT_NODE_STALL_MS,
  ) {
    this.base = `${prefix}{routing}:`;
    this.heartbeatPrefix = `${this.base}node:`;
  }

  /**
   * The first heartbeat (awaited before anything else of the node runs), then one every `beatMs`:
   * from this event loop until the thread's first beat (a thread takes a moment to load its Redis
   * client; the heartbeat must not lapse meanwhile), from the thread after that — and from the
   * loop again should the thread end.
   */
  async start(): Promise<void> {
    await this.beatHere();
    this.beatFromLoop();
    const thread = new HeartbeatThread(
      { redis: this.redis, lua: `${PRELUDE}\n${SCRIPTS.beat}`, base: this.base, nodeId: this.nodeId, beatMs: this.beatMs, stallMs: this.stallMs },
      {
        beat: (was) => this.beaten(was),
        failed: (error) => this.log.warn({ event: 'node.heartbeat_failed', err: error }, 'could not renew this node\'s heartbeat'),
        withheld: (heldMs) => this.log.error({ event: 'node.heartbeat_withheld', heldMs }, 'this node\'s event loop stood still: its heartbeat was left to run out'),
        ended: (why) => {
          this.log.error({ event: 'node.heartbeat_thread_ended', err: why }, 'the heartbeat thread ended: the heartbeat is renewed from the event loop');
          this.beatFromLoop();
        },
      },
    );
    this.thread = thread;
    thread.started().then(
      () => this.stopLoopBeats(),
      // The loop's beats go on (a node busy for a few seconds may then be taken for dead, as before the thread).
      (caught: unknown) => this.log.error({ event: 'node.heartbeat_thread_failed', err: describeError(caught) }, 'the heartbeat thread did not start: the heartbeat is renewed from the event loop'),
    );
  }

  /**
   * Stops beating and removes the heartbeat: the node's entries are swept at once by the job
   * holder. Resolves once the thread has ended (a beat it still had on its way is removed too).
   */
  stop(): Promise<void> {
    this.stopLoopBeats();
    const thread = this.thread;
    this.thread = null;
    // One plain command, queued before the owner's QUIT (a script's first EVALSHA could need a second trip).
    void this.redis.del(`${this.heartbeatPrefix}${this.nodeId}`).catch(() => undefined);
    return thread ? thread.stop() : Promise.resolve();
  }

  onLapse(listener: () => void): void {
    this.lapseListeners.push(listener);
  }

  async add(socketId: string, person: string): Promise<void> {
    await this.run('add', this.nodeId, socketId, person);
  }

  async remove(socketId: string): Promise<void> {
    await this.run('remove', this.nodeId, socketId);
  }

  async anywhere(person: string): Promise<boolean> {
    return (await this.run('anywhere', person)) === 1;
  }

  async sweep(): Promise<{ nodes: string[]; gone: string[] }> {
    const [nodes, gone] = (await this.run('sweep')) as [string[], string[]];
    return { nodes, gone };
  }

  /** One beat through the node's own connection, from this event loop. */
  private async beatHere(): Promise<void> {
    this.beaten((await this.run('beat', this.nodeId, this.beatMs * 3)) === 1);
  }

  private beatFromLoop(): void {
    if (this.loopBeats) return;
    this.loopBeats = setInterval(() => {
      this.beatHere().catch((caught: unknown) => this.log.warn({ event: 'node.heartbeat_failed', err: describeError(caught) }, 'could not renew this node\'s heartbeat'));
    }, this.beatMs);
    this.loopBeats.unref?.();
  }

  private stopLoopBeats(): void {
    if (this.loopBeats) clearInterval(this.loopBeats);
    this.loopBeats = null;
  }

  /** A beat was written; `was` false when the heartbeat had gone before it. */
  private beaten(was: boolean): void {
    if (!was && this.beatenOnce) {
      this.log.warn({ event: 'node.heartbeat_lapsed' }, 'this node\'s heartbeat had run out: its sockets are recorded again');
      for (const l of this.lapseListeners) l();
    }
    this.beatenOnce = true;
  }

  private run(name: ScriptName, ...args: Array<string | number>): Promise<unknown> {
    return runScript(this.redis, `tsunagariPresence_${name}`, `${PRELUDE}\n${SCRIPTS[name]}`, [], this.base, ...args);
  }
}
