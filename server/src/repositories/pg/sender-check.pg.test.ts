import type { EnvelopePayload } from '@tsunagari/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshPgDatabase } from '../../../test/postgres-server.js';
import { systemClock } from '../../clock.js';
import { ConsultationService } from '../../domain/consultations.js';
import { MessageService } from '../../domain/messages.js';
import type { Actor } from '../../domain/types.js';
import { loadSodium } from '../../sodium.js';
import { consultation, T0, withStaff } from '../contract/fixtures.js';
import type { Repositories } from '../types.js';
import { createPgRepositories } from './index.js';
import { createPgPool } from './pool.js';
import { RecentRows } from './recent-rows.js';

// Issue 17: a message's sender check on PostgreSQL uses the chat's row as its node last read it
// (`recent`), so the check costs no read per message; a chat that moves or ends on another node
// must refuse the counselor it left (and her, once it ended) as soon as this node hears of it.
// Two "nodes" here: two pools and two sets of repositories on one database, as two relays have.
let db: Awaited<ReturnType<typeof freshPgDatabase>>;
let nodeA: Repositories;
let nodeB: Repositories;
let poolB: ReturnType<typeof createPgPool>;
beforeAll(async () => {
  db = await freshPgDatabase(inject('pgBaseUrl'));
  nodeA = createPgRepositories(db.pool);
  poolB = createPgPool(db.url, 2);
  nodeB = createPgRepositories(poolB);
});
afterAll(async () => {
  await poolB?.end();
  await db?.drop();
});

const envelope = (consultationId: string, seq: number): EnvelopePayload => ({ consultationId, keyEpoch: 0, seq, nonce: `n${seq}`, ciphertext: `c${seq}`.padEnd(40, 'x') });
const limits = { waitingMessages: 5, consultationBytes: 1_000_000, consultationMessages: 1_000 };

describe("a message sent through node A after its chat changed on node B", () => {
  it('is refused to the counselor it moved from and, once it ended, to her; the counselor it moved to is let in at once', async () => {
    const sodium = await loadSodium();
    const consultations = new ConsultationService(nodeA, sodium, systemClock);
    const messages = new MessageService(nodeA.messages, limits);
    await withStaff(nodeA, 'sato', 'tanaka');
    await nodeA.consultations.insert(consultation('c1'));
    expect(await nodeB.consultations.assign('c1', 'sato', T0)).toBe(true);
    const sato: Actor = { role: 'counselor', staffId: 'sato' };
    const tanaka: Actor = { role: 'counselor', staffId: 'tanaka' };
    const her: Actor = { role: 'client', consultationId: 'c1' };
    const send = async (actor: Actor, seq: number) => messages.send(await consultations.accessToWrite(actor, 'c1'), actor, envelope('c1', seq));
    const keptOnA = () => nodeA.consultations.recent('c1');

    // Node A keeps the active chat's row once it listens for changes: Sato and she write.
    await expect.poll(async () => (await send(sato, 1), (await keptOnA()) === (await keptOnA()))).toBe(true);
    expect((await send(her, 1)).created).toBe(true);
    expect((await keptOnA())?.assignedStaffId).toBe('sato');

    // Node B gives the chat to Tanaka: node A hears it, and no longer answers from the row it kept.
    const kept = await keptOnA();
    expect(await nodeB.consultations.reassign('c1', 'sato', 'tanaka', T0)).toBe(true);
    await expect.poll(async () => (await keptOnA()) !== kept).toBe(true);
    expect((await keptOnA())?.assignedStaffId).toBe('tanaka');
    await expect(send(sato, 2)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await send(tanaka, 2)).created).toBe(true);

    // Node B ends it: her next message through node A is refused, and his.
    const keptActive = await keptOnA();
    expect(await nodeB.consultations.end('c1', T0, 'ended', 'counselor')).toBe(true);
    await expect.poll(async () => (await keptOnA()) !== keptActive).toBe(true);
    await expect(send(her, 2)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(send(tanaka, 3)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await nodeB.messages.after('c1', 0, 10)).map((m) => [m.senderRole, m.seq])).toEqual([
      ['counselor', 1],
      ['client', 1],
      ['counselor', 2],
    ]);
  });

  it("a counselor given a chat on node B is let in at once through node A, whose kept row still names another", async () => {
    const sodium = await loadSodium();
    const consultations = new ConsultationService(nodeA, sodium, systemClock);
    await withStaff(nodeA, 'kato', 'ito');
    await nodeA.consultations.insert(consultation('c2'));
    await nodeB.consultations.assign('c2', 'kato', T0);
    const kato: Actor = { role: 'counselor', staffId: 'kato' };
    await expect.poll(async () => (await consultations.accessToWrite(kato, 'c2')) === (await nodeA.consultations.recent('c2'))).toBe(true);
    // Moved on node B; before node A hears of it, Ito's check reads the row again rather than refuse him.
    await nodeB.consultations.reassign('c2', 'kato', 'ito', T0);
    expect((await consultations.accessToWrite({ role: 'counselor', staffId: 'ito' }, 'c2')).assignedStaffId).toBe('ito');
  });
});

/** A node's kept rows, listening (closed by the caller). */
async function listeningRows(): Promise<RecentRows> {
  const rows = new RecentRows(db.url);
  rows.warm();
  await expect.poll(() => rows.listening).toBe(true);
  return rows;
}

/** Makes a change that must succeed, and waits until `rows` has heard its announcement. */
async function heardBy(rows: RecentRows, change: () => Promise<boolean>): Promise<void> {
  const before = rows.mark();
  expect(await change()).toBe(true);
  await expect.poll(() => rows.mark() > before).toBe(true);
}

describe('an announcement carries the row as committed', () => {
  it('every listening node keeps a chat assigned on another from its announcement, before any read, and follows its moves and its end', async () => {
    await withStaff(nodeB, 'mori', 'ueda');
    await nodeB.consultations.insert(consultation('c3'));
    const onA = await listeningRows();
    const heard = (change: () => Promise<boolean>) => heardBy(onA, change);
    try {
      // Node A never read c3: what it keeps came with B's announcements alone.
      await heard(() => nodeB.consultations.assign('c3', 'mori', T0));
      expect(onA.get('c3')).toMatchObject({ id: 'c3', status: 'active', assignedStaffId: 'mori', urgent: false });
      await heard(() => nodeB.consultations.reassign('c3', 'mori', 'ueda', T0));
      expect(onA.get('c3')?.assignedStaffId).toBe('ueda');
      await heard(() => nodeB.consultations.requeue('c3', 'ueda', T0));
      expect(onA.get('c3')).toBeNull();
      await heard(() => nodeB.consultations.assign('c3', 'mori', T0));
      expect(onA.get('c3')?.assignedStaffId).toBe('mori');
      await heard(() => nodeB.consultations.end('c3', T0, 'ended', 'counselor'));
      expect(onA.get('c3')).toBeNull();
    } finally {
      await onA.close();
    }
  });
});

describe('the node that changed a chat, and its own announcement', () => {
  it('keeps the row when its announcement is heard before the write answers: the first message after an assignment reads nothing', async () => {
    const poolC = createPgPool(db.url, 2);
    try {
      const nodeC = createPgRepositories(poolC);
      // Node C's reads of a chat's row, and its lifecycle writes answered late (after their
      // announcement has reached its listening connection): the race the announcement often wins.
      let reads = 0;
      let slowAnswers = false;
      const query = poolC.query.bind(poolC) as (...a: unknown[]) => Promise<unknown>;
      poolC.query = (async (...args: unknown[]) => {
        const config = args[0] as string | { name?: string; text: string };
        const text = typeof config === 'string' ? config : config.text;
        if (typeof config === 'object' && config.name === 'consultation-by-id') reads++;
        const answer = await query(...args);
        if (slowAnswers && text.includes('pg_notify')) await new Promise((r) => setTimeout(r, 300));
        return answer;
      }) as typeof poolC.query;
      const readsFor = async (id: string) => {
        const before = reads;
        const row = await nodeC.consultations.recent(id);
        return { row, reads: reads - before };
      };
      await withStaff(nodeC, 'abe', 'ota');
      await nodeC.consultations.insert(consultation('c4'));
      await nodeC.consultations.insert(consultation('c5'));
      // Node C listens once it keeps a chat assigned elsewhere without reading it.
      expect(await nodeB.consultations.assign('c4', 'abe', T0)).toBe(true);
      await expect.poll(async () => (await readsFor('c4')).reads).toBe(0);

      slowAnswers = true;
      expect(await nodeC.consultations.assign('c5', 'ota', T0)).toBe(true);
      expect(await readsFor('c5')).toEqual({ row: expect.objectContaining({ id: 'c5', status: 'active', assignedStaffId: 'ota' }), reads: 0 });
      // A move made here and heard before its answer: kept as moved, no read either.
      expect(await nodeC.consultations.reassign('c5', 'ota', 'abe', T0)).toBe(true);
      expect(await readsFor('c5')).toEqual({ row: expect.objectContaining({ assignedStaffId: 'abe' }), reads: 0 });
      // Back in the queue: nothing kept (a waiting chat is read each time, as before).
      expect(await nodeC.consultations.requeue('c5', 'abe', T0)).toBe(true);
      expect((await readsFor('c5')).reads).toBe(1);
    } finally {
      await poolC.end();
    }
  });

  it('drops the row it kept when its own change is not heard yet, or when it changed nothing', async () => {
    await withStaff(nodeB, 'kudo');
    await nodeB.consultations.insert(consultation('c6'));
    const onA = await listeningRows();
    const heard = (change: () => Promise<boolean>) => heardBy(onA, change);
    try {
      await heard(() => nodeB.consultations.assign('c6', 'kudo', T0));
      const kept = onA.get('c6');
      expect(kept?.assignedStaffId).toBe('kudo');
      const later = (await db.pool.query<{ tx: number }>('SELECT txid_current() AS tx')).rows[0]!.tx + 1_000;
      // A change of this node's whose announcement has not come (a transaction not heard yet): dropped.
      expect(onA.settle('c6', later, true)).toBe(true);
      expect(onA.get('c6')).toBeNull();
      // Nothing changed (no transaction): dropped as before.
      await heard(() => nodeB.consultations.reassign('c6', 'kudo', 'kudo', T0));
      expect(onA.get('c6')).not.toBeNull();
      expect(onA.settle('c6', undefined, false)).toBe(false);
      expect(onA.get('c6')).toBeNull();
    } finally {
      await onA.close();
    }
  });
});
