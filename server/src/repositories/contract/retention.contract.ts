import { expect, it } from 'vitest';
import type { AsyncRepositories } from '../async.js';
import { appointment, at, consultation, message, T0, visit, withStaff } from './fixtures.js';

/** The retention purge: transcripts and per-consultation metadata go; the statistics stay. */
export function retentionContract(repos: () => AsyncRepositories): void {
  it('purges ended consultations past the limit once: children deleted, the row and a month-only record kept, appointments as the rules say', async () => {
    const r = repos();
    await withStaff(r, 'k1');
    for (const id of ['old1', 'old2', 'recent', 'open']) await r.consultations.insert(consultation(id));
    for (const id of ['old1', 'old2', 'recent']) {
      await r.consultations.assign(id, 'k1', at(1));
      await r.messages.insertMany([message(id, 1), message(id, 2)]);
    }
    await r.keyGrants.grant([{ consultationId: 'old1', staffId: 'k1', keyEpoch: 1, sealedKey: 's', grantedBy: 'client', grantedAt: T0 }]);
    await r.handover.setReadMark('old1', 'k1', 2);
    await r.resumeCodes.upsert({ consultationId: 'old1', lookupHash: 'h', wrappedKey: 'w', createdAt: T0, expiresAt: at(60 * 24 * 365) });
    await r.caseRecords.save('old1', 'k1', { topics: ['生活困窮'], outcome: 'listened', ageBand: null, recordedAt: at(30) });
    // A done phone call, a done home visit (its visit row stays), a booked one still to come, a booked one past.
    await r.appointments.insert(appointment('done', 'old1', 'k1', at(60)), T0);
    await r.appointments.setStatus('done', 'done', T0);
    await r.appointments.insert(appointment('home', 'old1', 'k1', at(120), 60, { kind: 'outreach' }), T0);
    await r.appointments.setStatus('home', 'done', T0);
    await r.outreach.insert(visit('v1', 'k1', '2026-05-11', { appointmentId: 'home' }));
    await r.appointments.insert(appointment('later', 'old1', 'k1', at(60 * 24 * 30)), T0);
    await r.appointments.insert(appointment('past', 'old1', 'k1', at(180)), T0);
    await r.consultations.end('old1', at(10), 'ended', 'client');
    await r.consultations.end('old2', at(20), 'ended', 'client');
    await r.consultations.end('recent', at(60 * 24 * 5), 'ended', 'client');

    const purgedAt = at(60 * 24 * 3);
    expect(await r.retention.purgeEndedBefore(at(60 * 24), purgedAt, 1)).toEqual({ consultations: 1, messages: 2 });
    expect(await r.retention.purgeEndedBefore(at(60 * 24), purgedAt, 10)).toEqual({ consultations: 1, messages: 2 });
    expect(await r.retention.purgeEndedBefore(at(60 * 24), purgedAt, 10)).toEqual({ consultations: 0, messages: 0 });

    expect(await r.messages.after('old1', 0, 10)).toEqual([]);
    expect(await r.messages.after('recent', 0, 10)).toHaveLength(2);
    expect(await r.keyGrants.forStaff('old1', 'k1')).toEqual([]);
    expect(await r.handover.readMark('old1', 'k1')).toBe(0);
    expect(await r.resumeCodes.live('h', T0)).toBeNull();
    expect(await r.consultations.byId('old1')).toMatchObject({ status: 'ended', assignedStaffId: null, clientTokenHash: '' });
    expect(await r.caseRecords.byConsultation('old1')).toEqual({ topics: ['生活困窮'], outcome: 'listened', ageBand: null, recordedAt: '2026-05' });
    expect((await r.caseRecords.reportRows(T0, at(1)))[0]?.handoffs).toEqual(['phone', 'outreach', 'phone', 'phone']);
    expect(await r.appointments.byId('done')).toBeNull();
    expect(await r.appointments.byId('past')).toBeNull();
    expect((await r.appointments.byId('later'))?.status).toBe('booked');
    expect(await r.outreach.byId('v1')).toMatchObject({ appointmentId: null });
    await r.retention.compact();
  });
}
