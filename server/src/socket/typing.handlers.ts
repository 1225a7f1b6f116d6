import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';
import { rooms } from './types.js';

/** typing:set — relayed to the other side only, never stored. */
export function registerTypingHandlers(handlers: HandlerTable, deps: Pick<Services, 'consultations'>): void {
  const { consultations } = deps;
  handlers.participant('typing:set', async (payload, s, actor) => {
    const c = await consultations.access(actor, payload.consultationId);
    if (c.status !== 'active') return {};
    // Volatile, so a slow link drops it rather than queueing it.
    s.volatile.to(rooms.consultation(c.id)).emit('typing:changed', { consultationId: c.id, role: actor.role, typing: payload.typing });
    return {};
  });
}
