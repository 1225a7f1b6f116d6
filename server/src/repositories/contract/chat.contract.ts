import { expect, it } from 'vitest';
import type { Repositories } from '../types.js';
import { at, consultation, message, staffMember, T0, withStaff } from './fixtures.js';

/** Consultation rows, counselors' routing columns, messages, key grants, handover notes, read marks and resume codes. */
export function chatContract(repos: () => Repositories): void {
  it('consultations: stored with coarse times; waiting in the order stored; assign, reassign, requeue only from the state named', async () => {
    const r = repos();
    await withStaff(r, 'k1', 'k2');
    // Stored second but sorting first by id: the queue keeps the order stored, not the id's.
    await r.consultations.insert(consultation('z-first', { queuedAt: at(3), urgent: true, campaign: 'web' }));
    await r.consultations.insert(consultation('a-second', { queuedAt: at(4) }));
    expect(await r.consultations.byId('z-first')).toEqual(consultation('z-first', { queuedAt: T0, urgent: true, campaign: 'web' }));
    expect((await r.consultations.waiting()).map((w) => [w.id, w.urgent, w.queuedAt, w.requeuedAt, w.campaign])).toEqual([
      ['z-first', true, T0, null, 'web'],
      ['a-second', false, T0, null, null],
    ]);
    expect(await r.consultations.assign('a-second', 'k1', at(5))).toBe(true);
    expect(await r.consultations.assign('a-second', 'k2', at(5))).toBe(false);
    expect(await r.consultations.byId('a-second')).toMatchObject({ status: 'active', assignedStaffId: 'k1', assignedAt: at(5) });
    expect(await r.consultations.reassign('a-second', 'k2', 'k1', at(6))).toBe(false);
    expect(await r.consultations.reassign('a-second', 'k1', 'k2', at(6))).toBe(true);
    expect(await r.consultations.active()).toEqual([{ consultationId: 'a-second', staffId: 'k2' }]);
    expect(await r.consultations.requeue('a-second', 'k1', at(7))).toBe(false);
    expect(await r.consultations.requeue('a-second', 'k2', at(17))).toBe(true);
    expect((await r.consultations.waiting()).find((w) => w.id === 'a-second')?.requeuedAt).toBe(at(10));
    expect(await r.consultations.byId('a-second')).toMatchObject({ status: 'waiting', assignedStaffId: null, assignedAt: null });
  });

  it('consultations: end once, her token revoked, the assignment time made coarse', async () => {
    const r = repos();
    await withStaff(r, 'k1');
    await r.consultations.insert(consultation('c1'));
    await r.consultations.assign('c1', 'k1', at(7));
    await r.consultations.setClientTokenHash('c1', 'new-device');
    expect((await r.consultations.byId('c1'))?.clientTokenHash).toBe('new-device');
    expect(await r.consultations.end('c1', at(25), 'ended', 'client')).toBe(true);
    expect(await r.consultations.end('c1', at(30), 'nuisance', 'counselor')).toBe(false);
    expect(await r.consultations.byId('c1')).toMatchObject({ status: 'ended', endedAt: at(20), endedBy: 'client', clientTokenHash: '', assignedAt: T0 });
    expect(await r.consultations.active()).toEqual([]);
  });

  it('consultations: her open chats by assignment, ended ones without a record, the day\'s counts and waits (nuisance left out)', async () => {
    const r = repos();
    await withStaff(r, 'k1');
    for (const id of ['o1', 'o2', 'e1', 'e2', 'n1', 'left', 'back']) await r.consultations.insert(consultation(id));
    await r.consultations.assign('o2', 'k1', at(1));
    await r.consultations.assign('o1', 'k1', at(2));
    for (const [id, wait] of [['e1', 1000], ['e2', 2000], ['n1', 3000]] as const) {
      await r.consultations.recordWait(id, wait);
      await r.consultations.recordWait(id, 99);
      await r.consultations.assign(id, 'k1', at(3));
    }
    await r.consultations.end('e1', at(30), 'ended', 'counselor');
    await r.consultations.end('e2', at(40), 'ended', 'counselor');
    await r.consultations.end('n1', at(40), 'nuisance', 'counselor');
    await r.consultations.recordAbandon('left', 500, 'left');
    await r.consultations.end('left', at(5), 'ended', 'client');
    // Taken up, requeued when her counselor's grace ran out, then gone: answered (as the report), her first wait kept.
    await r.consultations.recordWait('back', 4000);
    await r.consultations.assign('back', 'k1', at(4));
    await r.consultations.requeue('back', 'k1', at(6));
    await r.consultations.recordAbandon('back', 9000, 'left');
    await r.consultations.end('back', at(8), 'abandoned', 'client');
    await r.caseRecords.save('e2', 'k1', { topics: [], outcome: 'listened', ageBand: null, recordedAt: at(41) });
    expect((await r.consultations.openForStaff('k1')).map((c) => c.id)).toEqual(['o2', 'o1']);
    expect((await r.consultations.endedUnrecordedForStaff('k1', at(0))).map((c) => c.id)).toEqual(['e1', 'n1']);
    expect(await r.consultations.endedUnrecordedForStaff('k1', at(50))).toEqual([]);
    expect(await r.consultations.countSince(T0)).toEqual({ answered: 5, leftWaiting: 1, started: 6 });
    expect((await r.consultations.waitsSince(T0)).sort()).toEqual([1000, 2000, 4000]);
  });

  it('counselors: active counselors only, with their load; capacity only for a counselor', async () => {
    const r = repos();
    await withStaff(r, 'k1', 'k2');
    await r.staff.insert(staffMember('sup', { role: 'supervisor' }));
    await r.staff.insert(staffMember('off', { status: 'disabled', credentials: null }));
    await r.consultations.insert(consultation('c1'));
    await r.consultations.assign('c1', 'k2', T0);
    await r.counselors.setStatus('k2', 'available');
    expect(await r.counselors.setCapacity('k1', 5)).toBe(true);
    expect(await r.counselors.setCapacity('sup', 5)).toBe(false);
    expect(await r.counselors.all()).toEqual([
      { staffId: 'k1', status: 'away', capacity: 5, load: 0 },
      { staffId: 'k2', status: 'available', capacity: 3, load: 1 },
    ]);
  });

  it('messages: stored once per (sender, epoch, seq) with increasing ids; after, bySeq and her tally', async () => {
    const r = repos();
    await r.consultations.insert(consultation('c1'));
    const first = await r.messages.insertOnce(message('c1', 1));
    expect(first.created).toBe(true);
    const again = await r.messages.insertOnce({ ...message('c1', 1), ciphertext: 'other' });
    expect(again).toEqual({ message: first.message, created: false });
    const batch = await r.messages.insertMany([message('c1', 2), message('c1', 1, { senderRole: 'counselor', senderStaffId: null }), message('c1', 3), message('c1', 2)]);
    expect(batch.map((w) => w.created)).toEqual([true, true, true, false]);
    expect(batch[3]?.message).toEqual(batch[0]?.message);
    const ids = [first, ...batch.slice(0, 3)].map((w) => w.message.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect((await r.messages.after('c1', 0, 10)).map((m) => m.id)).toEqual(ids);
    expect((await r.messages.after('c1', ids[1] as number, 1)).map((m) => m.id)).toEqual([ids[2]]);
    expect(await r.messages.bySeq('c1', 'counselor', 1, 1)).toEqual(batch[1]?.message);
    expect(await r.messages.bySeq('c1', 'counselor', 2, 1)).toBeNull();
    // Three from her, one counselor's answer after the first two of hers: one unanswered.
    expect(await r.messages.clientTally('c1')).toEqual({ bytes: 120, messages: 3, unanswered: 1 });
    expect(await r.messages.clientTally('none')).toEqual({ bytes: 0, messages: 0, unanswered: 0 });
  });

  it('messages: a batch is one transaction (one bad row stores none of it)', async () => {
    const r = repos();
    await r.consultations.insert(consultation('c1'));
    await expect(r.messages.insertMany([message('c1', 1), message('no-such-consultation', 1)])).rejects.toThrow();
    expect(await r.messages.after('c1', 0, 10)).toEqual([]);
  });

  it('messages: a page stops at its rows or its bytes, with at least one message', async () => {
    const r = repos();
    await r.consultations.insert(consultation('c1'));
    await r.messages.insertMany([1, 2, 3, 4].map((seq) => message('c1', seq)));
    expect((await r.messages.page('c1', 0, 1_000_000, 3)).messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect((await r.messages.page('c1', 0, 1_000_000, 3)).more).toBe(true);
    expect(await r.messages.page('c1', 0, 1, 3)).toMatchObject({ more: true, messages: [{ seq: 1 }] });
    const all = await r.messages.page('c1', 0, 1_000_000, 4);
    expect([all.messages.length, all.more]).toEqual([4, false]);
  });

  it('key grants: one per epoch (a new one replaces it), in one transaction; the newest epoch', async () => {
    const r = repos();
    await withStaff(r, 'k1', 'k2');
    await r.consultations.insert(consultation('c1'));
    expect(await r.keyGrants.newestEpoch('c1')).toBeNull();
    const grant = (staffId: string, keyEpoch: number, sealedKey: string) => ({ consultationId: 'c1', staffId, keyEpoch, sealedKey, grantedBy: 'client' as const, grantedAt: T0 });
    await r.keyGrants.grant([grant('k1', 2, 'a2'), grant('k1', 1, 'a1'), grant('k2', 3, 'b3')]);
    await r.keyGrants.grant([grant('k1', 2, 'a2-again')]);
    expect(await r.keyGrants.forStaff('c1', 'k1')).toEqual([{ keyEpoch: 1, sealedKey: 'a1' }, { keyEpoch: 2, sealedKey: 'a2-again' }]);
    expect(await r.keyGrants.newestEpoch('c1')).toBe(3);
    await expect(r.keyGrants.grant([grant('k1', 4, 'a4'), grant('nobody', 4, 'x')])).rejects.toThrow();
    expect(await r.keyGrants.newestEpoch('c1')).toBe(3);
  });

  it('handover notes in order with the writer\'s name; a read mark is never lowered', async () => {
    const r = repos();
    await withStaff(r, 'k1', 'k2');
    await r.consultations.insert(consultation('c1'));
    await r.handover.insertNote({ consultationId: 'c1', fromStaffId: 'k2', toStaffId: null, nonce: 'n1', ciphertext: 'x1', createdAt: at(1) });
    await r.handover.insertNote({ consultationId: 'c1', fromStaffId: 'k1', toStaffId: 'k2', nonce: 'n2', ciphertext: 'x2', createdAt: at(0) });
    expect((await r.handover.notes('c1')).map((n) => [n.fromStaffId, n.fromName, n.ciphertext])).toEqual([['k2', 'k2', 'x1'], ['k1', 'k1', 'x2']]);
    expect(await r.handover.readMark('c1', 'k1')).toBe(0);
    expect(await r.handover.setReadMark('c1', 'k1', 7)).toBe(7);
    expect(await r.handover.setReadMark('c1', 'k1', 3)).toBe(7);
    expect(await r.handover.setReadMark('c1', 'k1', 9)).toBe(9);
    expect(await r.handover.readMark('c1', 'k1')).toBe(9);
  });

  it('resume codes: one live code per consultation, found until it expires, revoked, purged', async () => {
    const r = repos();
    await r.consultations.insert(consultation('c1'));
    await r.consultations.insert(consultation('c2'));
    const code = (cid: string, hash: string, expiresAt: string) => ({ consultationId: cid, lookupHash: hash, wrappedKey: `w-${hash}`, createdAt: T0, expiresAt });
    await r.resumeCodes.upsert(code('c1', 'h1', at(10)));
    await r.resumeCodes.upsert(code('c1', 'h2', at(10)));
    await r.resumeCodes.upsert(code('c2', 'h3', at(5)));
    expect(await r.resumeCodes.live('h1', T0)).toBeNull();
    expect(await r.resumeCodes.live('h2', at(9))).toEqual(code('c1', 'h2', at(10)));
    expect(await r.resumeCodes.live('h2', at(10))).toBeNull();
    expect(await r.resumeCodes.purgeExpired(at(5))).toBe(1);
    await r.resumeCodes.revoke('c1');
    expect(await r.resumeCodes.live('h2', T0)).toBeNull();
  });
}
