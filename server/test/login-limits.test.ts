import fs from 'node:fs';
import { API } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { VerifierPool } from '../src/domain/staff/verifier-pool.js';
import { STAFF, clientSocket, connected, loginStaff, postJson, send, serverPerTest, startTestServer } from './harness.js';

const WRONG_KEY = 'A'.repeat(43);
/** Node 20 has Atomics.waitAsync; the TypeScript lib this workspace targets does not declare it yet. */
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { value: Promise<string> | string } }).waitAsync;
const COUNSELORS = (Object.keys(STAFF) as (keyof typeof STAFF)[]).filter((k) => STAFF[k].role === 'counselor');
/** A caller network, as the trusted proxy in front of the relay reports it. */
const from = (address: string) => ({ 'x-forwarded-for': address });

async function wrongLogin(url: string, username: string, headers: Record<string, string>): Promise<{ status: number; error: string }> {
  const res = await postJson(url + API.login, { username, authKey: WRONG_KEY }, headers);
  return { status: res.status, error: ((await res.json()) as { error: string }).error };
}

describe('staff login limits', () => {
  const servers = serverPerTest();

  it('a lockout attempt on every counselor from one network leaves each able to sign in from another', async () => {
    const server = await servers.start({ trustedProxyHops: 1 });
    const attacker = from('203.0.113.7');
    const answers: string[] = [];
    for (const who of COUNSELORS) {
      for (let i = 0; i < 8; i++) answers.push((await wrongLogin(server.url, STAFF[who].username, attacker)).error);
    }
    // Five failures per name, then the attacker's network must wait, without a password check.
    expect(answers.filter((e) => e === 'RATE_LIMITED')).toHaveLength(3 * COUNSELORS.length);
    expect(answers.filter((e) => e === 'NOT_AUTHENTICATED')).toHaveLength(5 * COUNSELORS.length);
    // The right password from that same network waits too: the budget is that network's.
    await expect(loginStaff(server, COUNSELORS[0] as keyof typeof STAFF, attacker)).rejects.toThrow('RATE_LIMITED');
    for (const who of COUNSELORS) {
      const staff = await loginStaff(server, who, from('198.51.100.20'));
      expect(staff.session.staff.username).toBe(STAFF[who].username);
    }
  });

  it('failures on one name from many networks slow its attempts down but never refuse the right password', async () => {
    const server = await servers.start({ trustedProxyHops: 1, loginLimits: { freeFailures: 1, slowAfterFailures: 3, slowDownMaxMs: 50 } });
    for (let n = 1; n <= 12; n++) expect((await wrongLogin(server.url, 'tanaka', from(`192.0.2.${n}`))).error).toBe('NOT_AUTHENTICATED');
    // Each of those networks now waits, as a guessing network should.
    expect((await wrongLogin(server.url, 'tanaka', from('192.0.2.1'))).error).toBe('RATE_LIMITED');
    const staff = await loginStaff(server, 'tanaka', from('198.51.100.99'));
    expect(staff.session.staff.username).toBe('tanaka');
  });

  it('a network that fails on many names is stopped, whatever the name', async () => {
    const server = await servers.start({ trustedProxyHops: 1, loginLimits: { failuresPerNetwork: 4 } });
    const guesser = from('203.0.113.50');
    for (const name of ['a1', 'b2', 'c3', 'd4']) expect((await wrongLogin(server.url, name, guesser)).error).toBe('NOT_AUTHENTICATED');
    expect((await wrongLogin(server.url, 'e5', guesser)).error).toBe('RATE_LIMITED');
    expect((await loginStaff(server, 'sato', from('198.51.100.3'))).session.staff.username).toBe('sato');
  });

  it("a burst of wrong passwords from one network is held, not refused: each is checked, and that network's right password still signs in", async () => {
    const server = await servers.start({ trustedProxyHops: 1, loginLimits: { checkSpacingMs: 20 } });
    const burst = from('203.0.113.70');
    const names = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6'];
    const answers = await Promise.all(names.map((name) => wrongLogin(server.url, name, burst)));
    expect(answers.map((a) => a.error)).toEqual(names.map(() => 'NOT_AUTHENTICATED'));
    // Every spaced check was settled: the right password from the same network goes through.
    expect((await loginStaff(server, 'sato', burst)).session.staff.username).toBe('sato');
    expect((await loginStaff(server, 'tanaka', from('198.51.100.6'))).session.staff.username).toBe('tanaka');
  });

  it('a network past its budget is refused before its request is read, held, and cut off; others sign in and start as usual', async () => {
    const server = await servers.start({ trustedProxyHops: 1, loginLimits: { failuresPerNetwork: 2, refusalHoldMs: 0 } });
    const guesser = from('203.0.113.60');
    for (const name of ['a1', 'b2']) expect((await wrongLogin(server.url, name, guesser)).error).toBe('NOT_AUTHENTICATED');
    // Unparseable and oversized bodies: Express would answer 400 and 413; the gate answers before reading them.
    const raw = (path: string, body: string) => fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...guesser }, body });
    for (const res of [await raw(API.login, '{not json'), await raw(`${API.login.toUpperCase()}/`, 'x'.repeat(64 * 1024)), await raw(API.authParams, '{}')]) {
      expect(res.status).toBe(429);
      expect(res.headers.get('connection')).toBe('close');
      expect(await res.json()).toEqual({ ok: false, error: 'RATE_LIMITED' });
    }
    // Logout is never refused; other routes are not the gate's.
    expect((await raw(API.logout, '{}')).status).toBe(204);
    expect((await fetch(server.url + API.health, { headers: guesser })).status).toBe(200);
    // A counselor from another network signs in, and a woman from another network starts.
    expect((await loginStaff(server, 'sato', from('198.51.100.4'))).session.staff.username).toBe('sato');
    const woman = clientSocket(server, from('198.51.100.5'));
    servers.track(woman);
    await connected(woman);
    expect(await send(woman, 'consultation:start', {})).toMatchObject({ ok: true });
  });
});

/** Nice values of this process's threads (Linux: field 19 of each /proc/self/task/<tid>/stat). */
function threadNiceness(): number[] {
  return fs.readdirSync('/proc/self/task').map((tid) => {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // After the command name in parentheses: state is field 3, nice field 19.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('login verification off the event loop', () => {
  let pool: VerifierPool | null = null;
  afterEach(async () => {
    await pool?.close();
    pool = null;
  });
  const servers = serverPerTest();

  it('answers other requests and sockets while a login is being verified, on a thread of lower priority', async () => {
    const gate = new SharedArrayBuffer(8);
    const held = new Int32Array(gate);
    pool = new VerifierPool(1, gate);
    const server = await servers.start({ verifier: pool });
    let answered = false;
    const login = loginStaff(server, 'sato').then((s) => {
      answered = true;
      return s;
    });
    // Wait until the verification has reached its thread and is held there.
    await waitAsync(held, 1, 0).value;
    // That thread runs below the relay's priority (nice 10), so chat traffic comes first on a busy machine.
    expect(threadNiceness()).toContain(10);
    const health = await fetch(server.url + API.health);
    expect(health.status).toBe(200);
    const woman = clientSocket(server);
    servers.track(woman);
    await connected(woman);
    const started = await send(woman, 'consultation:start', {});
    expect(typeof started.ok).toBe('boolean');
    expect(answered).toBe(false);
    Atomics.store(held, 0, 1);
    Atomics.notify(held, 0);
    expect((await login).session.staff.username).toBe('sato');
  });
});

describe('decoy answers for unknown usernames', () => {
  it('keep the same salt across a restart, in the same shape as a real account', async () => {
    const first = await startTestServer();
    const ask = async (url: string, username: string) => (await (await postJson(url + API.authParams, { username })).json()) as { data: Record<string, unknown> };
    const before = await ask(first.url, 'nobody-here');
    const real = await ask(first.url, 'sato');
    await first.stop();
    const again = await startTestServer({ dir: first.dir });
    try {
      const after = await ask(again.url, 'nobody-here');
      expect(after).toEqual(before);
      expect(Object.keys(before.data).sort()).toEqual(Object.keys(real.data).sort());
    } finally {
      await again.stop();
      again.cleanup();
    }
  });
});
