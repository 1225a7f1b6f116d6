import type { ConsultationService } from '../domain/consultations.js';
import type { ResumeService } from '../domain/resume.js';
import type { Logger } from '../log.js';
import { errors } from '../errors.js';
import { actorOf } from './actor.js';
import type { HandlerTable } from './handle.js';
import { rooms } from './types.js';

/** resume:* — register a resume code, and continue by code from any device. */
export function registerResumeHandlers(handlers: HandlerTable, consultations: ConsultationService, resume: ResumeService, log: Logger): void {
  handlers.on('resume:create', (payload, s) => {
    const c = consultations.access(actorOf(s), payload.consultationId);
    return resume.create(c, payload.lookup, payload.wrappedKey);
  });

  handlers.on('resume:open', (payload, s) => {
    if (s.data.role !== 'client') throw errors.forbidden();
    const { consultation, clientToken, wrappedKey } = resume.open(payload.lookup);
    s.data.consultationId = consultation.id;
    void s.join(rooms.consultation(consultation.id));
    log.info({ event: 'consultation.resumed_by_code' }, 'client continued by resume code');
    return { consultationId: consultation.id, clientToken, wrappedKey, snapshot: consultations.snapshot(consultation) };
  });
}
