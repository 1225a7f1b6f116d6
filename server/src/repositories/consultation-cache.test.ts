import { describe, expect, it } from 'vitest';
import { activeStaffRecord } from '../../test/staff-record.js';
import { tempDatabases } from '../../test/temp-database.js';
import type { Db } from '../db/database.js';
import { createCache } from './consultation-cache.js';
import type { Consultation, StaffRecord } from '../domain/types.js';
import { createSqliteRepositories } from './sqlite.js';

const ID = 'consultation-0000000001';
const waiting: Consultation = {
  id: ID, clientTokenHash: 'h0', status: 'waiting', campaign: null, urgent: false, queuedAt: '2026-01-01T00:00:00.000Z',
  assignedStaffId: null, assignedAt: null, endedAt: null, endReason: null, endedBy: null,
};
const staff = (id: string): StaffRecord => activeStaffRecord(id);

describe('consultation rows kept in memory (real SQLite file)', () => {
  const freshDatabase = tempDatabases('cache');
  let db: Db;

  async function setup() {
    db = freshDatabase();
    const repos = createSqliteRepositories(db);
    await repos.staff.insert(staff('staff-a'));
    await repos.staff.insert(staff('staff-b'));
    await repos.consultations.insert(waiting);
    return { repos };
  }

  it('answers repeated reads from memory', async () => {
    const { repos } = await setup();
    const first = await repos.consultations.byId(ID);
    // A change behind the repositories' back is not seen: proof that the second read was not a SELECT.
    db.prepare("UPDATE consultation SET campaign = 'behind-its-back' WHERE id = ?").run(ID);
    expect(await repos.consultations.byId(ID)).toBe(first);
    expect((await repos.consultations.byId(ID))?.campaign).toBeNull();
  });

  it('sees every change made through the repository, which is the only writer of the row', async () => {
    const { repos } = await setup();
    const byId = async () => (await repos.consultations.byId(ID)) as Consultation;
    expect((await byId()).status).toBe('waiting');
    expect(await repos.consultations.assign(ID, 'staff-a', '2026-01-01T00:01:00.000Z')).toBe(true);
    expect([(await byId()).status, (await byId()).assignedStaffId]).toEqual(['active', 'staff-a']);
    expect(await repos.consultations.reassign(ID, 'staff-a', 'staff-b', '2026-01-01T00:02:00.000Z')).toBe(true);
    expect((await byId()).assignedStaffId).toBe('staff-b');
    expect(await repos.consultations.requeue(ID, 'staff-b', '2026-01-01T00:03:00.000Z')).toBe(true);
    expect([(await byId()).status, (await byId()).assignedStaffId]).toEqual(['waiting', null]);
    await repos.consultations.setClientTokenHash(ID, 'h1');
    expect((await byId()).clientTokenHash).toBe('h1');
    expect(await repos.consultations.end(ID, '2026-01-01T00:04:00.000Z', 'ended', 'client')).toBe(true);
    expect([(await byId()).status, (await byId()).endReason]).toEqual(['ended', 'ended']);
  });

  it('hands out frozen copies, so no caller can change what the next one reads', async () => {
    const { repos } = await setup();
    const c = (await repos.consultations.byId(ID)) as Consultation;
    expect(Object.isFrozen(c)).toBe(true);
    expect(() => Object.assign(c, { status: 'ended' })).toThrow(TypeError);
  });

  it('for storage whose reads take turns: a row read while a write to it was on its way is answered, not kept', async () => {
    const cache = createCache(10);
    let answer: (c: Consultation) => void = () => undefined;
    const reading = cache.read(ID, () => new Promise((resolve) => (answer = resolve)));
    // The write lands while the read is on its way; the read then answers the row from before it.
    await cache.writing(ID, async () => undefined);
    answer(waiting);
    expect(await reading).toEqual(waiting);
    expect(cache.get(ID)).toBeUndefined();
    // Read with no write meanwhile: kept, and the next read is answered from memory.
    const fresh = await cache.read(ID, async () => ({ ...waiting, status: 'active' }));
    expect(cache.get(ID)).toBe(fresh);
    expect(await cache.read(ID, () => Promise.reject(new Error('not read again')))).toBe(fresh);
  });

  it('stays within its bound by dropping the oldest rows', () => {
    const cache = createCache(4);
    for (let i = 0; i < 5; i++) cache.set({ ...waiting, id: `c${i}` });
    expect(['c0', 'c1', 'c2', 'c3', 'c4'].map((id) => cache.get(id) !== undefined)).toEqual([false, false, true, true, true]);
  });
});
