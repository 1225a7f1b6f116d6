import type { EndReason } from '@tsunagari/shared';
import type { ConsultationService } from '../domain/consultations.js';
import type { OpeningHours } from '../domain/opening.js';
import type { RoutingService } from '../domain/routing-service.js';
import type { StartLimit } from '../domain/start-limit.js';
import { errors } from '../errors.js';
import type { Logger } from '../log.js';
import { actorOf } from './actor.js';
import type { HandlerTable } from './handle.js';
import { rooms, type TsunagariSocket } from './types.js';

export interface ConsultationHandlerDeps {
  service: ConsultationService;
  routing: RoutingService;
  log: Logger;
  hours: OpeningHours;
  starts: StartLimit;
}

/** consultation:* — join, resume, take, end. Thin: the domain decides, this tells people. */
export function registerConsultationHandlers(handlers: HandlerTable, deps: ConsultationHandlerDeps): void {
  const { service, routing, log, hours, starts } = deps;
  // Refused starts are logged as a count, at most once a minute: a script hammering the limit
  // must not be able to fill the disk with log lines either.
  const refused = { count: 0, loggedAt: Number.NEGATIVE_INFINITY };
  handlers.on('consultation:start', async (payload, s) => {
    const data = s.data;
    if (data.role !== 'client') throw errors.forbidden();
    if (data.consultationId) throw errors.invalidState('socket already has a consultation');
    // The server decides, whatever the widget believes about the time.
    if (!hours.isOpenNow()) throw errors.outsideHours();
    try {
      await starts.admit(data.caller);
    } catch (caught) {
      refused.count++;
      if (performance.now() - refused.loggedAt >= 60_000) {
        // Nothing about the caller is logged, only how many starts were refused.
        log.warn({ event: 'consultation.start_limited', refused: refused.count }, 'starts refused by the start limit');
        refused.count = 0;
        refused.loggedAt = performance.now();
      }
      throw caught;
    }
    // Two starts sent at once on one socket both got past the first check while waiting.
    if (data.consultationId) throw errors.invalidState('socket already has a consultation');
    const { consultation, clientToken } = service.start(payload);
    data.consultationId = consultation.id;
    void s.join(rooms.consultation(consultation.id));
    routing.joined(consultation);
    log.info({ event: 'consultation.started', urgent: consultation.urgent }, 'client joined the queue');
    return { consultationId: consultation.id, clientToken, position: service.positionOf(consultation.id) ?? 1 };
  });

  handlers.on('consultation:resume', (payload, s) => {
    if (s.data.role !== 'client') throw errors.forbidden();
    const c = service.resume(payload.consultationId, payload.clientToken);
    s.data.consultationId = c.id;
    void s.join(rooms.consultation(c.id));
    return service.snapshot(c);
  });

  const end = (consultationId: string, s: TsunagariSocket, reason: EndReason) => {
    const actor = actorOf(s);
    const c = service.access(actor, consultationId);
    // Leaving while still waiting is recorded as abandoned, with her wait (routing decides).
    const result = routing.end(c, actor.role, reason);
    if (result.changed) {
      const ended = { consultationId: c.id, endedBy: actor.role, reason: result.reason };
      s.to(rooms.consultation(c.id)).emit('consultation:ended', ended);
      log.info({ event: 'consultation.ended', by: actor.role, reason: result.reason }, 'consultation ended');
    }
    return { endedAt: result.endedAt };
  };
  handlers.on('consultation:end', (p, s) => end(p.consultationId, s, 'ended'));
  handlers.on('consultation:quick-exit', (p, s) => end(p.consultationId, s, 'quick_exit'));

  handlers.on('consultation:take', (payload, s) => {
    if (s.data.role === 'client') throw errors.forbidden();
    const staffId = s.data.staffId;
    // Capacity is checked by routing; it also joins her sockets and tells the client.
    const c = routing.take(staffId, payload.consultationId);
    log.info({ event: 'consultation.taken' }, 'counselor took a consultation');
    return routing.forStaff(c, staffId);
  });

  handlers.on('consultation:mine', (_payload, s) => {
    if (s.data.role === 'client') throw errors.forbidden();
    return { consultations: routing.mine(s.data.staffId) };
  });

  handlers.on('queue:list', () => ({ entries: service.queue() }));
}
