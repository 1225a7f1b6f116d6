import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { freshPgDatabase } from '../../../test/postgres-server.js';
import { createPgPool } from './pool.js';

// Issue 17: the relay's pool keeps the connections a burst opened, rather than closing them all
// 10 s later (pg-pool's default) and opening them again at the next burst.
let db: Awaited<ReturnType<typeof freshPgDatabase>>;
beforeAll(async () => {
  db = await freshPgDatabase(inject('pgBaseUrl'));
});
afterAll(async () => {
  await db?.drop();
});

/** Opens three connections at once, then lets the pool sit idle for 11 s (pg-pool's idle timers faked). */
async function idleAfterBurst(pool: ReturnType<typeof createPgPool>): Promise<number> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    await Promise.all([1, 2, 3].map((n) => pool.query('SELECT pg_sleep(0.05), $1::int AS n', [n])));
    expect(pool.totalCount).toBe(3);
    vi.advanceTimersByTime(11_000);
    return pool.totalCount;
  } finally {
    vi.useRealTimers();
  }
}

describe("the relay's PostgreSQL pool", () => {
  it('keeps the connections a burst opened while they sit idle', async () => {
    const pool = createPgPool(db.url, 10, { keepIdle: true });
    try {
      expect(await idleAfterBurst(pool)).toBe(3);
      expect((await pool.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
    } finally {
      await pool.end();
    }
  });

  it("a pool without keepIdle (the admin CLI's, the tests') closes them after pg-pool's 10 s", async () => {
    const pool = createPgPool(db.url, 10);
    try {
      expect(await idleAfterBurst(pool)).toBe(0);
    } finally {
      await pool.end();
    }
  });
});
