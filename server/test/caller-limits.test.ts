import { API, type StartProof } from '@tsunagari/shared';
import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { describe, expect, it } from 'vitest';
import { call, clientSocket, connected, loginStaff, next, send, serverPerTest, staffSocket, type ClientSocket, type TestServer } from './harness.js';

/**
 * Limits per caller NETWORK (an IPv6 /64 is one caller): consultations open at once, and urgent
 * starts. Each test proves a real woman from another network is still served while it holds.
 * Every test server trusts one proxy hop, so X-Forwarded-For stands for her address.
 */
describe('limits per caller network', () => {
  const servers = serverPerTest();
  const script = (n: number) => ({ 'x-forwarded-for': `2001:db8:bad:1::${n.toString(16)}` });
  const realWoman = { 'x-forwarded-for': '2001:db8:600d:7::42' };

  async function client(server: TestServer, headers: Record<string, string>): Promise<ClientSocket> {
    const socket = clientSocket(server, headers);
    servers.track(socket);
    await connected(socket);
    return socket;
  }

  /** A counselor takes her: she is served. */
  async function served(server: TestServer, consultationId: string): Promise<void> {
    const sato = staffSocket(server, await loginStaff(server, 'sato'));
    servers.track(sato);
    await connected(sato);
    expect(await call(sato, 'consultation:take', { consultationId })).toMatchObject({ consultationId, status: 'active' });
  }

  it('at most 2 consultations waiting or active per /64; the third is TOO_MANY_OPEN and leaves nothing; one ending frees a place', async () => {
    const server = await servers.start({ trustedProxyHops: 1, openPerCaller: 2 });
    const first = await client(server, script(1));
    const a = await call(first, 'consultation:start', {});
    await call(await client(server, script(2)), 'consultation:start', {});
    // Any address of the same /64 is the same caller.
    const third = await client(server, script(0xffff));
    expect(await send(third, 'consultation:start', {})).toEqual({ ok: false, error: 'TOO_MANY_OPEN' });
    expect(await server.app.services.routing.router.queue()).toHaveLength(2);

    // A real woman from another network starts and is served while the script's two wait.
    const her = await call(await client(server, realWoman), 'consultation:start', {});
    await served(server, her.consultationId);

    await call(first, 'consultation:end', { consultationId: a.consultationId });
    expect(await send(third, 'consultation:start', {})).toMatchObject({ ok: true });
  });

  it('holds for starts from one /64 that arrive together with their proofs solved ahead: no more than 2 are queued', async () => {
    const server = await servers.start({ trustedProxyHops: 1, openPerCaller: 2, powCounter: 200, storageLatency: true });
    const solved = async (): Promise<StartProof> => {
      const c = ((await (await fetch(server.url + API.startChallenge)).json()) as { data: Challenge }).data;
      const solution = await solveChallenge({ challenge: c, deriveKey });
      if (!solution) throw new Error('not solved');
      return { challenge: { parameters: c.parameters, signature: c.signature ?? '' }, solution } as StartProof;
    };
    const sockets = await Promise.all(Array.from({ length: 8 }, (_, i) => client(server, script(i + 1))));
    const proofs = await Promise.all(sockets.map(() => solved()));
    const answers = await Promise.all(sockets.map((s, i) => send(s, 'consultation:start', { urgent: true, proof: proofs[i] })));
    expect(answers.filter((a) => a.ok)).toHaveLength(2);
    expect(answers.filter((a) => !a.ok).map((a) => (a as { error: string }).error)).toEqual(Array(6).fill('TOO_MANY_OPEN'));
    expect(await server.app.services.routing.router.queue()).toHaveLength(2);
    // A place held for a refused start is given back: a real woman is served, and once one of the
    // script's two ends, its network may start again.
    const her = await call(await client(server, realWoman), 'consultation:start', { proof: await solved() });
    await served(server, her.consultationId);
    const first = answers.findIndex((a) => a.ok);
    const refusedSocket = sockets[answers.findIndex((a) => !a.ok)] as ClientSocket;
    await call(sockets[first] as ClientSocket, 'consultation:end', { consultationId: (answers[first] as { data: { consultationId: string } }).data.consultationId });
    expect(await send(refusedSocket, 'consultation:start', { proof: await solved() })).toMatchObject({ ok: true });
  });

  it('urgent starts past the network’s hourly budget queue as non-urgent; a real woman’s urgent start still goes ahead of them', async () => {
    const server = await servers.start({ trustedProxyHops: 1, openPerCaller: 0, urgentPerHour: 1 });
    const honoured = await call(await client(server, script(1)), 'consultation:start', { urgent: true });
    const spent = await call(await client(server, script(2)), 'consultation:start', { urgent: true });
    const spentToo = await call(await client(server, script(3)), 'consultation:start', { urgent: true });
    const her = await call(await client(server, realWoman), 'consultation:start', { urgent: true });
    const queue = await server.app.services.routing.router.queue();
    expect(queue.map((q) => [q.consultationId, q.urgent])).toEqual([
      [honoured.consultationId, true],
      [her.consultationId, true],
      [spent.consultationId, false],
      [spentToo.consultationId, false],
    ]);
    const rows = server.db.prepare('SELECT id, urgent FROM consultation').all() as { id: string; urgent: number }[];
    expect(rows.find((r) => r.id === spent.consultationId)?.urgent).toBe(0);
    expect(her.position).toBe(2);
  });

  it('a supervisor is alerted when more than half of those waiting (at least the minimum) are recent urgent starts', async () => {
    const server = await servers.start({ trustedProxyHops: 1, urgentPerHour: 1, routing: { urgentAlertMinWaiting: 4 } });
    const boss = staffSocket(server, await loginStaff(server, 'boss'));
    servers.track(boss);
    await connected(boss);
    const net = (n: number) => ({ 'x-forwarded-for': `2001:db8:${n}::1` });
    await call(await client(server, net(1)), 'consultation:start', { urgent: true });
    await call(await client(server, net(2)), 'consultation:start', { urgent: true });
    await call(await client(server, net(3)), 'consultation:start', {});
    expect((await call(boss, 'queue:list', {})).urgentAlert).toBeUndefined();
    const alerted = next(boss, 'queue:changed', (q) => q.urgentAlert !== undefined);
    await call(await client(server, net(4)), 'consultation:start', { urgent: true });
    expect((await alerted).urgentAlert).toEqual({ waiting: 4, urgentRecent: 3, windowMinutes: 10, sharePercent: 50 });
    expect((await call(boss, 'queue:list', {})).urgentAlert).toMatchObject({ urgentRecent: 3 });
  });
});
