/**
 * Changes that were one synchronous turn while the repositories were synchronous, and are a chain
 * of awaits now (issue 17): sent at once over real sockets, one wins and what the first one
 * guaranteed still holds.
 */
import { API } from '@tsunagari/shared';
import { type SignedRevocationList, verifyRevocationList } from '@tsunagari/shared/trust';
import { describe, expect, it } from 'vitest';
import { call, clientSocket, connected, loginStaff, send, serverPerTest, signIn } from './harness.js';
import { from, sealer } from './limits-helpers.js';
import { revocations } from './staff-helpers.js';

describe('changes sent at once, with async repositories', () => {
  const servers = serverPerTest();

  it('two admins disable two counselors at once, each with a list naming only hers: one wins, and the published list still revokes everyone disabled', async () => {
    const server = await servers.start({ storageLatency: true });
    const [chief1, chief2] = await Promise.all([signIn(server, 'chief'), signIn(server, 'chief')]);
    servers.track(chief1, chief2);
    const satoId = (await loginStaff(server, 'sato')).session.staff.id;
    const tanakaId = (await loginStaff(server, 'tanaka')).session.staff.id;
    const t0 = Date.now();
    // Each list was signed before the other disable happened: neither names the other's key.
    const [forSato, forTanaka] = await Promise.all([
      send(chief1, 'staff:disable', { staffId: satoId, revocations: revocations(server, [{ staffId: satoId, keyVersion: 1 }], { issuedAt: t0 }) }),
      send(chief2, 'staff:disable', { staffId: tanakaId, revocations: revocations(server, [{ staffId: tanakaId, keyVersion: 1 }], { issuedAt: t0 + 1 }) }),
    ]);
    expect([forSato.ok, forTanaka.ok].filter(Boolean)).toHaveLength(1);
    // The loser is refused for the list, whichever came first: stale (older) or not revoking the winner.
    const loser = forSato.ok ? forTanaka : forSato;
    expect(loser).toMatchObject({ ok: false, error: expect.stringMatching(/^(NOT_REVOKED|REVOCATIONS_STALE)$/) });

    const disabled = server.db.prepare("SELECT id, key_version AS v FROM staff WHERE status = 'disabled'").all() as { id: string; v: number }[];
    expect(disabled).toHaveLength(1);
    const published = ((await (await fetch(server.url + API.revocations)).json()) as { data: SignedRevocationList }).data;
    const verified = verifyRevocationList(server.sodium, server.org.pinned, published);
    if (!verified.ok) throw new Error('the published list does not verify');
    for (const d of disabled) expect(verified.list.entries.map((e) => [e.staffId, e.keyVersion])).toContainEqual([d.id, d.v]);
  });

  it('two starts sent at once on one socket: one consultation; the same start again is answered with it, a different one refused', async () => {
    const server = await servers.start({ storageLatency: true });
    const her = clientSocket(server);
    const other = clientSocket(server);
    servers.track(her, other);
    await Promise.all([connected(her), connected(other)]);
    const [a, b] = await Promise.all([send(her, 'consultation:start', {}), send(her, 'consultation:start', {})]);
    expect(a.ok).toBe(true);
    expect(b).toEqual(a);
    const results = await Promise.all([send(other, 'consultation:start', {}), send(other, 'consultation:start', { urgent: true })]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error)).sort()).toEqual(['INVALID_STATE', 'ok']);
    expect(server.db.prepare('SELECT COUNT(*) AS n FROM consultation').get()).toEqual({ n: 2 });
  });

  it('a waiting client sends a burst at once before her tally was read: her intake and 5 more are stored, the rest WAITING_LIMIT', async () => {
    const server = await servers.start({ storageLatency: true, trustedProxyHops: 1 });
    const script = from(server, '198.51.100.7');
    servers.track(script);
    await connected(script);
    const { consultationId } = await call(script, 'consultation:start', {});
    const seal = sealer(server, consultationId);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => send(script, 'message:send', seal(`line ${i}`))));
    expect(results.map((r) => (r.ok ? 'ok' : r.error)).sort()).toEqual([...Array(4).fill('WAITING_LIMIT'), ...Array(6).fill('ok')]);
    expect(server.db.prepare('SELECT COUNT(*) AS n FROM message WHERE consultation_id = ?').get(consultationId)).toEqual({ n: 6 });
  });

  it('two counselors take one woman at once: one wins, the row names her, and one place is used', async () => {
    const server = await servers.start({ storageLatency: true });
    const [sato, tanaka] = await Promise.all([signIn(server, 'sato'), signIn(server, 'tanaka')]);
    const her = clientSocket(server);
    servers.track(sato, tanaka, her);
    await Promise.all([sato, tanaka, her].map(connected));
    const { consultationId } = await call(her, 'consultation:start', {});
    const results = await Promise.all([send(sato, 'consultation:take', { consultationId }), send(tanaka, 'consultation:take', { consultationId })]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error)).sort()).toEqual(['ALREADY_TAKEN', 'ok']);
    const winner = results[0]?.ok ? 'sato' : 'tanaka';
    const row = server.db.prepare('SELECT c.status, s.username FROM consultation c JOIN staff s ON s.id = c.assigned_staff_id WHERE c.id = ?').get(consultationId);
    expect(row).toEqual({ status: 'active', username: winner });
    const board = (await call(sato, 'staff:list', {})).counselors;
    expect(board.map((c) => c.load).reduce((a, b) => a + b, 0)).toBe(1);
  });
});
