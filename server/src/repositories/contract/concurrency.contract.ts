import { DomainError } from '../../errors.js';
import { expect, it } from 'vitest';
import type { Repositories } from '../types.js';
import { appointment, at, consultation, message, revocationList, staffMember, T0, visit, withStaff } from './fixtures.js';

/**
 * Calls made at once. Against SQLite (one synchronous writer) they are decided one after the
 * other; against PostgreSQL each runs on its own pooled client, so these are the tests where
 * row locks, conditional UPDATEs and advisory locks have to hold.
 */
export function concurrencyContract(repos: () => Repositories): void {
  it('of counselors assigning one waiting woman at once, one wins', async () => {
    const r = repos();
    const ids = ['k1', 'k2', 'k3', 'k4'];
    await withStaff(r, ...ids);
    await r.consultations.insert(consultation('c1'));
    const won = await Promise.all(ids.map((k) => r.consultations.assign('c1', k, at(1))));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect((await r.consultations.byId('c1'))?.assignedStaffId).toBe(ids[won.indexOf(true)]);
    const ended = await Promise.all([1, 2, 3].map(() => r.consultations.end('c1', at(2), 'ended', 'client')));
    expect(ended.filter(Boolean)).toHaveLength(1);
  });

  it('three overlapping bookings for one counselor at once leave one appointment', async () => {
    const r = repos();
    await withStaff(r, 'k1');
    await r.consultations.insert(consultation('c1'));
    const tries = await Promise.allSettled([0, 15, 30].map((m, i) => r.appointments.insert(appointment(`a${i}`, 'c1', 'k1', at(60 + m)), T0)));
    expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
    for (const t of tries) if (t.status === 'rejected') expect((t.reason as DomainError).code).toBe('DOUBLE_BOOKED');
    expect(await r.appointments.startingFrom(T0)).toHaveLength(1);
  });

  it("status changes of one appointment planned from one version, made at once: one lands whole, the others change nothing (issue 17)", async () => {
    const r = repos();
    await withStaff(r, 'k1');
    await r.consultations.insert(consultation('c1'));
    await r.appointments.insert(appointment('a1', 'c1', 'k1', at(60), 60, { kind: 'outreach' }), T0);
    const basedOn = await r.appointments.version('a1');
    expect(basedOn).not.toBeNull();
    const v = visit('v1', 'k1', '2026-05-11', { appointmentId: 'a1' });
    const outcomes = await Promise.all([
      r.appointments.change('a1', basedOn as number, { status: 'done', rebook: false, visit: { insert: v }, at: at(1) }),
      r.appointments.change('a1', basedOn as number, { status: 'cancelled', rebook: false, visit: null, at: at(1) }),
      r.appointments.change('a1', basedOn as number, { status: 'no_show', rebook: false, visit: null, at: at(1) }),
    ]);
    expect(outcomes.filter((o) => o === 'changed')).toHaveLength(1);
    const won = (['done', 'cancelled', 'no_show'] as const)[outcomes.indexOf('changed')];
    expect((await r.appointments.byId('a1'))?.status).toBe(won);
    // Done with its visit, or not done and no visit: never one change's status with another's visit.
    expect((await r.outreach.byAppointment('a1')) !== null).toBe(won === 'done');
    expect(await r.appointments.version('a1')).toBe((basedOn as number) + 1);
    // Planned from the old version: stale, nothing written.
    expect(await r.appointments.change('a1', basedOn as number, { status: 'booked', rebook: true, visit: null, at: at(2) })).toBe('stale');
    expect((await r.appointments.byId('a1'))?.status).toBe(won);
  });

  it('an appointment change that cannot write its visit, or whose re-booking overlaps, writes nothing (issue 17)', async () => {
    const r = repos();
    await withStaff(r, 'k1');
    await r.consultations.insert(consultation('c1'));
    await r.appointments.insert(appointment('a1', 'c1', 'k1', at(60)), T0);
    const v0 = (await r.appointments.version('a1')) as number;
    // Its visit is not there to withdraw (changed outside the plan): stale, the status unchanged.
    expect(await r.appointments.change('a1', v0, { status: 'cancelled', rebook: false, visit: { withdraw: { id: 'no-such-visit', at: at(1) } }, at: at(1) })).toBe('stale');
    expect((await r.appointments.byId('a1'))?.status).toBe('booked');
    expect(await r.appointments.version('a1')).toBe(v0);
    expect(await r.appointments.change('a1', v0, { status: 'cancelled', rebook: false, visit: null, at: at(1) })).toBe('changed');
    await r.appointments.insert(appointment('a2', 'c1', 'k1', at(90)), T0);
    await expect(r.appointments.change('a1', v0 + 1, { status: 'booked', rebook: true, visit: null, at: at(2) })).rejects.toMatchObject({ code: 'DOUBLE_BOOKED' });
    expect((await r.appointments.byId('a1'))?.status).toBe('cancelled');
    expect(await r.appointments.version('a1')).toBe(v0 + 1);
    expect(await r.appointments.version('no-such-appointment')).toBeNull();
    expect(await r.appointments.change('no-such-appointment', 0, { status: 'done', rebook: false, visit: null, at: at(3) })).toBe('stale');
  });

  it('password changes checked against one password, made at once: one wins (issue 17)', async () => {
    const r = repos();
    await r.staff.insert(staffMember('s1'));
    const checked = (await r.staff.byId('s1'))?.credentials;
    if (!checked) throw new Error('s1 has credentials');
    const tries = ['new-a', 'new-b', 'new-c'].map((authHash) => ({ ...checked, authHash, wrappedSecretKeys: `keys-of-${authHash}` }));
    const won = await Promise.all(tries.map((c) => r.staff.setCredentials('s1', c, checked.authHash)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = tries[won.indexOf(true)];
    // The winner's hash and the keys it wrapped, never one's hash with another's keys.
    expect((await r.staff.byId('s1'))?.credentials).toEqual(winner);
    // A change checked against the old password changes nothing now.
    expect(await r.staff.setCredentials('s1', { ...checked, authHash: 'late' }, checked.authHash)).toBe(false);
    expect((await r.staff.byId('s1'))?.credentials?.authHash).toBe(winner?.authHash);
  });

  it('disables racing on one list: all or nothing for each', async () => {
    const r = repos();
    await r.staff.insert(staffMember('s1'));
    await r.staff.insert(staffMember('s2', { username: 's2' }));
    await r.sessions.insert('h1', 's1', T0, at(60));
    await r.sessions.insert('h2', 's2', T0, at(60));
    await r.revocations.publish(revocationList(1), T0);
    // Both signed list 2: whichever commits first publishes it; the other is stale and changes nothing.
    const outcomes = await Promise.all([r.staff.disable('s1', 1, revocationList(2), T0), r.staff.disable('s2', 1, revocationList(2), T0)]);
    expect([...outcomes].sort()).toEqual(['disabled', 'stale-list']);
    const loser = outcomes[0] === 'stale-list' ? 's1' : 's2';
    expect((await r.staff.byId(loser))?.status).toBe('active');
    expect(await r.sessions.isLive(loser === 's1' ? 'h1' : 'h2', T0)).toBe(true);
    const twice = await Promise.all([r.staff.disable(loser, 1, revocationList(3), T0), r.staff.disable(loser, 1, revocationList(4), T0)]);
    expect(twice.filter((o) => o === 'disabled')).toHaveLength(1);
  });

  it('a list checked against a published list since replaced is refused (another node published in between), on publish and on disable', async () => {
    const r = repos();
    await r.staff.insert(staffMember('s1'));
    await r.staff.insert(staffMember('s2', { username: 's2' }));
    // The first list ever: checked against none; a second checked against none is then refused.
    expect(await r.revocations.publish({ ...revocationList(1), basedOn: null }, T0)).toBe(true);
    expect(await r.revocations.publish({ ...revocationList(5), basedOn: null }, T0)).toBe(false);
    // Two nodes each checked their list against list 1; node A's (2, revoking s1) commits first.
    const [a, b] = await Promise.all([
      r.staff.disable('s1', 1, { ...revocationList(2), basedOn: 1 }, T0),
      r.staff.disable('s2', 1, { ...revocationList(3), basedOn: 1 }, T0),
    ]);
    // Whichever committed second was checked against a list no longer published: refused, nothing changed.
    expect([a, b].sort()).toEqual(['disabled', 'stale-list']);
    const loser = a === 'stale-list' ? 's1' : 's2';
    expect((await r.staff.byId(loser))?.status).toBe('active');
    const published = (await r.revocations.current())?.issuedAt;
    expect(published).toBe(loser === 's1' ? 3 : 2);
    // A publish checked against the old list is refused; checked against the current one, stored.
    expect(await r.revocations.publish({ ...revocationList(9), basedOn: 1 }, T0)).toBe(false);
    expect(await r.revocations.publish({ ...revocationList(9), basedOn: published }, T0)).toBe(true);
  });

  it('a disable, her sign-out and a list published at once all finish (the change counter takes no lock order of its own)', async () => {
    const r = repos();
    for (let round = 1; round <= 5; round++) {
      const id = `s${round}`;
      await r.staff.insert(staffMember(id, { username: id }));
      await r.sessions.insert(`h${round}`, id, T0, at(60));
      const before = await r.staffChanges.version();
      const [outcome] = await Promise.all([
        r.staff.disable(id, 1, revocationList(round * 10), T0),
        r.sessions.delete(`h${round}`),
        r.revocations.publish(revocationList(round * 10 - 5), T0),
      ]);
      expect(['disabled', 'stale-list']).toContain(outcome);
      expect(await r.sessions.isLive(`h${round}`, T0)).toBe(false);
      expect(await r.staffChanges.version()).toBeGreaterThan(before);
    }
  });

  it('writers to one consultation at once: a reader paging by id as they commit misses none', async () => {
    const r = repos();
    await r.consultations.insert(consultation('c1'));
    const seen: number[] = [];
    let last = 0;
    const read = async () => {
      for (const m of await r.messages.after('c1', last, 1000)) {
        seen.push(m.id);
        last = m.id;
      }
    };
    let writing = true;
    const reader = (async () => {
      while (writing) await read();
    })();
    await Promise.all(Array.from({ length: 12 }, (_, w) => r.messages.insertMany([1, 2, 3].map((i) => message('c1', w * 10 + i)))));
    writing = false;
    await reader;
    await read();
    expect(seen).toHaveLength(36);
    expect(new Set(seen).size).toBe(36);
  });

  it('read marks, demand counters and a server secret written at once', async () => {
    const r = repos();
    await withStaff(r, 'k1');
    await r.consultations.insert(consultation('c1'));
    const marks = Array.from({ length: 10 }, (_, i) => i + 1);
    await Promise.all(marks.map((m) => r.handover.setReadMark('c1', 'k1', m)));
    expect(await r.handover.readMark('c1', 'k1')).toBe(10);
    await Promise.all(marks.map(() => r.demand.add('2026-05-11', 'opened')));
    expect((await r.demand.between('2026-05-11', '2026-05-11'))[0]?.opened).toBe(10);
    const secrets = await Promise.all([1, 2, 3].map((n) => r.serverSecrets.getOrCreate('decoy', () => new Uint8Array([n]))));
    expect(new Set(secrets.map((s) => s[0])).size).toBe(1);
  });
}
