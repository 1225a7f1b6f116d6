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

  async function setup(options: { clientSilenceMs?: number; clientSilenceAnswerMs?: number; clientGraceMs?: number } = {}) {
    const db = freshDatabase();
    const repos = createSqliteRepositories(db);
    await repos.staff.insert(activeStaffRecord('s1', 2));
    const time = fakeTime(Date.parse('2026-11-30T01:00:00Z'));
    const abandoned: string[] = [];
    const asked: Array<{ id: string; answerBy: string }> = [];
    const events: RoutingEvents = {
      offered: () => undefined, offerWithdrawn: () => undefined, changed: () => undefined, assigned: async () => undefined,
      transferred: async () => undefined, requeued: () => undefined, abandoned: (id) => void abandoned.push(id),
      clientAway: () => undefined, clientGone: () => undefined, stillWaiting: (id, answerBy) => void asked.push({ id, answerBy }),
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
      const { consultation } = await routing.start({});
      await routing.absence.online(consultation.id);
      await routing.enqueue(consultation);
      return consultation;
    };
    const cause = (id: string) => (db.prepare('SELECT abandon_cause AS c, end_reason AS r FROM consultation WHERE id = ?').get(id) as { c: string | null; r: string | null });
    return { repos, routing, time, woman, abandoned, asked, cause };
  }

  it('a connected client who sends nothing after her intake for 30 minutes is ended as abandoned, cause silent (not asked: answer window 0); a woman who writes stays', async () => {
    const { repos, routing, time, woman, abandoned, cause } = await setup({ clientSilenceAnswerMs: 0 });
    const script = await woman();
    const her = await woman();
    await time.advance(20 * MIN);
    routing.silence.spoke((await repos.consultations.byId(her.id))!);
    await time.advance(10 * MIN);
    expect((await repos.consultations.byId(script.id))?.status).toBe('ended');
    expect(cause(script.id)).toEqual({ c: 'silent', r: 'abandoned' });
    expect(abandoned).toEqual([script.id]);
    // Her silence counts from her last message: still waiting, and first in the queue now.
    expect((await repos.consultations.byId(her.id))?.status).toBe('waiting');
    expect((await routing.router.queue()).map((q) => q.consultationId)).toEqual([her.id]);
    await time.advance(20 * MIN);
    expect(cause(her.id)).toEqual({ c: 'silent', r: 'abandoned' });
  });

  it('a waiting client whose socket is gone past the grace period is ended as abandoned, cause timeout', async () => {
    const { routing, time, woman, cause } = await setup();
    const c = await woman();
    await routing.absence.offline(c.id);
    await time.advance(2 * MIN);
    expect(cause(c.id)).toEqual({ c: 'timeout', r: 'abandoned' });
  });

  it('a woman taken before her silence runs out is not ended, and neither is one whose chat went back to the queue', async () => {
    const { repos, routing, time, woman } = await setup();
    await routing.counselors.online('s1');
    const c = await woman();
    await routing.take('s1', c.id);
    await time.advance(31 * MIN);
    expect((await repos.consultations.byId(c.id))?.status).toBe('active');
    await routing.transfer('s1', (await repos.consultations.byId(c.id))!, {});
    routing.silence.spoke((await repos.consultations.byId(c.id))!);
    await time.advance(31 * MIN);
    expect((await repos.consultations.byId(c.id))?.status).toBe('waiting');
  });

  it('0 turns the silence limit off', async () => {
    const { repos, time, woman } = await setup({ clientSilenceMs: 0 });
    const c = await woman();
    await time.advance(24 * 60 * MIN);
    expect((await repos.consultations.byId(c.id))?.status).toBe('waiting');
  });

  it('asks a silent woman whether she still waits; she keeps her place while she may answer, and her answer keeps it', async () => {
    const { repos, routing, time, woman, abandoned, asked, cause } = await setup();
    const quiet = await woman();
    const script = await woman();
    await time.advance(30 * MIN);
    expect(asked.map((a) => [a.id, a.answerBy])).toEqual([
      [quiet.id, new Date(time.now() + 10 * MIN).toISOString()],
      [script.id, new Date(time.now() + 10 * MIN).toISOString()],
    ]);
    expect((await repos.consultations.byId(quiet.id))?.status).toBe('waiting');
    await time.advance(9 * MIN);
    expect(routing.silence.stillHere((await repos.consultations.byId(quiet.id))!)).toBe(true);
    expect(routing.silence.stillHere((await repos.consultations.byId(quiet.id))!)).toBe(false); // answered once per question
    await time.advance(1 * MIN);
    expect(cause(script.id)).toEqual({ c: 'silent', r: 'abandoned' });
    expect(abandoned).toEqual([script.id]);
    expect((await routing.router.queue()).map((q) => q.consultationId)).toEqual([quiet.id]);
    // Her silence counts again from her answer: asked again 30 minutes later.
    await time.advance(28 * MIN);
    expect(asked).toHaveLength(2);
    await time.advance(1 * MIN);
    expect(asked.map((a) => a.id)).toEqual([quiet.id, script.id, quiet.id]);
  });

  it('an answer nobody asked for changes nothing: a script cannot keep its place by answering ahead', async () => {
    const { repos, routing, time, woman, cause } = await setup();
    const script = await woman();
    for (let minute = 0; minute < 30; minute += 5) {
      expect(routing.silence.stillHere((await repos.consultations.byId(script.id))!)).toBe(false);
      await time.advance(5 * MIN);
    }
    await time.advance(10 * MIN);
    expect(cause(script.id)).toEqual({ c: 'silent', r: 'abandoned' });
  });

  it('asked while her socket was gone: asked again when she is back, with the same time to answer', async () => {
    const { repos, routing, time, woman, asked } = await setup({ clientGraceMs: 60 * MIN });
    const c = await woman();
    await routing.absence.offline(c.id);
    await time.advance(30 * MIN);
    await routing.absence.online(c.id);
    expect(asked).toHaveLength(2);
    expect(asked[1]).toEqual(asked[0]);
    expect((await repos.consultations.byId(c.id))?.status).toBe('waiting');
  });
});
