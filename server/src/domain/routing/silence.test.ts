/**
 * Waiting clients who send nothing: on the injected clock and scheduler, a real SQLite file and
 * the in-memory store. A script that starts and then sits in the queue is ended as abandoned
 * (cause 'silent'); a woman who writes, or who was taken, is not.
 */
import { describe, expect, it } from 'vitest';
import { activeStaffRecord } from '../../../test/staff-record.js';
import { tempDatabases } from '../../../test/temp-database.js';
import { createSqliteRepositories } from '../../repositories/sqlite.js';
import { loadSodium } from '../../sodium.js';
import type { RoutingEvents } from './events.js';
import { fakeTime } from './fake-time.js';
import { MemoryQueueStore } from './memory-queue-store.js';
import { RoutingService } from './routing-service.js';

const MIN = 60_000;

describe('routing: silent waiting clients', () => {
  const freshDatabase = tempDatabases('silence');

  async function setup(options: { clientSilenceMs?: number } = {}) {
    const db = freshDatabase();
    const repos = createSqliteRepositories(db);
    repos.staff.insert(activeStaffRecord('s1', 2));
    const time = fakeTime(Date.parse('2026-11-30T01:00:00Z'));
    const abandoned: string[] = [];
    const events: RoutingEvents = {
      offered: () => undefined, offerWithdrawn: () => undefined, changed: () => undefined, assigned: () => undefined,
      transferred: () => undefined, requeued: () => undefined, abandoned: (id) => void abandoned.push(id),
      clientAway: () => undefined, clientGone: () => undefined,
      failed: (caught) => {
        throw caught;
      },
    };
    const routing = new RoutingService({
      repos, sodium: await loadSodium(), clock: { now: () => new Date(time.now()) }, scheduler: time.scheduler, store: new MemoryQueueStore(),
      options: { clientGraceMs: 2 * MIN, ...options },
    });
    await routing.boot(events);
    const woman = async () => {
      const { consultation } = routing.start({});
      routing.clientOnline(consultation.id);
      await routing.enqueue(consultation);
      return consultation;
    };
    const cause = (id: string) => (db.prepare('SELECT abandon_cause AS c, end_reason AS r FROM consultation WHERE id = ?').get(id) as { c: string | null; r: string | null });
    return { repos, routing, time, woman, abandoned, cause };
  }

  it('a connected client who sends nothing after her intake for 30 minutes is ended as abandoned, cause silent; a woman who writes stays', async () => {
    const { repos, routing, time, woman, abandoned, cause } = await setup();
    const script = await woman();
    const her = await woman();
    await time.advance(20 * MIN);
    routing.clientSpoke(repos.consultations.byId(her.id)!);
    await time.advance(10 * MIN);
    expect(repos.consultations.byId(script.id)?.status).toBe('ended');
    expect(cause(script.id)).toEqual({ c: 'silent', r: 'abandoned' });
    expect(abandoned).toEqual([script.id]);
    // Her silence counts from her last message: still waiting, and first in the queue now.
    expect(repos.consultations.byId(her.id)?.status).toBe('waiting');
    expect((await routing.router.queue()).map((q) => q.consultationId)).toEqual([her.id]);
    await time.advance(20 * MIN);
    expect(cause(her.id)).toEqual({ c: 'silent', r: 'abandoned' });
  });

  it('a waiting client whose socket is gone past the grace period is ended as abandoned, cause timeout', async () => {
    const { routing, time, woman, cause } = await setup();
    const c = await woman();
    await routing.clientOffline(c.id);
    await time.advance(2 * MIN);
    expect(cause(c.id)).toEqual({ c: 'timeout', r: 'abandoned' });
  });

  it('a woman taken before her silence runs out is not ended, and neither is one whose chat went back to the queue', async () => {
    const { repos, routing, time, woman } = await setup();
    await routing.staffOnline('s1');
    const c = await woman();
    await routing.take('s1', c.id);
    await time.advance(31 * MIN);
    expect(repos.consultations.byId(c.id)?.status).toBe('active');
    await routing.transfer('s1', repos.consultations.byId(c.id)!, {});
    routing.clientSpoke(repos.consultations.byId(c.id)!);
    await time.advance(31 * MIN);
    expect(repos.consultations.byId(c.id)?.status).toBe('waiting');
  });

  it('0 turns the silence limit off', async () => {
    const { repos, time, woman } = await setup({ clientSilenceMs: 0 });
    const c = await woman();
    await time.advance(24 * 60 * MIN);
    expect(repos.consultations.byId(c.id)?.status).toBe('waiting');
  });
});
