import type { Redis } from 'ioredis';
import type { QueueStore } from '../domain/routing/queue-store.js';
import type { AssignRefusal, CounselorSlot, Holding, Offer, QueueItem, QueuePlace, RoutingView, TransferRefusal } from '../domain/routing/types.js';
import { type QueueScriptName, QUEUE_SCRIPTS, queueScript } from './queue-store.lua.js';

type Reply = string | number | null | Reply[];
type ScriptCaller = (keys: string[], args: Array<string | number>) => Promise<Reply>;

/**
 * {@link QueueStore} in Redis, for several relay nodes sharing one queue (issue 17). Each operation
 * is one Lua script run atomically by Redis (`queue-store.lua.ts`), so two nodes never offer or
 * assign one woman twice and no counselor passes her capacity, whatever runs at the same time.
 *
 * Keys live under `<prefix>{routing}:…`: one hash tag, so a Redis Cluster keeps them on one shard.
 * The store holds only routing state (random consultation and staff ids, flags, times): nothing
 * about her, no message, no address.
 */
export class RedisQueueStore implements QueueStore {
  /** Several nodes may use it: any of them can die with its offers' timers. */
  readonly shared = true;
  private readonly keys: string[];
  /** A set of the parked chats' ids: each step one plain command, atomic as it is. */
  private readonly parkedKey: string;
  private readonly scripts = new Map<QueueScriptName, ScriptCaller>();

  /** `redis` stays the caller's: the store neither connects nor quits it. */
  constructor(private readonly redis: Redis, prefix = 'tsunagari:') {
    this.keys = ['queue', 'items', 'slots', 'offers', 'passed', 'handles', 'held'].map((k) => `${prefix}{routing}:${k}`);
    this.parkedKey = `${prefix}{routing}:parked`;
    for (const name of Object.keys(QUEUE_SCRIPTS) as QueueScriptName[]) {
      const command = `tsunagariQueue_${name}`;
      // defineCommand sends EVALSHA and falls back to EVAL once when Redis does not know the script.
      redis.defineCommand(command, { lua: queueScript(name), numberOfKeys: this.keys.length });
      const fn = (redis as unknown as Record<string, (...a: Array<string | number>) => Promise<Reply>>)[command];
      if (!fn) throw new Error(`ioredis did not define ${command}`);
      this.scripts.set(name, (keys, args) => fn.call(redis, ...keys, ...args));
    }
  }

  /** Removes every routing key of this prefix (tests, and a deliberate reset of a demo cluster). */
  async clear(): Promise<void> {
    await this.redis.del(...this.keys, this.parkedKey);
  }

  async view(head?: number): Promise<RoutingView> {
    const [waiting, slots, offers, passed, handles] = (await this.run('view', head === undefined ? '' : Math.max(0, head))) as [string[], string[], string[], string[], string[]];
    const passedOver = new Map<string, ReadonlySet<string>>();
    for (let i = 0; i + 1 < passed.length; i += 2) passedOver.set(passed[i] as string, new Set(JSON.parse(passed[i + 1] as string) as string[]));
    return {
      waiting: waiting.map((j) => JSON.parse(j) as QueueItem),
      counselors: slots.map((j) => JSON.parse(j) as CounselorSlot),
      offers: offers.map((j) => JSON.parse(j) as Offer),
      passedOver,
      handleTimes: handles.map(Number),
    };
  }

  async place(consultationId: string): Promise<QueuePlace | null> {
    const found = (await this.run('place', consultationId)) as [string, number, number] | null;
    if (!found) return null;
    return { item: JSON.parse(found[0]) as QueueItem, position: found[1] + 1, waiting: found[2] };
  }

  async waitingCount(): Promise<number> {
    return this.redis.zcard(this.keys[0] as string);
  }

  async waitingIds(): Promise<string[]> {
    // The members are order keys ending in `\0<id>` (queue-store.lua.ts): no item is read or decoded.
    return (await this.redis.zrange(this.keys[0] as string, 0, -1)).map((member) => member.slice(member.lastIndexOf('\0') + 1));
  }

  async counselor(staffId: string): Promise<CounselorSlot | null> {
    const json = await this.redis.hget(this.keys[2] as string, staffId);
    return json === null ? null : (JSON.parse(json) as CounselorSlot);
  }

  async restore(items: readonly QueueItem[], counselors: readonly CounselorSlot[], held: readonly Holding[]): Promise<void> {
    await this.run('restore', JSON.stringify(items), JSON.stringify(counselors), JSON.stringify(held));
  }

  async enqueue(item: QueueItem): Promise<void> {
    await this.run('enqueue', JSON.stringify(item));
  }

  async leave(consultationId: string, at: number, handled?: { ms: number; keep: number }): Promise<{ item: QueueItem | null; offer: Offer | null; heldBy: string | null }> {
    const [item, offer, heldBy] = (await this.run('leave', consultationId, at, handled ? handled.ms : '', handled ? handled.keep : 0)) as [string | null, string | null, string | null];
    return { item: parseOrNull<QueueItem>(item), offer: parseOrNull<Offer>(offer), heldBy: heldBy ?? null };
  }

  async requeue(item: QueueItem, at: number): Promise<{ heldBy: string | null }> {
    return { heldBy: ((await this.run('requeue', JSON.stringify(item), at)) as string | null) ?? null };
  }

  async updateCounselor(staffId: string, change: Partial<Omit<CounselorSlot, 'staffId' | 'load'>>, initial: CounselorSlot): Promise<CounselorSlot> {
    return JSON.parse((await this.run('updateCounselor', staffId, JSON.stringify(change), JSON.stringify(initial))) as string) as CounselorSlot;
  }

  async removeCounselor(staffId: string): Promise<{ offers: Offer[] }> {
    return { offers: ((await this.run('removeCounselor', staffId)) as string[]).map((j) => JSON.parse(j) as Offer) };
  }

  async offer(offer: Offer, restartRound: boolean): Promise<boolean> {
    return (await this.run('offer', JSON.stringify(offer), restartRound ? '1' : '0')) === 1;
  }

  async withdraw(offer: Offer, passOver: boolean): Promise<boolean> {
    return (await this.run('withdraw', JSON.stringify(offer), passOver ? '1' : '0')) === 1;
  }

  async assign(staffId: string, consultationId: string, at: number): Promise<{ refusal: AssignRefusal } | { refusal: null; offer: Offer | null }> {
    const [refusal, offer] = (await this.run('assign', staffId, consultationId, at)) as [string, string | null];
    if (refusal !== '') return { refusal: refusal as AssignRefusal };
    return { refusal: null, offer: parseOrNull<Offer>(offer) };
  }

  async transfer(consultationId: string, fromStaffId: string, toStaffId: string, at: number): Promise<TransferRefusal | null> {
    const refusal = (await this.run('transfer', consultationId, fromStaffId, toStaffId, at)) as string;
    return refusal === '' ? null : (refusal as TransferRefusal);
  }

  async park(consultationId: string): Promise<void> {
    await this.redis.sadd(this.parkedKey, consultationId);
  }

  async unpark(consultationId: string): Promise<boolean> {
    return (await this.redis.srem(this.parkedKey, consultationId)) === 1;
  }

  private run(name: QueueScriptName, ...args: Array<string | number>): Promise<Reply> {
    return (this.scripts.get(name) as ScriptCaller)(this.keys, args);
  }
}

function parseOrNull<T>(json: string | null | undefined): T | null {
  return json == null ? null : (JSON.parse(json) as T);
}
