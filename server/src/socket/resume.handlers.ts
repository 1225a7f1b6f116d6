import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { HandlerTable } from './handle.js';
import { rooms } from './types.js';

/** resume:* — register a resume code, and continue by code from any device. */
export function registerResumeHandlers(handlers: HandlerTable, deps: Pick<Services, 'consultations' | 'resume' | 'routing' | 'presenter'> & { log: Logger }): void {
  const { consultations, resume, routing, presenter, log } = deps;
  handlers.client('resume:create', (payload, s) => {
    const c = consultations.access(s.data, payload.consultationId);
    return resume.create(c, payload.lookup, payload.wrappedKey);
  });

  handlers.client('resume:open', async (payload, s) => {
    const { consultation, clientToken, wrappedKey } = resume.open(payload.lookup);
    s.data.consultationId = consultation.id;
    void s.join(rooms.consultation(consultation.id));
    log.info({ event: 'consultation.resumed_by_code' }, 'client continued by resume code');
    return { consultationId: consultation.id, clientToken, wrappedKey, snapshot: presenter.snapshot(consultation, await routing.view()) };
  });
}
