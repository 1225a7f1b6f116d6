/**
 * Routing over storage that answers a turn later, as PostgreSQL does (test/slow-storage.ts): a
 * timer's end and a counselor's take of the same woman at once. With better-sqlite3 alone the
 * timer's reads and its end were one turn; now other work runs between them.
 */
import { describe, expect, it } from 'vitest';
import { answeringLater } from '../../../test/slow-storage.js';
import { activeStaffRecord } from '../../../test/staff-record.js';
import { tempDatabases } from '../../../test/temp-database.js';
import { createSqliteRepositories } from '../../repositories/sqlite.js';
import { loadSodium } from '../../sodium.js';
import type { RoutingEvents } from './events.js';
import { fakeTime } from './fake-time.js';
import { MemoryQueueStore } from './memory-queue-store.js';
import { RoutingService } from './routing-service.js';

const GRACE_MS = 60_000;
/** Enough turns for every chain started here to finish (each slow call takes two). */
const quiet = async () => {
  for (let i = 0; i < 60; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('routing over storage that answers later', () => {
  const freshDatabase = tempDatabases('routing-slow');

  it.each([0, 1, 2, 3, 4, 5])('her grace runs out while a counselor takes her (take %i turns ahead): taken or ended, never taken and then ended', async (ahead) => {
    const sqlite = createSqliteRepositories(freshDatabase());
    await sqlite.staff.insert(activeStaffRecord('s1', 2));
    const repos = answeringLater(sqlite);
    const time = fakeTime();
    const abandoned: string[] = [];
    const events: RoutingEvents = {
      offered: () => undefined, offerWithdrawn: () => undefined, changed: () => undefined, assigned: async () => undefined,
      transferred: async () => undefined, requeued: () => undefined, abandoned: (id) => void abandoned.push(id), clientAway: () => undefined,
      clientGone: () => undefined, stillWaiting: () => undefined,
      failed: (caught) => {
        throw caught;
      },
    };
    const routing = new RoutingService({ repos, sodium: await loadSodium(), clock: { now: () => new Date(time.now()) }, scheduler: time.scheduler, store: new MemoryQueueStore(), options: { clientGraceMs: GRACE_MS, clientSilenceMs: 0 } });
    await routing.boot(events);
    await routing.counselors.online('s1');
    const { consultation: c } = await routing.start({});
    await routing.enqueue(c);
    await routing.absence.online(c.id);
    await routing.absence.offline(c.id);

    const take = routing.take('s1', c.id).then(
      () => 'taken',
      (caught: { code?: string }) => caught.code,
    );
    for (let i = 0; i < ahead; i++) await new Promise((resolve) => setImmediate(resolve));
    await time.advance(GRACE_MS);
    const took = await take;
    await quiet();

    const row = await sqlite.consultations.byId(c.id);
    const load = (await routing.router.counselor('s1'))?.load;
    if (took === 'taken') {
      expect(row).toMatchObject({ status: 'active', assignedStaffId: 's1' });
      expect(abandoned).toEqual([]);
      expect(load).toBe(1);
    } else {
      expect(took).toBe('INVALID_STATE');
      expect(row).toMatchObject({ status: 'ended', endReason: 'abandoned' });
      expect(abandoned).toEqual([c.id]);
      expect(load).toBe(0);
    }
    routing.stop();
  });

  it('a counselor made after start-up takes a woman the moment her console connects: her take waits for her presence, not refused', async () => {
    const sqlite = createSqliteRepositories(freshDatabase());
    const repos = answeringLater(sqlite);
    const time = fakeTime();
    const events: RoutingEvents = {
      offered: () => undefined, offerWithdrawn: () => undefined, changed: () => undefined, assigned: async () => undefined,
      transferred: async () => undefined, requeued: () => undefined, abandoned: () => undefined, clientAway: () => undefined,
      clientGone: () => undefined, stillWaiting: () => undefined,
      failed: (caught) => {
        throw caught;
      },
    };
    const routing = new RoutingService({ repos, sodium: await loadSodium(), clock: { now: () => new Date(time.now()) }, scheduler: time.scheduler, store: new MemoryQueueStore(), options: { clientGraceMs: GRACE_MS, clientSilenceMs: 0 } });
    await routing.boot(events);
    const { consultation: c } = await routing.start({});
    await routing.enqueue(c);
    // Made after boot (the admin CLI beside a running relay): routing reads her from storage as she connects.
    await sqlite.staff.insert(activeStaffRecord('s9', 2));

    // The socket layer starts her presence without awaiting it; her console's take comes next.
    const online = routing.counselors.online('s9');
    const taken = await routing.take('s9', c.id);
    await online;

    expect(taken).toMatchObject({ id: c.id, status: 'active', assignedStaffId: 's9' });
    expect((await routing.router.counselor('s9'))?.load).toBe(1);
    // Someone routing will never know (no counselor row) is still refused.
    const { consultation: other } = await routing.start({});
    await routing.enqueue(other);
    await expect(routing.take('nobody', other.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await sqlite.consultations.byId(other.id))?.status).toBe('waiting');
    routing.stop();
  });
});
