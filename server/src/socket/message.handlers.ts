import type { Services } from '../services.js';
import type { KeyedSerial } from '../domain/routing/serial.js';
import { arrivalKey } from './arrival-order.js';
import type { HandlerTable } from './handle.js';
import { rooms } from './types.js';

/** message:* — store and relay ciphertext; never look inside. */
export function registerMessageHandlers(handlers: HandlerTable, deps: Pick<Services, 'consultations' | 'messages' | 'routing'> & { arrivalOrder: KeyedSerial }): void {
  const { consultations, messages, routing, arrivalOrder } = deps;
  // In the order she (or her counselor) sent them: each lets the next go once it is queued for its commit.
  handlers.participant('message:send', (envelope, s, actor) =>
    arrivalOrder.run(arrivalKey(s.id, envelope.consultationId), async (queued) => {
      // Checked on her chat's row as this node last knew it (PostgreSQL: kept until any node announces a change).
      const c = await consultations.accessToWrite(actor, envelope.consultationId);
      const { message, created } = await messages.send(c, actor, envelope, queued);
      // A re-send after a lost ack is answered but not relayed again: the others already have it.
      if (created) s.to(rooms.consultation(c.id)).emit('message:new', message);
      // A waiting woman who writes is not a silent script: her silence counts again from now.
      if (created && actor.role === 'client') routing.silence.spoke(c);
      return { id: message.id };
    }),
  );

  handlers.participant('message:list', async (payload, _s, actor) => {
    const c = await consultations.access(actor, payload.consultationId);
    return consultations.history(c, payload.afterId ?? 0);
  });
}
