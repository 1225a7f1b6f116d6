import { describe, expect, it } from 'vitest';
import { redisPerFile } from '../../test/redis-per-file.js';
import { CallerLedger } from '../domain/callers/caller-ledger.js';
import { StartProofs } from '../domain/callers/start-proof.js';
import { LoginGuard } from '../domain/staff/login-guard.js';
import { StartLimit } from '../domain/start-limit.js';
import type { ConsultationStatus, StartProof } from '@tsunagari/shared';
import { type Clock, systemClock } from '../clock.js';
import { createRedisNode } from './redis-node.js';
import { createLogger } from '../log.js';
import { DailyClientKey } from '../http/client-key.js';
import { loadSodium } from '../sodium.js';
import type { SharedNode } from '../cluster/shared-node.js';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';

// Issue 17: two relay nodes on one Redis count one caller network's starts, chats and failed
// logins together. Each "node" here is its own set of domain objects over its own connection.
const file = redisPerFile();
let n = 0;

/** Two nodes' shared pieces on one Redis, under a prefix of this test's own. */
function twoNodes(clock: Clock = systemClock): [SharedNode, SharedNode] {
  const prefix = `limits${++n}:`;
  const options = { prefix, clock, log: createLogger('silent') };
  return [createRedisNode(file.redis.connect(), options), createRedisNode(file.redis.connect(), options)];
}

describe('limits shared by two nodes on one Redis', () => {
  it('the start limit: starts from one network on node A and node B hit the limit at the shared count', async () => {
    const [a, b] = twoNodes();
    const nodeA = new StartLimit(5, a.limiters);
    const nodeB = new StartLimit(5, b.limiters);
    for (let i = 0; i < 5; i++) await (i % 2 === 0 ? nodeA : nodeB).admit('net-1');
    await expect(nodeA.admit('net-1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(nodeB.admit('net-1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // Another network has its own budget.
    await nodeB.admit('net-2');
  });

  it('the login budgets: failures on node A and node B add up to one network budget and one wait', async () => {
    const [a, b] = twoNodes();
    const limits = { freeFailures: 2, failuresPerNetwork: 4 };
    const nodeA = new LoginGuard(limits, a.limiters);
    const nodeB = new LoginGuard(limits, b.limiters);
    await nodeA.failed('sato', 'net-1');
    expect(await nodeB.admit('sato', 'net-1')).toBe(0);
    await nodeB.failed('sato', 'net-1'); // the second failure on the name sets a wait, on both nodes
    await expect(nodeA.admit('sato', 'net-1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await nodeA.admit('sato', 'net-2')).toBe(0);
    await nodeA.failed('tanaka', 'net-1');
    expect(await nodeB.networkRefusedFor('net-1')).toBe(0);
    await nodeB.failed('suzuki', 'net-1'); // the fourth from the network, over two nodes
    expect(await nodeA.networkRefusedFor('net-1')).toBeGreaterThan(0);
    await expect(nodeB.admit('yamada', 'net-1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it("the caller ledger: one network's open chats on both nodes count together; ended ones are freed; a block holds on both", async () => {
    const [a, b] = twoNodes();
    const status = new Map<string, ConsultationStatus>();
    const statusOf = async (id: string) => status.get(id) ?? null;
    const options = { openPerCaller: 2, urgentPerHour: 1 };
    const nodeA = new CallerLedger(statusOf, systemClock, options, { store: a.callerLedger, limiters: a.limiters });
    const nodeB = new CallerLedger(statusOf, systemClock, options, { store: b.callerLedger, limiters: b.limiters });
    await nodeA.check('net-1');
    status.set('c1', 'waiting');
    await nodeA.opened('net-1', 'c1');
    await nodeB.check('net-1');
    status.set('c2', 'waiting');
    await nodeB.opened('net-1', 'c2');
    await expect(nodeA.check('net-1')).rejects.toMatchObject({ code: 'TOO_MANY_OPEN' });
    await expect(nodeB.check('net-1')).rejects.toMatchObject({ code: 'TOO_MANY_OPEN' });
    await nodeB.check('net-2');
    status.set('c1', 'ended');
    await nodeB.check('net-1');
    expect(await nodeA.caller('c2')).toBe('net-1');
    expect(await nodeB.caller('c1')).toBeNull();
    // The urgent budget is one an hour across both nodes.
    expect(await nodeA.honourUrgent('net-1')).toBe(true);
    expect(await nodeB.honourUrgent('net-1')).toBe(false);
    // A nuisance block set on node B turns the network away on node A for the rest of the day.
    await nodeB.block('net-1');
    await expect(nodeA.check('net-1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await nodeA.isBlocked('net-3')).toBe(false);
  });

  it("the caller ledger's held places: starts racing on two nodes hold the limit once; a place its node never gave back lapses", async () => {
    const [a, b] = twoNodes();
    const holds = await Promise.all([a, b, a, b, a].map((node) => node.callerLedger.hold('net-1', 2, 300)));
    expect(holds.filter((t) => t !== null)).toHaveLength(2);
    await a.callerLedger.addOpen('net-1', 'c1');
    // One place is open, two held: full until a hold is given back or lapses.
    expect(await b.callerLedger.hold('net-1', 3, 300)).toBeNull();
    const [first] = holds.filter((t): t is string => t !== null);
    await a.callerLedger.release('net-1', first as string);
    expect(await b.callerLedger.hold('net-1', 3, 60_000)).not.toBeNull();
    expect(await a.callerLedger.hold('net-1', 3, 60_000)).toBeNull();
    // The other place was never given back (its node died mid-start): it lapses after its 300 ms.
    await expect.poll(() => a.callerLedger.hold('net-1', 3, 60_000), { timeout: 5_000, interval: 50 }).not.toBeNull();
  });

  it("the start proofs: a challenge from node A is accepted once, by node B, and refused again on either", async () => {
    const [a, b] = twoNodes();
    const options = { counter: 50, floodWaiting: 30 };
    const nodeA = new StartProofs(systemClock, options, async () => 0, a.proofs);
    const nodeB = new StartProofs(systemClock, options, async () => 0, b.proofs);
    const challenge = await nodeA.challenge();
    if (!challenge) throw new Error('a challenge was expected');
    const solution = await solveChallenge({ challenge, deriveKey });
    if (!solution) throw new Error('the challenge was not solved');
    const proof = { challenge: { parameters: challenge.parameters, signature: challenge.signature ?? '' }, solution } as StartProof;
    await nodeB.verify(proof);
    await expect(nodeA.verify(proof)).rejects.toMatchObject({ code: 'PROOF_REFUSED' });
    await expect(nodeB.verify(proof)).rejects.toMatchObject({ code: 'PROOF_REFUSED' });
  });

  it("the caller keys: both nodes salt a network's address with the day's one salt, which expires with its Tokyo day", async () => {
    let now = new Date('2026-11-30T14:00:00Z'); // 23:00 in Tokyo
    const clock = { now: () => now };
    const [a, b] = twoNodes(clock);
    const sodium = await loadSodium();
    await Promise.all([a.start(), b.start()]);
    const keyA = new DailyClientKey(sodium, clock, a.salts);
    const keyB = new DailyClientKey(sodium, clock, b.salts);
    expect(keyA.of('203.0.113.7/32')).toBe(keyB.of('203.0.113.7/32'));
    expect(keyA.of('203.0.113.7/32')).not.toBe(keyB.of('203.0.113.8/32'));
    const today = keyA.of('203.0.113.7/32');
    // Past Tokyo midnight both use the next day's salt, already fetched: the same key, not today's.
    now = new Date('2026-11-30T15:30:00Z');
    expect(keyA.of('203.0.113.7/32')).toBe(keyB.of('203.0.113.7/32'));
    expect(keyA.of('203.0.113.7/32')).not.toBe(today);
    // Each day's salt is kept in Redis no longer than its Tokyo day (and a few minutes for clock skew).
    const ttl = await file.redis.connect().pttl(`limits${n}:callers:salt:2026-11-30`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60 * 60_000 + 5 * 60_000);
    a.stop();
    b.stop();
  });
});
