import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';
import { rooms } from './types.js';

/** key:grant — her widget seals the session key to her counselor; relayed, never opened. */
export function registerKeyHandlers(handlers: HandlerTable, deps: Pick<Services, 'consultations'>): void {
  const { consultations } = deps;
  handlers.client('key:grant', (payload, s) => {
    const c = consultations.access(s.data, payload.consultationId);
    const grantedAt = consultations.grantKey(c, payload.staffId, payload.sealedKey, 'client');
    s.nsp.to(rooms.staffMember(payload.staffId)).emit('key:granted', { consultationId: c.id, sealedKey: payload.sealedKey });
    return { grantedAt };
  });
}
