import { API, type StartProof } from '@tsunagari/shared';
import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { describe, expect, it } from 'vitest';
import { call, clientSocket, connected, loginStaff, manualClock, send, serverPerTest, staffSocket, type ClientSocket, type TestServer } from './harness.js';

/**
 * Proof of work to start (ALTCHA through altcha-lib): a start needs a solved challenge, each one
 * works once and for 30 minutes, and challenges get harder while the queue is flooded. A real
 * woman from another network who solved hers is served while a script without one is refused.
 */
describe('proof of work to start', () => {
  const servers = serverPerTest();

  async function challenge(server: TestServer): Promise<Challenge> {
    const res = await fetch(server.url + API.startChallenge);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as { ok: true; data: Challenge };
    return body.data;
  }
  async function solved(server: TestServer): Promise<StartProof> {
    const c = await challenge(server);
    const solution = await solveChallenge({ challenge: c, deriveKey });
    if (!solution) throw new Error('not solved');
    return { challenge: { parameters: c.parameters, signature: c.signature ?? '' }, solution } as StartProof;
  }
  async function client(server: TestServer, headers: Record<string, string> = {}): Promise<ClientSocket> {
    const socket = clientSocket(server, headers);
    servers.track(socket);
    await connected(socket);
    return socket;
  }
  const rows = async (s: TestServer) => ((await s.rows('SELECT COUNT(*) AS n FROM consultation'))[0] as { n: number }).n;

  it('refuses a start without a proof, or with a wrong one, and stores nothing; a solved one starts her, and a real woman is served', async () => {
    const server = await servers.start({ powCounter: 200, trustedProxyHops: 1 });
    const script = await client(server, { 'x-forwarded-for': '2001:db8:bad::1' });
    expect(await send(script, 'consultation:start', {})).toEqual({ ok: false, error: 'PROOF_REFUSED' });
    const proof = await solved(server);
    // The answer is the derived key (the relay checks its signature); one digit off is wrong.
    const key = proof.solution.derivedKey;
    const wrong = { ...proof, solution: { ...proof.solution, derivedKey: (key[0] === '0' ? '1' : '0') + key.slice(1) } };
    expect(await send(script, 'consultation:start', { proof: wrong })).toEqual({ ok: false, error: 'PROOF_REFUSED' });
    const forged = { ...proof, challenge: { ...proof.challenge, parameters: { ...proof.challenge.parameters, data: { exp: Date.now() + 1e9 } } } };
    expect(await send(script, 'consultation:start', { proof: forged })).toEqual({ ok: false, error: 'PROOF_REFUSED' });
    expect(await rows(server)).toBe(0);
    // The wrong answer spent that challenge: the right one is refused after it.
    expect(await send(script, 'consultation:start', { proof })).toEqual({ ok: false, error: 'PROOF_REFUSED' });

    const her = await call(await client(server, { 'x-forwarded-for': '203.0.113.5' }), 'consultation:start', { proof: await solved(server) });
    const sato = staffSocket(server, await loginStaff(server, 'sato'));
    servers.track(sato);
    await connected(sato);
    expect(await call(sato, 'consultation:take', { consultationId: her.consultationId })).toMatchObject({ status: 'active' });
  });

  it('a solved challenge works once', async () => {
    const server = await servers.start({ powCounter: 200 });
    const proof = await solved(server);
    const [a, b] = await Promise.all([send(await client(server), 'consultation:start', { proof }), send(await client(server), 'consultation:start', { proof })]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(await send(await client(server), 'consultation:start', { proof })).toEqual({ ok: false, error: 'PROOF_REFUSED' });
    expect(await rows(server)).toBe(1);
  });

  it('a start sent again on the same socket with the proof it spent gets the same consultation; on another socket the proof is spent', async () => {
    const server = await servers.start({ powCounter: 200 });
    const proof = await solved(server);
    const her = await client(server);
    const started = await call(her, 'consultation:start', { proof });
    expect(await call(her, 'consultation:start', { proof })).toEqual(started);
    expect(await send(await client(server), 'consultation:start', { proof })).toEqual({ ok: false, error: 'PROOF_REFUSED' });
    expect(await rows(server)).toBe(1);
  });

  it('a challenge expires after 30 minutes on the server’s clock', async () => {
    const clock = manualClock('2026-11-30T01:00:00Z');
    const server = await servers.start({ powCounter: 200, clock });
    const late = await solved(server);
    const inTime = await solved(server);
    clock.set('2026-11-30T01:29:00Z');
    expect(await send(await client(server), 'consultation:start', { proof: inTime })).toMatchObject({ ok: true });
    clock.set('2026-11-30T01:30:01Z');
    expect(await send(await client(server), 'consultation:start', { proof: late })).toEqual({ ok: false, error: 'PROOF_REFUSED' });
  });

  it('challenges are harder while the queue is flooded (from TSUNAGARI_POW_FLOOD_WAITING waiting)', async () => {
    const server = await servers.start({ powCounter: 100, powFloodWaiting: 2 });
    const ordinary = await Promise.all([1, 2, 3].map(() => solved(server)));
    for (const p of ordinary) expect(p.solution.counter).toBeLessThanOrEqual(100);
    await call(await client(server), 'consultation:start', { proof: ordinary[0] });
    await call(await client(server), 'consultation:start', { proof: ordinary[1] });
    const flooded = await solved(server);
    expect(flooded.solution.counter).toBeGreaterThanOrEqual(500);
    // Stocked while the queue was calm, spent during the flood: refused, and it stores nothing;
    // one made at the flood's difficulty starts her.
    expect(await send(await client(server), 'consultation:start', { proof: ordinary[2] })).toEqual({ ok: false, error: 'PROOF_REFUSED' });
    expect(await rows(server)).toBe(2);
    expect(await send(await client(server), 'consultation:start', { proof: flooded })).toMatchObject({ ok: true });
  });

  it('a proof made under a flood still works once the queue is calm again', async () => {
    const server = await servers.start({ powCounter: 100, powFloodWaiting: 1 });
    const first = await client(server);
    const started = await call(first, 'consultation:start', { proof: await solved(server) });
    const hard = await solved(server);
    expect(hard.solution.counter).toBeGreaterThanOrEqual(500);
    await call(first, 'consultation:end', { consultationId: started.consultationId });
    expect(await send(await client(server), 'consultation:start', { proof: hard })).toMatchObject({ ok: true });
  });

  it('asks for nothing when turned off (TSUNAGARI_POW_COUNTER=0)', async () => {
    const server = await servers.start({ powCounter: 0 });
    expect(await challenge(server)).toBeNull();
    expect(await send(await client(server), 'consultation:start', {})).toMatchObject({ ok: true });
  });
});
