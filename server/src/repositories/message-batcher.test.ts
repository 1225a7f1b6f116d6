import { describe, expect, it } from 'vitest';
import { tempDatabases } from '../../test/temp-database.js';
import type { Db } from '../db/database.js';
import { MessageBatcher } from './message-batcher.js';
import { createSqliteRepositories } from './sqlite.js';
import type { NewMessage } from '../domain/types.js';

describe('message batcher (real SQLite file)', () => {
  const freshDatabase = tempDatabases('batch');
  let db: Db;

  async function setup() {
    db = freshDatabase();
    const repos = createSqliteRepositories(db);
    await repos.consultations.insert({
      id: 'consultation-0000000001', clientTokenHash: 'h', status: 'waiting', campaign: null, urgent: false,
      queuedAt: '2026-01-01T00:00:00.000Z', assignedStaffId: null, assignedAt: null, endedAt: null, endReason: null, endedBy: null,
    });
    let commits = 0;
    const counted = { ...repos.messages, insertMany: (b: readonly NewMessage[]) => (commits++, repos.messages.insertMany(b)) };
    return { repos, batcher: new MessageBatcher(counted), commits: () => commits };
  }
  const msg = (seq: number, nonce = 'n'.repeat(32)): NewMessage => ({
    consultationId: 'consultation-0000000001', senderRole: 'client', senderStaffId: null, keyEpoch: 0, seq, nonce, ciphertext: `c${seq}`,
  });
  const count = () => (db.prepare('SELECT COUNT(*) AS n FROM message').get() as { n: number }).n;

  it('commits the writes of one turn together and answers each only after the commit', async () => {
    const { batcher, commits } = await setup();
    const written = await Promise.all([1, 2, 3].map((seq) => batcher.write(msg(seq))));
    expect(commits()).toBe(1);
    expect(written.map((w) => [w.message.seq, w.created])).toEqual([[1, true], [2, true], [3, true]]);
    expect(count()).toBe(3);
    // The answers carry the stored ids, in order.
    expect(new Set(written.map((w) => w.message.id)).size).toBe(3);
  });

  it('stores a re-send in the same turn once, answering both with the same row', async () => {
    const { batcher } = await setup();
    const [a, b] = await Promise.all([batcher.write(msg(7)), batcher.write(msg(7))]);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.message.id).toBe(a.message.id);
    expect(count()).toBe(1);
  });

  it('when the transaction fails, every write of the turn is refused and nothing is stored', async () => {
    const { batcher } = await setup();
    const bad = { ...msg(2), consultationId: 'no-such-consultation-01' }; // foreign key fails
    const results = await Promise.allSettled([batcher.write(msg(1)), batcher.write(bad)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(count()).toBe(0);
  });

  it('a batch waits for the one before it to commit: a later turn never commits first', async () => {
    const { repos } = await setup();
    const order: number[] = [];
    let release: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => (release = resolve));
    let batches = 0;
    // Storage across a socket: the first commit takes a while to come back.
    const slow = {
      ...repos.messages,
      insertMany: async (b: readonly NewMessage[]) => {
        const n = ++batches;
        if (n === 1) await firstHeld;
        order.push(n);
        return repos.messages.insertMany(b);
      },
    };
    const batcher = new MessageBatcher(slow);
    const first = batcher.write(msg(1));
    await new Promise((resolve) => setImmediate(resolve)); // its turn ends: the first batch is on its way
    const second = batcher.write(msg(2));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toBe(1); // the second batch has not started
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(order).toEqual([1, 2]);
    expect(a.message.id).toBeLessThan(b.message.id);
  });

  it('while a batch is on its way, the turns after it gather into the next batch, in arrival order (issue 17)', async () => {
    const { repos } = await setup();
    let release: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => (release = resolve));
    const sizes: number[] = [];
    const slow = {
      ...repos.messages,
      insertMany: async (b: readonly NewMessage[]) => {
        sizes.push(b.length);
        if (sizes.length === 1) await firstHeld;
        return repos.messages.insertMany(b);
      },
    };
    const batcher = new MessageBatcher(slow);
    const writes = [batcher.write(msg(1))];
    for (const seq of [2, 3, 4]) {
      await new Promise((resolve) => setImmediate(resolve)); // another turn, the first batch still on its way
      writes.push(batcher.write(msg(seq)));
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(sizes).toEqual([1]);
    release();
    const written = await Promise.all(writes);
    expect(sizes).toEqual([1, 3]);
    const ids = written.map((w) => w.message.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(count()).toBe(4);
  });

  it('a backlog past one statement goes in batches of 1,000, in order, and flush() waits for them all', async () => {
    const { repos } = await setup();
    let release: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => (release = resolve));
    const sizes: number[] = [];
    const slow = { ...repos.messages, insertMany: async (b: readonly NewMessage[]) => (sizes.push(b.length), sizes.length === 1 && (await firstHeld), repos.messages.insertMany(b)) };
    const batcher = new MessageBatcher(slow);
    void batcher.write(msg(1));
    await new Promise((resolve) => setImmediate(resolve));
    for (let seq = 2; seq <= 1_003; seq++) void batcher.write(msg(seq));
    const flushed = batcher.flush();
    release();
    await flushed;
    expect(sizes).toEqual([1, 1_000, 2]);
    expect(count()).toBe(1_003);
  });

  it('flush() commits what is pending at once (shutdown)', async () => {
    const { batcher } = await setup();
    const pending = batcher.write(msg(1));
    await batcher.flush();
    expect(count()).toBe(1);
    expect((await pending).created).toBe(true);
  });
});
