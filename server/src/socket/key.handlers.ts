import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';
import { rooms } from './types.js';

/** key:grant — her widget seals the session keys (one per epoch) to her counselor; relayed, never opened. */
export function registerKeyHandlers(handlers: HandlerTable, deps: Pick<Services, 'consultations'>): void {
  const { consultations } = deps;
  handlers.client('key:grant', async (payload, s) => {
    const c = await consultations.access(s.data, payload.consultationId);
    const grantedAt = await consultations.grantKeys(c, payload.staffId, payload.sealedKeys, 'client');
    s.nsp.to(rooms.staffMember(payload.staffId)).emit('key:granted', { consultationId: c.id, sealedKeys: payload.sealedKeys });
    return { grantedAt };
  });
}
