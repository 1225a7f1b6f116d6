import type { ConsultationService } from '../domain/consultations.js';
import { actorOf } from './actor.js';
import type { HandlerTable } from './handle.js';
import { rooms } from './types.js';

/** message:* and key:* — store and relay ciphertext and sealed keys; never look inside. */
export function registerMessageHandlers(handlers: HandlerTable, service: ConsultationService): void {
  handlers.on('message:send', async (envelope, s) => {
    const actor = actorOf(s);
    const c = service.access(actor, envelope.consultationId);
    const { message, created } = await service.send(c, actor, envelope);
    // A re-send after a lost ack is answered but not relayed again: the others already have it.
    if (created) s.to(rooms.consultation(c.id)).emit('message:new', message);
    return { id: message.id, sentAt: message.sentAt };
  });

  handlers.on('message:list', (payload, s) => {
    const c = service.access(actorOf(s), payload.consultationId);
    return { messages: service.history(c, payload.afterId ?? 0) };
  });

  handlers.on('key:grant', (payload, s) => {
    const actor = actorOf(s);
    const c = service.access(actor, payload.consultationId);
    const grantedAt = service.grantKey(c, payload.staffId, payload.sealedKey, actor.role);
    s.nsp.to(rooms.staffMember(payload.staffId)).emit('key:granted', {
      consultationId: c.id,
      sealedKey: payload.sealedKey,
    });
    return { grantedAt };
  });
}
