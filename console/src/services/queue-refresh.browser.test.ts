import type { QueueEntry, StaffSession } from '@tsunagari/shared';
import { describe, expect, it } from 'vitest';
import { QuietHost } from '../test/quiet-host.js';
import { ja } from '../i18n/ja.js';
import { QueueRoutingController } from './queue-routing.controller.js';
import type { StaffSocketController } from './staff-socket.controller.js';
import { ConsoleStore, type WorkspaceContext } from './workspace-context.js';

const waiting: QueueEntry = { consultationId: 'consultation-waiting', queuedAt: new Date().toISOString(), position: 1, urgent: false, campaign: null };
const session: StaffSession = {
  staff: { id: 'staff-sato', username: 'sato', displayName: '佐藤', role: 'counselor' },
  keys: { boxPublicKey: '', signPublicKey: '', wrappedSecretKeys: '', statement: { statement: {} as never, signature: '' } },
};

/** The routing part of a workspace whose relay answers `queue:list` with each of `answers` in turn. */
function workspace(answers: unknown[]) {
  let asked = 0;
  const request = (async (event: string) => {
    if (event === 'staff:list') return { ok: true, data: { counselors: [] } };
    if (event !== 'queue:list') throw new Error(`not expected here: ${event}`);
    return answers[Math.min(asked++, answers.length - 1)];
  }) as unknown as StaffSocketController['request'];
  const store = new ConsoleStore(new QuietHost());
  const ctx: WorkspaceContext = {
    host: new QuietHost(),
    socket: { request, listen: () => {} },
    store,
    session: () => session,
    crypto: () => {
      throw new Error('no keys needed for the queue');
    },
    trust: () => {
      throw new Error('no trust needed for the queue');
    },
    locked: () => false,
    announce: () => {},
  };
  return { routing: new QueueRoutingController(ctx, async () => {}), store, asked: () => asked };
}

/**
 * A counselor signs in while a woman waits, on a relay too busy to answer the first `queue:list`
 * in time: no change follows to push the queue, so without asking again her list would stay empty
 * and the woman unseen (a CI run's e2e counselor waited 150 s for a card that never came).
 */
describe('the console asks for the queue again when the relay did not answer', () => {
  it('a timed-out first answer is asked again, and the waiting woman is listed', async () => {
    const { routing, store, asked } = workspace([{ ok: false, error: 'TIMEOUT' }, { ok: true, data: { entries: [waiting] } }]);
    await routing.refresh();
    expect(asked()).toBe(2);
    expect(store.model.queue.map((e) => e.consultationId)).toEqual(['consultation-waiting']);
    expect(routing.queueNotice).toBe('');
  });

  it('a refusal is not asked again: the list says it could not be read', async () => {
    const { routing, store, asked } = workspace([{ ok: false, error: 'FORBIDDEN' }, { ok: true, data: { entries: [waiting] } }]);
    await routing.refresh();
    expect(asked()).toBe(1);
    expect(store.model.queue).toEqual([]);
    expect(routing.queueNotice).toBe(ja.queue.loadFailed);
  });
});
