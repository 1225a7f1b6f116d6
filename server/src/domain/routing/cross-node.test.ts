import { describe, expect, it } from 'vitest';
import type { StoreIncarnation } from '../../cluster/store-incarnation.js';
import type { Scheduler } from '../../scheduler.js';
import type { RoutingContext } from './context.js';
import { CrossNode } from './cross-node.js';

// Issue 17: where a booting node's routing comes from when the store is shared (CrossNode.boot).
/** Timers that never fire: the sweep for orphaned offers is not what these tests are about. */
const idle: Scheduler = { set: () => 0, clear: () => undefined };
type Read = Awaited<ReturnType<StoreIncarnation['read']>>;

/**
 * A node booting on a shared store that answers `reads` in turn (the last one from then on) and
 * claims as `claims` says; `running`: a live node holds the job lock. Counts restores and joins.
 */
function booting(reads: Read[], { claims = [false], running = false, named = ['new-id'] }: { claims?: boolean[]; running?: boolean; named?: (string | null)[] } = {}) {
  let restores = 0;
  let joins = 0;
  const ctx = { router: { adoptOffers: async () => void joins++ }, options: { offerTimeoutMs: 1_000 }, stopped: () => false, events: () => null } as unknown as RoutingContext;
  const incarnation: StoreIncarnation = {
    read: async () => (reads.length > 1 ? (reads.shift() as Read) : (reads[0] as Read)),
    claim: async () => (claims.length > 1 ? (claims.shift() as boolean) : (claims[0] as boolean)),
    restored: async () => (named.length > 1 ? (named.shift() as string | null) : (named[0] as string | null)),
    watch: () => undefined,
    stop: () => undefined,
  };
  const node = new CrossNode(ctx, idle, true, { clusterRunning: async () => running, incarnation });
  const boot = () => node.boot(async () => void restores++);
  return { boot, counts: () => ({ restores, joins }) };
}

describe('a node booting on a shared store', () => {
  it('empty (never restored, or Redis restarted): the node that claims it restores it and names the restore', async () => {
    const n = booting([{ state: 'empty' }], { claims: [true] });
    expect(await n.boot()).toEqual({ from: 'database', incarnation: 'new-id' });
    expect(n.counts()).toEqual({ restores: 1, joins: 0 });
  });

  it('Redis lost its claim during the restore (restarted, taking part of it away): it claims and restores again, whole', async () => {
    const n = booting([{ state: 'empty' }], { claims: [true], named: [null, 'second'] });
    expect(await n.boot()).toEqual({ from: 'database', incarnation: 'second' });
    expect(n.counts()).toEqual({ restores: 2, joins: 0 });
  });

  it('being restored by another node: waits, then joins — even before that node holds the job lock', async () => {
    const n = booting([{ state: 'restoring' }, { state: 'restoring' }, { state: 'restored', id: 'theirs' }], { running: false });
    expect(await n.boot()).toEqual({ from: 'cluster', incarnation: 'theirs' });
    expect(n.counts()).toEqual({ restores: 0, joins: 1 });
  });

  it('empty but claimed first by another node: waits for its restore and joins', async () => {
    const n = booting([{ state: 'empty' }, { state: 'restoring' }, { state: 'restored', id: 'theirs' }], { claims: [false] });
    expect(await n.boot()).toEqual({ from: 'cluster', incarnation: 'theirs' });
    expect(n.counts()).toEqual({ restores: 0, joins: 1 });
  });

  it('restored, and a live node runs it: joins', async () => {
    const n = booting([{ state: 'restored', id: 'running' }], { running: true });
    expect(await n.boot()).toEqual({ from: 'cluster', incarnation: 'running' });
    expect(n.counts()).toEqual({ restores: 0, joins: 1 });
  });

  it('restored, but no live node runs it (a lone relay restarted after a kill): restores over it, keeping its name', async () => {
    const n = booting([{ state: 'restored', id: 'before' }], { running: false });
    expect(await n.boot()).toEqual({ from: 'database', incarnation: 'before' });
    expect(n.counts()).toEqual({ restores: 1, joins: 0 });
  });
});
