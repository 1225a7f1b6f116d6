import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';
import { rooms } from './types.js';

/** message:* — store and relay ciphertext; never look inside. */
export function registerMessageHandlers(handlers: HandlerTable, deps: Pick<Services, 'consultations' | 'messages' | 'routing'>): void {
  const { consultations, messages, routing } = deps;
  handlers.participant('message:send', async (envelope, s, actor) => {
    const c = await consultations.access(actor, envelope.consultationId);
    const { message, created } = await messages.send(c, actor, envelope);
    // A re-send after a lost ack is answered but not relayed again: the others already have it.
    if (created) s.to(rooms.consultation(c.id)).emit('message:new', message);
    // A waiting woman who writes is not a silent script: her silence counts again from now.
    if (created && actor.role === 'client') routing.clientSpoke(c);
    return { id: message.id };
  });

  handlers.participant('message:list', async (payload, _s, actor) => {
    const c = await consultations.access(actor, payload.consultationId);
    return consultations.history(c, payload.afterId ?? 0);
  });
}
