import fs from 'node:fs';
import { newSessionKey, sealEpochMessage } from '@tsunagari/shared/crypto';
import { describe, expect, it } from 'vitest';
import { RetentionService } from '../src/domain/retention.js';
import { createLogger } from '../src/log.js';
import { createSqliteResumeCodes } from '../src/repositories/resume.js';
import { createSqliteRetention } from '../src/repositories/retention.js';
import { tempDatabases } from './temp-database.js';
import { call, clientSocket, connected, loginStaff, manualClock, serverPerTest, signIn, staffSocket, type ClientSocket } from './harness.js';

/**
 * Retention (DESIGN "Records"): once a consultation has been ended for the retention period its
 * transcript is deleted, while the consultation row stays for the statistics. Nothing is deleted
 * early, and nothing of a consultation that is still open.
 */
describe('retention of transcripts', () => {
  const servers = serverPerTest();

  it('deletes a transcript once the consultation has been ended for the period, and keeps the row for the statistics', async () => {
    const clock = manualClock('2026-04-01T10:00:00+09:00');
    const s = await servers.start({ clock, retentionDays: 30, campaigns: ['flyer-2026'] });
    const sato = staffSocket(s, await loginStaff(s, 'sato'));
    const [a, b] = [clientSocket(s), clientSocket(s)];
    servers.track(sato, a, b);
    await Promise.all([sato, a, b].map(connected));
    const key = newSessionKey(s.sodium);
    const say = (c: ClientSocket, consultationId: string, seq: number) =>
      call(c, 'message:send', sealEpochMessage(s.sodium, key, { consultationId, senderRole: 'client', keyEpoch: 0, seq }, { kind: 'text', text: `line ${seq}` }));

    const ended = (await call(a, 'consultation:start', { campaign: 'flyer-2026' })).consultationId;
    await call(sato, 'consultation:take', { consultationId: ended });
    await say(a, ended, 1);
    await say(a, ended, 2);
    // A resume code, registered while the chat was open (format only; the server never opens it).
    await call(a, 'resume:create', { consultationId: ended, lookup: 'L'.repeat(43), wrappedKey: 'W'.repeat(96) });
    await call(a, 'consultation:end', { consultationId: ended });
    const open = (await call(b, 'consultation:start', {})).consultationId;
    await call(sato, 'consultation:take', { consultationId: open });
    await say(b, open, 1);

    const rows = (table: string, id: string) => (s.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE consultation_id = ?`).get(id) as { n: number }).n;
    // One day short of the period: nothing goes.
    clock.set('2026-04-30T10:00:00+09:00');
    await s.app.services.retention.run();
    expect(rows('message', ended)).toBe(2);
    // Her resume code went when she ended it (issue 15: no way back in), long before retention.
    expect(rows('resume_code', ended)).toBe(0);

    clock.set('2026-05-01T10:00:01+09:00');
    await s.app.services.retention.run();
    expect(rows('message', ended)).toBe(0);
    expect(rows('resume_code', ended)).toBe(0);
    // Her row is kept for the fiscal-year figures, marked as purged.
    expect(s.db.prepare('SELECT status, campaign, end_reason, assigned_at IS NOT NULL AS answered, purged_at FROM consultation WHERE id = ?').get(ended)).toEqual({
      status: 'ended',
      campaign: 'flyer-2026',
      end_reason: 'ended',
      answered: 1,
      // Stored to 10 minutes, like every time about a consultation.
      purged_at: new Date('2026-05-01T10:00:00+09:00').toISOString(),
    });
    // A consultation still open keeps everything, however old.
    expect(rows('message', open)).toBe(1);
    // The log says how many, never which.
    const line = s.logs.find((l) => l.includes('retention.purged')) ?? '';
    expect(line).toContain('"consultations":1');
    expect(line).toContain('"messages":2');
    expect(line).not.toContain(ended);
  });

  it("a done home visit still counts toward the year's target after the purge deleted its appointment", async () => {
    const clock = manualClock('2026-04-01T10:00:00+09:00');
    const s = await servers.start({ clock, retentionDays: 30 });
    const [sato, boss, chief] = await Promise.all([signIn(s, 'sato'), signIn(s, 'boss'), signIn(s, 'chief')]);
    const her = clientSocket(s);
    servers.track(sato, boss, chief, her);
    await Promise.all([sato, boss, chief, her].map(connected));
    const id = (await call(her, 'consultation:start', {})).consultationId;
    await call(sato, 'consultation:take', { consultationId: id });
    const visit = await call(sato, 'handoff:book', { consultationId: id, kind: 'outreach', startsAt: '2026-04-01T15:00:00+09:00' });
    const phone = await call(sato, 'handoff:book', { consultationId: id, kind: 'phone', startsAt: '2026-04-01T16:00:00+09:00' });
    await call(sato, 'appointment:status', { appointmentId: visit.id, status: 'done', visit: { durationBand: '30-60' } });
    await call(sato, 'appointment:status', { appointmentId: phone.id, status: 'no_show' });
    await call(sato, 'consultation:end', { consultationId: id });
    await call(chief, 'targets:set', { fiscalYear: 2026, targets: { homeVisits: 10 } });
    const homeVisits = async (supervisor: typeof boss) => (await call(supervisor, 'report:year', { fiscalYear: 2026 })).kpis.find((k: { key: string }) => k.key === 'homeVisits')?.result;
    expect(await homeVisits(boss)).toBe(1);

    clock.set('2026-06-01T10:00:00+09:00');
    await s.app.services.retention.run();
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM appointment').get()).toEqual({ n: 0 });
    // Two months on, her session is long over: she signs in again.
    const later = await signIn(s, 'boss');
    servers.track(later);
    await connected(later);
    expect(await homeVisits(later)).toBe(1);
    // The visit keeps its row (closed lists and a day) but no longer points at the deleted appointment.
    expect(s.db.prepare('SELECT kind, day, duration_band, appointment_id FROM outreach_visit').all()).toEqual([
      { kind: 'outreach', day: '2026-04-01', duration_band: '30-60', appointment_id: null },
    ]);
    expect(s.db.prepare('SELECT fiscal_year, kind, n FROM handoff_done').all()).toEqual([]);
  });

  it('deleted means gone: purged ciphertext is in neither the database file nor the WAL (secure_delete, vacuum, WAL truncated)', async () => {
    const clock = manualClock('2026-04-01T10:00:00+09:00');
    const s = await servers.start({ clock, retentionDays: 30 });
    const sato = staffSocket(s, await loginStaff(s, 'sato'));
    const a = clientSocket(s);
    servers.track(sato, a);
    await Promise.all([sato, a].map(connected));
    expect(s.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(s.db.pragma('auto_vacuum', { simple: true })).toBe(2); // INCREMENTAL
    const key = newSessionKey(s.sodium);
    const id = (await call(a, 'consultation:start', {})).consultationId;
    await call(sato, 'consultation:take', { consultationId: id });
    const sealed = [1, 2, 3].map((seq) => sealEpochMessage(s.sodium, key, { consultationId: id, senderRole: 'client', keyEpoch: 0, seq }, { kind: 'text', text: `known ${seq}` }));
    for (const m of sealed) await call(a, 'message:send', m);
    await call(a, 'consultation:end', { consultationId: id });
    const onDisk = () => Buffer.concat([s.dbPath, `${s.dbPath}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    // The search is real: before the purge the ciphertexts are there.
    const found = () => sealed.filter((m) => onDisk().includes(Buffer.from(m.ciphertext.slice(0, 64))));
    expect(found()).toHaveLength(3);
    clock.set('2026-05-02T10:00:00+09:00');
    await s.app.services.retention.run();
    expect(found()).toEqual([]);
    // Not a single 16-byte run of any of them.
    const bytes = onDisk();
    for (const m of sealed) {
      for (let i = 0; i + 16 <= m.ciphertext.length; i += 16) expect(bytes.includes(Buffer.from(m.ciphertext.slice(i, i + 16)))).toBe(false);
    }
    expect(fs.existsSync(`${s.dbPath}-wal`) ? fs.statSync(`${s.dbPath}-wal`).size : 0).toBe(0);
  });

  const openDb = tempDatabases('retention');
  it('a failed run (the database gone) is logged and does not reject, so it cannot take the server down', async () => {
    const db = openDb();
    const lines: string[] = [];
    const retention = new RetentionService(createSqliteRetention(db), createSqliteResumeCodes(db), { now: () => new Date() }, createLogger('info', { write: (l: string) => void lines.push(l) }), 30);
    db.close();
    await expect(retention.run()).resolves.toBeUndefined();
    expect(lines.join('')).toContain('retention.failed');
  });
});
