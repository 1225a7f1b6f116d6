import { describe, expect, it } from 'vitest';
import { activeStaffRecord } from '../../test/staff-record.js';
import { tempDatabases } from '../../test/temp-database.js';
import { createSqliteRepositories } from './sqlite.js';

describe('staff repository (real SQLite file)', () => {
  const freshDatabase = tempDatabases('staff');

  it('the change counter moves on lifecycle changes, session ends, the list and a capacity (issue 17), not on a sign-in or a status', async () => {
    const repos = createSqliteRepositories(freshDatabase());
    const moved = async (change: () => Promise<unknown>) => {
      const before = await repos.staffChanges.version();
      await change();
      return (await repos.staffChanges.version()) !== before;
    };
    expect(await moved(() => repos.staff.insert(activeStaffRecord('staff-a')))).toBe(true);
    expect(await moved(() => repos.sessions.insert('hash-1', 'staff-a', '2026-01-01T00:00:00Z', '2026-01-01T12:00:00Z'))).toBe(false);
    expect(await moved(() => repos.staff.setLastSignInDay('staff-a', '2026-01-01'))).toBe(false);
    expect(await moved(() => repos.counselors.setStatus('staff-a', 'available'))).toBe(false);
    expect(await moved(() => repos.counselors.setCapacity('staff-a', 2))).toBe(true);
    expect(await moved(() => repos.sessions.delete('hash-1'))).toBe(true);
    const list = { signed: { list: { issuedAt: 5, entries: [] }, signature: 's' }, issuedAt: 5 };
    expect(await moved(() => repos.revocations.publish(list, '2026-01-01T00:00:00Z'))).toBe(true);
    expect(await moved(() => repos.staff.disable('staff-a', 1, { ...list, issuedAt: 6 }, '2026-01-01T00:00:00Z'))).toBe(true);
  });

  it('disable is one transaction: a list that is not newer leaves her active with her sessions', async () => {
    const repos = createSqliteRepositories(freshDatabase());
    await repos.staff.insert(activeStaffRecord('staff-a'));
    await repos.sessions.insert('hash-1', 'staff-a', '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z');
    const list = (issuedAt: number) => ({ signed: { list: { issuedAt, entries: [] }, signature: 's' }, issuedAt });
    await repos.revocations.publish(list(10), '2026-01-01T00:00:00Z');
    expect(await repos.staff.disable('staff-a', 1, list(10), '2026-01-01T00:00:00Z')).toBe('stale-list');
    expect((await repos.staff.byId('staff-a'))?.status).toBe('active');
    expect(await repos.sessions.isLive('hash-1', '2026-06-01T00:00:00Z')).toBe(true);
    expect(await repos.staff.disable('staff-a', 2, list(11), '2026-01-01T00:00:00Z')).toBe('not-active');
    expect(await repos.staff.disable('staff-a', 1, list(11), '2026-01-01T00:00:00Z')).toBe('disabled');
    expect(await repos.staff.byId('staff-a')).toMatchObject({ status: 'disabled', credentials: null });
    expect(await repos.sessions.isLive('hash-1', '2026-06-01T00:00:00Z')).toBe(false);
    expect((await repos.revocations.current())?.issuedAt).toBe(11);
  });
});
