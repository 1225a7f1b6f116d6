import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';

/**
 * queue:list and offer:accept — the queue as staff see it, and taking the client offered;
 * queue:still-here — a waiting woman's answer that she is still there.
 */
export function registerQueueHandlers(handlers: HandlerTable, deps: Pick<Services, 'routing' | 'presenter' | 'consultations'> & { log: Logger }): void {
  const { routing, presenter, consultations, log } = deps;
  handlers.staff('queue:list', async () => presenter.queueList(await routing.router.view()));

  handlers.staff('offer:accept', async (payload, s) => {
    const c = await routing.take(s.data.staffId, payload.consultationId);
    log.info({ event: 'consultation.taken', via: 'offer' }, 'counselor accepted an offer');
    return presenter.forStaff(c, s.data.staffId);
  });

  handlers.client('queue:still-here', async (payload, s) => {
    const c = await consultations.access(s.data, payload.consultationId);
    return { answered: routing.silence.stillHere(c) };
  });
}
