import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';
import { rooms } from './types.js';

/** resume:* — register a resume code, and continue by code from any device. */
export function registerResumeHandlers(handlers: HandlerTable, deps: Pick<Services, 'consultations' | 'resume' | 'routing' | 'presenter'> & { log: Logger }): void {
  const { consultations, resume, routing, presenter, log } = deps;
  handlers.client('resume:create', async (payload, s) => {
    const c = await consultations.access(s.data, payload.consultationId);
    return resume.create(c, payload.lookup, payload.wrappedKey);
  });

  handlers.client('resume:open', async (payload, s) => {
    const { consultation, clientToken, wrappedKey } = await resume.open(payload.lookup);
    const room = rooms.consultation(consultation.id);
    s.data.consultationId = consultation.id;
    // Joined before the others go, so their leaving does not start her away period.
    void s.join(room);
    // The consultation moves to this device: any other device of hers in it is dropped (her old
    // token was replaced above), and her counselor is told. Asked of every node (issue 17): her
    // other device may be connected to another one; one process answers from its own sockets.
    const others = (await s.nsp.in(room).fetchSockets()).filter((o) => o.id !== s.id && o.data.role === 'client');
    for (const o of others) o.disconnect(true);
    if (consultation.assignedStaffId) s.nsp.to(rooms.staffMember(consultation.assignedStaffId)).emit('consultation:moved', { consultationId: consultation.id });
    log.info({ event: 'consultation.resumed_by_code' }, 'client continued by resume code');
    return { consultationId: consultation.id, clientToken, wrappedKey, snapshot: await presenter.snapshot(consultation, await routing.router.place(consultation.id)) };
  });
}
