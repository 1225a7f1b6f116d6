import { expect, it } from 'vitest';
import type { Repositories } from '../types.js';
import { appointment, at, caseLogEntry, consultation, distributionEvent, programSettings, T0, visit, withStaff } from './fixtures.js';

/** Case records and the report's rows, the case log, visits, distribution events, targets, demand, campaigns, settings, secrets. */
export function recordsContract(repos: () => Repositories): void {
  it('case records: a re-record replaces the whole record; report rows carry records and hand-off kinds', async () => {
    const r = repos();
    await withStaff(r, 'k1');
    await r.consultations.insert(consultation('c1', { campaign: 'web' }));
    await r.consultations.insert(consultation('c2', { queuedAt: at(60 * 24 * 40) }));
    await r.consultations.recordWait('c1', 4000);
    await r.caseRecords.save('c1', 'k1', { topics: ['生活不安', '生活困窮'], outcome: 'listened', ageBand: '30s', recordedAt: at(15) });
    await r.caseRecords.save('c1', 'k1', { topics: ['生活困窮'], outcome: 'listened', ageBand: null, recordedAt: at(25) });
    expect(await r.caseRecords.byConsultation('c1')).toEqual({ topics: ['生活困窮'], outcome: 'listened', ageBand: null, recordedAt: at(20) });
    expect(await r.caseRecords.byConsultation('c2')).toBeNull();
    await r.appointments.insert(appointment('a1', 'c1', 'k1', at(60)), T0);
    await r.appointments.insert(appointment('a2', 'c1', 'k1', at(120), 60, { kind: 'interview' }), T0);
    await r.appointments.insert(appointment('a3', 'c1', 'k1', at(180), 60, { kind: 'remote' }), T0);
    await r.appointments.setStatus('a3', 'cancelled', T0);
    expect(await r.caseRecords.reportRows(T0, at(60))).toEqual([
      { queuedAt: T0, assignedAt: null, taken: false, endedAt: null, endReason: null, campaign: 'web', waitMs: 4000, record: { topics: ['生活困窮'], outcome: 'listened', ageBand: null }, handoffs: ['phone', 'interview'] },
    ]);
  });

  it('report rows: taken once a counselor took her up, kept through a requeue and her leaving, with her first wait', async () => {
    const r = repos();
    await withStaff(r, 'k1');
    await r.consultations.insert(consultation('c1'));
    await r.consultations.insert(consultation('c2'));
    expect(await r.consultations.assign('c1', 'k1', at(5))).toBe(true);
    await r.consultations.recordWait('c1', 300_000);
    expect(await r.consultations.requeue('c1', 'k1', at(10))).toBe(true);
    expect(await r.consultations.end('c1', at(20), 'abandoned', 'client')).toBe(true);
    await r.consultations.recordAbandon('c1', 600_000, 'left');
    expect(await r.consultations.end('c2', at(20), 'abandoned', 'client')).toBe(true);
    await r.consultations.recordAbandon('c2', 1_200_000, 'left');
    const rows = (await r.caseRecords.reportRows(T0, at(60))).map(({ assignedAt, taken, endReason, waitMs }) => ({ assignedAt, taken, endReason, waitMs }));
    expect(rows.sort((x, y) => Number(y.taken) - Number(x.taken))).toEqual([
      { assignedAt: null, taken: true, endReason: 'abandoned', waitMs: 300_000 },
      { assignedAt: null, taken: false, endReason: 'abandoned', waitMs: 1_200_000 },
    ]);
  });

  it('case log: corrections and withdrawals only on live entries; her entries newest first; a day range; sealed notes', async () => {
    const r = repos();
    await withStaff(r, 'k1', 'k2');
    await r.caseLog.insert(caseLogEntry('e1', 'k1', '2026-05-01', { recordedAt: at(0) }));
    await r.caseLog.insert(caseLogEntry('e2', 'k1', '2026-05-03', { recordedAt: at(20), note: 'sealed-2' }));
    await r.caseLog.insert(caseLogEntry('e3', 'k1', '2026-05-02', { recordedAt: at(20), note: 'sealed-3' }));
    await r.caseLog.insert(caseLogEntry('e4', 'k2', '2026-05-02', { recordedAt: at(20) }));
    expect(await r.caseLog.correct(caseLogEntry('e1', 'k1', '2026-05-04', { topics: ['生活不安'], correctedAt: at(33), recordedAt: at(0) }))).toBe(true);
    expect(await r.caseLog.byId('e1')).toEqual(caseLogEntry('e1', 'k1', '2026-05-04', { topics: ['生活不安'], correctedAt: at(30), recordedAt: at(0) }));
    expect(await r.caseLog.withdraw('e4', at(40))).toBe(true);
    expect(await r.caseLog.withdraw('e4', at(40))).toBe(false);
    expect(await r.caseLog.correct(caseLogEntry('e4', 'k2', '2026-05-02'))).toBe(false);
    expect(await r.caseLog.byId('e4')).toBeNull();
    expect((await r.caseLog.mine('k1', T0, 10)).map((e) => e.id)).toEqual(['e3', 'e2', 'e1']);
    expect((await r.caseLog.mine('k1', at(10), 1)).map((e) => e.id)).toEqual(['e3']);
    expect((await r.caseLog.between('2026-05-02', '2026-05-03')).map((e) => e.id).sort()).toEqual(['e2', 'e3']);
    expect(await r.caseLog.notes('2026-05-01', '2026-05-31')).toEqual([
      { entryId: 'e3', date: '2026-05-02', channel: 'phone', staffId: 'k1', note: 'sealed-3' },
      { entryId: 'e2', date: '2026-05-03', channel: 'phone', staffId: 'k1', note: 'sealed-2' },
    ]);
  });

  it('visits: one live visit per appointment; corrections, withdrawals, her visits, a day range', async () => {
    const r = repos();
    await withStaff(r, 'k1');
    await r.consultations.insert(consultation('c1'));
    await r.appointments.insert(appointment('a1', 'c1', 'k1', at(60), 60, { kind: 'outreach' }), T0);
    await r.outreach.insert(visit('v1', 'k1', '2026-05-11', { appointmentId: 'a1' }));
    await expect(r.outreach.insert(visit('v2', 'k1', '2026-05-11', { appointmentId: 'a1' }))).rejects.toThrow();
    expect((await r.outreach.byAppointment('a1'))?.id).toBe('v1');
    expect(await r.outreach.correct(visit('v1', 'k1', '2026-05-12', { kind: 'accompaniment', agency: 'police', appointmentId: 'a1', correctedAt: at(11) }))).toBe(true);
    expect(await r.outreach.byId('v1')).toEqual(visit('v1', 'k1', '2026-05-12', { kind: 'accompaniment', agency: 'police', appointmentId: 'a1', correctedAt: at(10) }));
    expect(await r.outreach.withdraw('v1', at(20))).toBe(true);
    expect(await r.outreach.withdraw('v1', at(20))).toBe(false);
    expect(await r.outreach.byAppointment('a1')).toBeNull();
    await r.outreach.insert(visit('v2', 'k1', '2026-05-13', { appointmentId: 'a1', recordedAt: at(30) }));
    await r.outreach.insert(visit('v3', 'k1', '2026-05-10', { recordedAt: at(40) }));
    expect((await r.outreach.mine('k1', T0, 5)).map((v) => v.id)).toEqual(['v3', 'v2']);
    expect((await r.outreach.between('2026-05-10', '2026-05-12')).map((v) => v.id)).toEqual(['v3']);
  });

  it('distribution events: by day then entry order, live only; a campaign\'s chats in range, nuisance left out', async () => {
    const r = repos();
    await withStaff(r, 'k1');
    await r.campaigns.save({ name: 'flyer', label: 'Flyer', active: true, updatedAt: T0 });
    await r.distribution.insert(distributionEvent('d2', 'k1', '2026-05-03'));
    await r.distribution.insert(distributionEvent('d1', 'k1', '2026-05-02', { campaign: 'flyer' }));
    await r.distribution.insert(distributionEvent('d0', 'k1', '2026-05-03'));
    expect(await r.distribution.correct(distributionEvent('d1', 'k1', '2026-05-02', { sets: 4, campaign: 'flyer', correctedAt: at(5) }))).toBe(true);
    expect(await r.distribution.byId('d1')).toEqual(distributionEvent('d1', 'k1', '2026-05-02', { sets: 4, campaign: 'flyer', correctedAt: T0 }));
    expect(await r.distribution.withdraw('d0', T0)).toBe(true);
    expect(await r.distribution.withdraw('d0', T0)).toBe(false);
    expect(await r.distribution.correct(distributionEvent('d0', 'k1', '2026-05-03'))).toBe(false);
    await r.distribution.insert(distributionEvent('d3', 'k1', '2026-05-02'));
    expect((await r.distribution.between('2026-05-01', '2026-05-31')).map((e) => e.id)).toEqual(['d1', 'd3', 'd2']);
    await expect(r.distribution.insert(distributionEvent('d9', 'k1', '2026-05-02', { campaign: 'not-on-the-list' }))).rejects.toThrow();
    for (const id of ['s1', 's2', 's3']) await r.consultations.insert(consultation(id, { campaign: 'flyer' }));
    await r.consultations.insert(consultation('late', { campaign: 'flyer', queuedAt: at(600) }));
    await r.consultations.end('s2', at(5), 'nuisance', 'counselor');
    expect((await r.distribution.campaignStarts('flyer', T0, at(60))).sort()).toEqual(['s1', 's3']);
  });

  it('targets replaced as a whole per year; visits tallied before rows were kept: none', async () => {
    const r = repos();
    await r.yearGoals.setTargets(2026, { homeVisits: 10, phone: 300 });
    await r.yearGoals.setTargets(2026, { accompaniments: 4 });
    await r.yearGoals.setTargets(2025, { homeVisits: 1 });
    expect(await r.yearGoals.targets(2026)).toEqual({ accompaniments: 4 });
    expect(await r.yearGoals.targets(2027)).toEqual({});
    expect(await r.yearGoals.purgedVisits(2026)).toEqual({});
  });

  it('demand counters by day and kind', async () => {
    const r = repos();
    for (const [day, kind] of [['2026-05-02', 'opened'], ['2026-05-01', 'closed'], ['2026-05-02', 'opened'], ['2026-05-02', 'refused'], ['2026-06-01', 'opened']] as const) await r.demand.add(day, kind);
    expect(await r.demand.between('2026-05-01', '2026-05-31')).toEqual([
      { day: '2026-05-01', opened: 0, closed: 1, refused: 0 },
      { day: '2026-05-02', opened: 2, closed: 0, refused: 1 },
    ]);
  });

  it('campaigns saved and changed, listed by name; program settings seeded once, then put', async () => {
    const r = repos();
    await r.campaigns.save({ name: 'web2', label: 'Web', active: true, updatedAt: T0 });
    await r.campaigns.save({ name: 'flyer', label: 'Flyer', active: true, updatedAt: T0 });
    await r.campaigns.save({ name: 'web2', label: 'Web 2', active: false, updatedAt: at(1) });
    expect(await r.campaigns.all()).toEqual([
      { name: 'flyer', label: 'Flyer', active: true, updatedAt: T0 },
      { name: 'web2', label: 'Web 2', active: false, updatedAt: at(1) },
    ]);
    expect(await r.programSettings.get()).toBeNull();
    expect(await r.programSettings.seed(programSettings(), T0)).toBe(true);
    expect(await r.programSettings.seed(programSettings({ retentionDays: 5 }), T0)).toBe(false);
    expect(await r.programSettings.get()).toEqual(programSettings());
    await r.programSettings.put(programSettings({ retentionDays: 30 }), at(1));
    expect((await r.programSettings.get())?.retentionDays).toBe(30);
  });

  it('server secrets: made once and kept', async () => {
    const r = repos();
    let made = 0;
    const make = () => {
      made++;
      return new Uint8Array([1, 2, 3, made]);
    };
    const first = await r.serverSecrets.getOrCreate('decoy', make);
    expect(await r.serverSecrets.getOrCreate('decoy', make)).toEqual(first);
    expect(made).toBe(1);
    expect(first).toEqual(new Uint8Array([1, 2, 3, 1]));
  });
}
