import { API, type Appointment, type StaffSession } from '@tsunagari/shared';
import { KDF_FLOORS, deriveStaffPasswordKeys, toB64, wrapKeysUnderPassword } from '@tsunagari/shared/crypto';
import { describe, expect, it } from 'vitest';
import { call, clientSocket, connected, type LoggedInStaff, loginStaff, manualClock, postJson, send, signIn, STAFF, staffSocket, type TestServer } from './harness.js';
import { nodesOnRedis } from './nodes-on-redis.js';
import { openPerTest } from './open-per-test.js';
import { redisPerFile } from './redis-per-file.js';
import { api } from './staff-helpers.js';

// Issue 17: changes one node made one at a time (a per-process queue per appointment, per
// counselor's password) made at once on two nodes sharing one database. The database decides now:
// an appointment's version, a password's hash.
const file = redisPerFile();
const open = openPerTest();

describe('appointment status changes on two nodes at once', () => {
  it("a counselor marks visits done on node A while a supervisor cancels them on node B: each ends done with its visit, or cancelled without one", async () => {
    const clock = manualClock('2026-06-05T12:00:00+09:00');
    // SQLite answering a turn later, as PostgreSQL does across its socket: the two nodes' steps interleave.
    const { servers } = await nodesOnRedis(file.redis, open, 2, { clock, storageLatency: true });
    const [a, b] = servers as [TestServer, TestServer];
    const sato = await signIn(a, 'sato');
    const boss = await signIn(b, 'boss');
    const her = clientSocket(a);
    open.sockets.push(sato, boss, her);
    await connected(her);
    const { consultationId } = await call(her, 'consultation:start', {});
    await call(sato, 'consultation:take', { consultationId });
    const booked: Appointment[] = [];
    for (let hour = 13; hour <= 20; hour++) booked.push(await call(sato, 'handoff:book', { consultationId, kind: 'outreach', startsAt: `2026-06-05T${hour}:00:00+09:00` }));
    clock.set('2026-06-05T21:30:00+09:00');

    // Half the appointments: both mark it done at once, with different durations (both plan a new
    // visit). The other half: she marks it done while the supervisor cancels it, the supervisor a
    // few more turns later for each, so one of them lands inside her steps (read, plan, write).
    const turns = (k: number) => Array.from({ length: k }).reduce<Promise<void>>((p) => p.then(() => new Promise((r) => setImmediate(r))), Promise.resolve());
    const half = booked.length / 2;
    const answers = await Promise.all(
      booked.flatMap((ap, i) => [
        send(sato, 'appointment:status', { appointmentId: ap.id, status: 'done', visit: { durationBand: '30-60' } }),
        i < half
          ? send(boss, 'appointment:status', { appointmentId: ap.id, status: 'done', visit: { durationBand: '60-plus' } })
          : turns(i - half).then(() => send(boss, 'appointment:status', { appointmentId: ap.id, status: 'cancelled' })),
      ]),
    );
    // One planned from a read the other overtook is planned again from what that one left: it
    // lands, or is refused as it would have been had it come second (her done over the
    // supervisor's visit is not hers to change: FORBIDDEN). Never an error of the race itself.
    const bossId = (await a.rows("SELECT id FROM staff WHERE username = 'boss'")) as { id: string }[];
    for (const [i, ap] of booked.entries()) {
      const [hers, his] = [answers[2 * i], answers[2 * i + 1]];
      expect(his?.ok, `the supervisor's change of ${ap.id}`).toBe(true);
      if (hers?.ok) continue;
      expect(hers).toEqual({ ok: false, error: 'FORBIDDEN' });
      const visit = (await a.rows('SELECT staff_id FROM outreach_visit WHERE appointment_id = ? AND withdrawn_at IS NULL', ap.id)) as { staff_id: string }[];
      expect(visit.map((v) => v.staff_id)).toEqual([bossId[0]?.id]);
    }
    const rows = (await a.rows(
      `SELECT a.id, a.status, (SELECT COUNT(*) FROM outreach_visit v WHERE v.appointment_id = a.id AND v.withdrawn_at IS NULL) AS visits FROM appointment a ORDER BY a.starts_at`,
    )) as { id: string; status: string; visits: number | string }[];
    expect(rows).toHaveLength(booked.length);
    // Never one change's status with the other's visit (cancelled with a visit counted in the year's figures).
    for (const r of rows) expect({ id: r.id, status: r.status, visits: Number(r.visits) }).toEqual({ id: r.id, status: r.status, visits: r.status === 'done' ? 1 : 0 });
  });
});

/** Her console changing her password from `current` to `next`: her keys re-wrapped (as staff-sessions.test.ts does). */
async function passwordChange(server: TestServer, staff: LoggedInStaff, current: string, next: string) {
  const params = await api<{ salt: string; opslimit: number; memlimit: number }>(server, API.authParams, { username: staff.session.staff.username });
  if (!params.body.ok) throw new Error(params.body.error);
  const currentKey = deriveStaffPasswordKeys(server.sodium, current, params.body.data).authKey;
  const wrapped = wrapKeysUnderPassword(server.sodium, next, staff.keys, KDF_FLOORS.min, KDF_FLOORS.min);
  return { authKey: toB64(server.sodium, currentKey), kdf: wrapped.kdf, newAuthKey: wrapped.loginValue, wrappedSecretKeys: wrapped.keys.wrappedSecretKeys };
}

/** Whether sato signs in with this password (through `server`). */
async function signsIn(server: TestServer, password: string): Promise<boolean> {
  const params = await api<{ salt: string; opslimit: number; memlimit: number }>(server, API.authParams, { username: 'sato' });
  if (!params.body.ok) throw new Error('params');
  const derived = deriveStaffPasswordKeys(server.sodium, password, params.body.data);
  return (await api<StaffSession>(server, API.login, { username: 'sato', authKey: toB64(server.sodium, derived.authKey) })).body.ok;
}

describe('password changes on two nodes at once', () => {
  it('of two changes checked against one password, one lands; its new password and session work, the other is refused and leaves nothing', async () => {
    // SQLite answering a turn later, as PostgreSQL does across its socket: the two nodes' steps interleave.
    const { servers } = await nodesOnRedis(file.redis, open, 2, { storageLatency: true, loginLimits: { freeFailures: 100, failuresPerNetwork: 100 } });
    const [a, b] = servers as [TestServer, TestServer];
    let current: string = STAFF.sato.password;
    // A few rounds, each from the password the last one left.
    for (let round = 1; round <= 4; round++) {
      const onA = await loginStaff(a, 'sato', {}, current);
      const onB = await loginStaff(b, 'sato', {}, current);
      const next = { a: `sato-round-${round}-node-a`, b: `sato-round-${round}-node-b` };
      const [bodyA, bodyB] = await Promise.all([passwordChange(a, onA, current, next.a), passwordChange(b, onB, current, next.b)]);
      const [resA, resB] = await Promise.all([postJson(a.url + API.passwordChange, bodyA, { cookie: onA.cookie }), postJson(b.url + API.passwordChange, bodyB, { cookie: onB.cookie })]);
      expect([resA.status, resB.status].sort()).toEqual([200, 401]);
      const aWon = resA.status === 200;
      const wonRes = aWon ? resA : resB;
      expect(((await wonRes.json()) as { ok: boolean }).ok).toBe(true);
      // The winner's new cookie opens a socket on either node; her new password signs in, the loser's does not.
      const cookie = (wonRes.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const sock = staffSocket(aWon ? b : a, { ...onA, cookie });
      open.sockets.push(sock);
      await connected(sock);
      expect(await signsIn(b, aWon ? next.b : next.a)).toBe(false);
      current = aWon ? next.a : next.b;
      expect(await signsIn(a, current)).toBe(true);
    }
  });
});
