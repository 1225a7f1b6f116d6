import { describe, expect, it } from 'vitest';
import { redisPerFile } from '../../test/redis-per-file.js';
import { JobLeader } from '../cluster/job-lock.js';
import { createLogger } from '../log.js';
import { RedisJobLock } from './redis-job-lock.js';

// Issue 17: retention and the disk alarm run on one node at a time, under a lease in Redis.
const file = redisPerFile();
let n = 0;
const log = createLogger('silent');

/** Resolves once `held()` is true, checking every few milliseconds (an event, not a fixed sleep). */
async function until(held: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await held())) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('the job lock in Redis', () => {
  it('two contenders racing for it never both hold it, and the holder keeps it by renewing', async () => {
    const key = `lock${++n}`;
    const a = new RedisJobLock(file.redis.connect(), key, 5_000);
    const b = new RedisJobLock(file.redis.connect(), key, 5_000);
    let aHeld = 0;
    for (let round = 0; round < 50; round++) {
      const [ra, rb] = await Promise.all([a.acquire(), b.acquire()]);
      expect(ra && rb).toBe(false);
      expect(ra || rb).toBe(true);
      if (ra) aHeld++;
    }
    // Whoever won the first round renewed its lease every round after it.
    expect([0, 50]).toContain(aHeld);
  });

  it('moves to the other contender when the holder stops renewing (a dead node), and a late release takes nothing from it', async () => {
    const key = `lock${++n}`;
    const dead = new RedisJobLock(file.redis.connect(), key, 200);
    const live = new RedisJobLock(file.redis.connect(), key, 200);
    expect(await live.heldElsewhere()).toBe(false);
    expect(await dead.acquire()).toBe(true);
    expect(await live.acquire()).toBe(false);
    // A node starting sees the cluster running; the holder does not see itself as another.
    expect([await live.heldElsewhere(), await dead.heldElsewhere()]).toEqual([true, false]);
    await until(() => live.acquire());
    expect(await dead.acquire()).toBe(false);
    await dead.release();
    expect(await live.acquire()).toBe(true);
    expect(await dead.acquire()).toBe(false);
  });

  it('two leaders: one runs the jobs; stopping it hands them to the other at once; never both', async () => {
    const key = `lock${++n}`;
    let running = 0;
    let most = 0;
    const leads: string[] = [];
    const tries = { a: 0, b: 0 };
    const leader = (name: 'a' | 'b') => {
      const lock = new RedisJobLock(file.redis.connect(), key, 300);
      const counted = { leaseMs: lock.leaseMs, release: () => lock.release(), heldElsewhere: () => lock.heldElsewhere(), acquire: () => (tries[name]++, lock.acquire()) };
      return new JobLeader(
        counted,
        {
          lead: () => {
            running++;
            most = Math.max(most, running);
            leads.push(name);
          },
          follow: () => void running--,
        },
        log,
      );
    };
    const a = leader('a');
    const b = leader('b');
    a.start();
    await until(() => a.leads);
    b.start();
    // B tries (and fails) several times, over more than a lease, while A renews.
    await until(() => tries.b >= 5);
    expect(b.leads).toBe(false);
    expect(a.leads).toBe(true);
    await a.stop();
    expect(a.leads).toBe(false);
    await until(() => b.leads);
    await b.stop();
    expect(leads).toEqual(['a', 'b']);
    expect(most).toBe(1);
    expect(running).toBe(0);
  });

  it("a leader whose lease was taken while it paused stops its jobs at its next renewal", async () => {
    const key = `lock${++n}`;
    const redisA = file.redis.connect();
    let stopped = 0;
    const a = new JobLeader(new RedisJobLock(redisA, key, 300), { lead: () => undefined, follow: () => void stopped++ }, log);
    a.start();
    await until(() => a.leads);
    // Another node took the key (as after A's lease ran out during a long pause).
    await redisA.set(key, 'another-node');
    await until(() => !a.leads);
    expect(stopped).toBe(1);
    await a.stop();
    expect(await redisA.get(key)).toBe('another-node');
  });
});
