import { describe, expect, it } from 'vitest';
import { call, clientSocket, connected, loginStaff, manualClock, send, serverPerTest, staffSocket } from './harness.js';

/**
 * After a reload her console asks `consultation:mine`: besides the chats she holds, it brings back
 * the ones last assigned to her that ended within a day and are not recorded yet, so the record
 * (and the fiscal-year report) is not lost with the browser tab. Each says whether it is recorded.
 */
describe('consultation:mine recalls her ended, unrecorded chats', () => {
  const servers = serverPerTest();

  async function scene(start: string) {
    const clock = manualClock(start);
    const server = await servers.start({ clock, campaigns: ['flyer'] });
    const satoLogin = await loginStaff(server, 'sato');
    const sato = staffSocket(server, satoLogin);
    const tanaka = staffSocket(server, await loginStaff(server, 'tanaka'));
    const [a, b] = [clientSocket(server), clientSocket(server)];
    servers.track(sato, tanaka, a, b);
    await Promise.all([sato, tanaka, a, b].map(connected));
    /** A fresh console of hers, as after a reload (a new login on the clock's day). */
    const reload = async (who: 'sato' | 'tanaka') => {
      const s = staffSocket(server, await loginStaff(server, who));
      servers.track(s);
      await connected(s);
      return s;
    };
    return { clock, server, sato, satoId: satoLogin.session.staff.id, tanaka, a, b, reload };
  }

  const mineOf = async (s: Parameters<typeof call>[0]) => (await call(s, 'consultation:mine', {})).consultations;

  it('an ended unrecorded chat comes back with its key and recordedAt null; her history still opens; once recorded it does not', async () => {
    const { clock, sato, a, b, reload } = await scene('2026-06-01T10:00:00+09:00');
    const ended = (await call(a, 'consultation:start', { campaign: 'flyer' })).consultationId;
    const open = (await call(b, 'consultation:start', {})).consultationId;
    await call(sato, 'consultation:take', { consultationId: ended });
    await call(sato, 'consultation:take', { consultationId: open });
    await call(a, 'message:send', { consultationId: ended, keyEpoch: 0, seq: 1, nonce: 'A'.repeat(32), ciphertext: 'B'.repeat(40) });
    await call(sato, 'consultation:end', { consultationId: ended });
    await call(sato, 'consultation:record', { consultationId: open, topics: ['孤独'], outcome: 'listened' });

    clock.set('2026-06-01T18:00:00+09:00');
    const console1 = await reload('sato');
    const mine = await mineOf(console1);
    expect(mine.map((c) => [c.consultationId, c.status])).toEqual([
      [open, 'active'],
      [ended, 'ended'],
    ]);
    expect(mine[0]?.recordedAt).toBe('2026-06-01T01:00:00.000Z');
    expect(mine[1]).toMatchObject({ consultationId: ended, status: 'ended', campaign: 'flyer', recordedAt: null });
    // She reads the ended chat's history to record it.
    const history = await call(console1, 'message:list', { consultationId: ended });
    expect(history.messages).toHaveLength(1);

    await call(console1, 'consultation:record', { consultationId: ended, topics: ['生活困窮'], outcome: 'referral' });
    const after = await mineOf(await reload('sato'));
    expect(after.map((c) => c.consultationId)).toEqual([open]);
  });

  it('brings back the sealed key granted to her, so the ended history can be read', async () => {
    const { sato, satoId, a, reload } = await scene('2026-06-02T10:00:00+09:00');
    const id = (await call(a, 'consultation:start', {})).consultationId;
    const taken = await call(sato, 'consultation:take', { consultationId: id });
    expect(taken.recordedAt).toBeNull();
    await call(a, 'key:grant', { consultationId: id, staffId: satoId, sealedKeys: [{ keyEpoch: 0, sealedKey: 'A'.repeat(107) }] });
    // She left: the chat ended without the counselor's doing, and it is still hers to record.
    await call(a, 'consultation:end', { consultationId: id });
    const mine = await mineOf(await reload('sato'));
    expect(mine).toEqual([expect.objectContaining({ consultationId: id, status: 'ended', sealedKeys: [{ keyEpoch: 0, sealedKey: 'A'.repeat(107) }], recordedAt: null })]);
  });

  it("does not bring another counselor's ended chat, and another counselor may not read it", async () => {
    const { sato, tanaka, a, reload } = await scene('2026-06-03T10:00:00+09:00');
    const id = (await call(a, 'consultation:start', {})).consultationId;
    await call(tanaka, 'consultation:take', { consultationId: id });
    await call(tanaka, 'consultation:end', { consultationId: id });
    expect(await mineOf(await reload('sato'))).toEqual([]);
    expect(await send(sato, 'message:list', { consultationId: id })).toEqual({ ok: false, error: 'FORBIDDEN' });
    expect((await mineOf(await reload('tanaka'))).map((c) => c.consultationId)).toEqual([id]);
  });

  it('stops bringing it back 24 hours after it ended', async () => {
    const { clock, sato, a, reload } = await scene('2026-06-04T10:00:00+09:00');
    const id = (await call(a, 'consultation:start', {})).consultationId;
    await call(sato, 'consultation:take', { consultationId: id });
    clock.set('2026-06-04T11:00:00+09:00');
    await call(sato, 'consultation:end', { consultationId: id });

    clock.set('2026-06-05T11:00:00+09:00');
    expect((await mineOf(await reload('sato'))).map((c) => c.consultationId)).toEqual([id]);
    clock.set('2026-06-05T11:00:00.001+09:00');
    const nextDay = await reload('sato');
    expect(await mineOf(nextDay)).toEqual([]);
    // Recording is still allowed afterwards: only the reminder stops.
    await call(nextDay, 'consultation:record', { consultationId: id, topics: ['孤独'], outcome: 'listened' });
  });
});
