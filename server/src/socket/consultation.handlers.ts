import type { ConsultationStartPayload, DemandKind, EndReason } from '@tsunagari/shared';
import type { Actor } from '../domain/types.js';
import { DomainError, errors } from '../errors.js';
import type { Logger } from '../log.js';
import type { Services } from '../services.js';
import type { KeyedSerial } from '../domain/routing/serial.js';
import { arrivalKey } from './arrival-order.js';
import type { HandlerTable } from './handle.js';
import { StartReplies } from './start-replies.js';
import { rooms, type ClientSocket, type TsunagariSocket } from './types.js';

type Deps = Pick<Services, 'consultations' | 'messages' | 'routing' | 'presenter' | 'records' | 'hours' | 'starts' | 'callerLedger' | 'startProofs' | 'campaigns' | 'demand'> & { log: Logger; arrivalOrder: KeyedSerial };

/** The refusals that are demand turned away (issue 16); a refused proof of work is not counted: that is a script or a broken client. */
const UNSERVED: Partial<Record<string, DemandKind>> = { OUTSIDE_HOURS: 'closed', RATE_LIMITED: 'refused', TOO_MANY_OPEN: 'refused' };

/** consultation:* — start, resume, end, nuisance, take, mine, transfer, read, record. Thin: the domain decides, this tells people. */
export function registerConsultationHandlers(handlers: HandlerTable, deps: Deps): void {
  const { consultations, messages, routing, presenter, records, hours, starts, callerLedger: ledger, startProofs, campaigns, demand, log, arrivalOrder } = deps;
  // A start turned away counts once per socket and kind (the widget may retry on the same socket);
  // the counter itself also caps each caller network's share of a day.
  const counted = new WeakMap<TsunagariSocket, Set<DemandKind>>();
  const unserved = (s: TsunagariSocket, caught: unknown) => {
    const kind = caught instanceof DomainError ? UNSERVED[caught.code] : undefined;
    if (!kind || s.data.role !== 'client') return;
    let kinds = counted.get(s);
    if (!kinds) counted.set(s, (kinds = new Set()));
    if (kinds.has(kind)) return;
    kinds.add(kind);
    void demand.count(kind, s.data.caller).catch((caught: unknown) => log.error({ event: 'demand.count_failed', errName: caught instanceof Error ? caught.name : typeof caught }, 'demand count not stored'));
  };
  // Refused starts are logged as a count, at most once a minute: a script hammering the limit
  // must not be able to fill the disk with log lines either.
  const refused = { count: 0, loggedAt: Number.NEGATIVE_INFINITY };
  // The same start sent again on the same socket (its ack was lost, or it is still on its way)
  // gets the same consultation; its row is written across awaits, so one on its way is waited for.
  const replies = new StartReplies();
  const startedAlready = async (payload: ConsultationStartPayload, s: ClientSocket) => {
    const earlier = replies.again(s, payload);
    if (!earlier) throw errors.invalidState('socket already has a consultation');
    // Ended meanwhile: INVALID_STATE, as for any request about it from this socket.
    const c = await consultations.access(s.data, earlier.consultationId);
    // Her place now (she may have moved up, or been taken already: then first, as a start says).
    return { ...earlier, position: (await routing.router.position(c.id)) ?? 1 };
  };
  const starting = new WeakMap<ClientSocket, { request: string; answer: Promise<{ consultationId: string; clientToken: string; position: number }> }>();
  handlers.client('consultation:start', async (payload, s) => {
    if (s.data.consultationId) return startedAlready(payload, s);
    const request = JSON.stringify(payload);
    const going = starting.get(s);
    if (going) {
      if (going.request !== request) throw errors.invalidState('socket already has a consultation');
      return going.answer;
    }
    const answer = start(payload, s);
    starting.set(s, { request, answer });
    try {
      return await answer;
    } finally {
      starting.delete(s);
    }
  });
  const start = async (payload: ConsultationStartPayload, s: ClientSocket) => {
    const data = s.data;
    // The server decides, whatever the widget believes about the time.
    if (!hours.isOpenNow()) {
      const closed = errors.outsideHours();
      unserved(s, closed);
      throw closed;
    }
    // Her network's place is held from the check until the start is recorded or refused.
    let release = (): void => undefined;
    try {
      release = await ledger.hold(data.caller);
      await startProofs.verify(payload.proof);
      await starts.admit(data.caller);
    } catch (caught) {
      release();
      unserved(s, caught);
      refused.count++;
      if (performance.now() - refused.loggedAt >= 60_000) {
        // Nothing about the caller is logged, only how many starts were refused.
        log.warn({ event: 'consultation.start_limited', refused: refused.count }, 'starts refused by the start limits');
        refused.count = 0;
        refused.loggedAt = performance.now();
      }
      throw caught;
    }
    let started: Awaited<ReturnType<typeof routing.start>>;
    try {
      // Past her network's urgent budget she still joins the queue, just not ahead of anyone.
      const urgent = payload.urgent === true && (await ledger.honourUrgent(data.caller));
      started = await routing.start({ campaign: await campaigns.recordedAs(payload.campaign), urgent });
      // Recorded before her network's held place is let go, so the two never both count or both miss.
      await ledger.opened(data.caller, started.consultation.id);
    } finally {
      release();
    }
    const { consultation, clientToken } = started;
    // Nothing stored in it yet: her intake is checked without reading her tally.
    messages.begun(consultation.id);
    data.consultationId = consultation.id;
    replies.started(s, payload, consultation.id, clientToken);
    void s.join(rooms.consultation(consultation.id));
    const position = await routing.enqueue(consultation);
    // Her intake's "in danger now" answer is for routing and the board only: never logged.
    log.info({ event: 'consultation.started' }, 'client joined the queue');
    return { consultationId: consultation.id, clientToken, position };
  };

  handlers.client('consultation:resume', async (payload, s) => {
    const c = await consultations.resume(payload.consultationId, payload.clientToken);
    s.data.consultationId = c.id;
    void s.join(rooms.consultation(c.id));
    return presenter.snapshot(c, await routing.router.place(c.id));
  });

  const end = async (consultationId: string, s: TsunagariSocket, actor: Actor, reason: EndReason) => {
    const c = await consultations.access(actor, consultationId);
    // Leaving while still waiting is recorded as abandoned, with her wait (routing decides).
    const result = await routing.end(c, actor.role, reason);
    if (result.changed) {
      s.to(rooms.consultation(c.id)).emit('consultation:ended', { consultationId: c.id, endedBy: actor.role, reason: result.reason });
      log.info({ event: 'consultation.ended', by: actor.role, reason: result.reason }, 'consultation ended');
    }
    return { endedAt: result.endedAt };
  };
  // After the messages this socket sent before it (her last line is stored, then the chat ends).
  // Quick exit does not wait for anything.
  handlers.participant('consultation:end', (p, s, actor) => arrivalOrder.run(arrivalKey(s.id, p.consultationId), () => end(p.consultationId, s, actor, 'ended')));
  handlers.client('consultation:quick-exit', (p, s) => end(p.consultationId, s, s.data, 'quick_exit'));

  handlers.staff('consultation:take', async (payload, s) => {
    // Capacity is checked by routing; it also joins her sockets and tells the client.
    const c = await routing.take(s.data.staffId, payload.consultationId);
    log.info({ event: 'consultation.taken' }, 'counselor took a consultation');
    return presenter.forStaff(c, s.data.staffId);
  });

  handlers.staff('consultation:nuisance', async (payload, s) => {
    const staffId = s.data.staffId;
    const c = await consultations.access({ role: 'counselor', staffId }, payload.consultationId);
    if (c.status !== 'active' || c.assignedStaffId !== staffId) throw errors.invalidState('not active with this counselor');
    const caller = await ledger.caller(c.id);
    const result = await routing.end(c, 'counselor', 'nuisance');
    // Her network is turned away for the rest of the Tokyo day (memory only; unknown after a restart).
    if (caller) await ledger.block(caller);
    if (result.changed) {
      // The other side is told only that the chat ended: neither a script nor a misjudged woman learns more.
      s.to(rooms.consultation(c.id)).emit('consultation:ended', { consultationId: c.id, endedBy: 'counselor', reason: 'ended' });
      log.info({ event: 'consultation.ended', by: 'counselor', reason: 'nuisance', blocked: caller !== null }, 'consultation ended as nuisance');
    }
    return { endedAt: result.endedAt };
  });

  handlers.staff('consultation:mine', async (_payload, s) => ({ consultations: await presenter.mine(s.data.staffId) }));

  handlers.staff('consultation:transfer', async (payload, s) => {
    const staffId = s.data.staffId;
    const c = await consultations.access({ role: 'counselor', staffId }, payload.consultationId);
    const result = await routing.transfer(staffId, c, payload);
    log.info({ event: 'consultation.transferred', toQueue: payload.toStaffId === undefined, withKeys: payload.sealedKeys?.length ?? 0 }, 'consultation transferred');
    return result;
  });

  handlers.staff('consultation:read', async (payload, s) => {
    const staffId = s.data.staffId;
    const c = await consultations.access({ role: 'counselor', staffId }, payload.consultationId);
    return { lastReadId: await consultations.read(staffId, c, payload.lastReadId) };
  });

  handlers.staff('consultation:record', async (payload, s) => {
    const { consultationId, ...input } = payload;
    const result = await records.record(s.data.staffId, consultationId, input);
    // Which topics or outcome is not logged: the log says only that a record was made.
    log.info({ event: 'consultation.recorded' }, 'counselor recorded a consultation');
    return result;
  });
}
