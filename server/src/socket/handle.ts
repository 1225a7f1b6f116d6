import {
  type Ack,
  type AckResult,
  type ClientToServerEvents,
  type ErrorCode,
  type EventRoles,
  MAX_ENVELOPE_BYTES,
  MAX_FRAME_BYTES,
  MAX_STAFF_DISABLE_BYTES,
  MAX_TRANSFER_BYTES,
  ackError,
  ackOk,
  eventCosts,
  eventRoles,
  inboundSchemas,
  UNKNOWN_EVENT_COST,
} from '@tsunagari/shared';
import type { z } from 'zod';
import type { Actor } from '../domain/types.js';
import { describeError, toErrorCode } from '../errors.js';
import type { Logger } from '../log.js';
import type { EventBudgets } from './event-budget.js';
import { sizeUpTo } from './payload-size.js';
import type { ClientSocket, StaffData, StaffSocket, TsunagariSocket } from './types.js';

type EventName = keyof ClientToServerEvents;
/** The validated payload type of an event. */
export type PayloadOf<E extends EventName> = z.infer<(typeof inboundSchemas)[E]>;
/** The success data an event's ack carries. */
export type AckDataOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends Ack<infer T> ? T : never;
/** A handler answers at once, or later (after its write is committed) with a promise. */
type Answer<E extends EventName> = AckDataOf<E> | Promise<AckDataOf<E>>;

/** Events only her widget sends. */
export type ClientEvent = { [E in EventName]: EventRoles<E> extends 'client' ? E : never }[EventName];
/** Events only staff send. */
export type StaffEvent = { [E in EventName]: 'client' extends EventRoles<E> ? never : E }[EventName];
/** Events both she and her counselor send about their consultation (and no one else). */
export type ParticipantEvent = {
  [E in EventName]: 'client' extends EventRoles<E> ? (Exclude<EventRoles<E>, 'client'> extends 'counselor' ? (EventRoles<E> extends 'client' ? never : E) : never) : never;
}[EventName];

/**
 * One event's listener: its payload (the first argument after the event), its last argument (the
 * ack), and the payload's size as the budget counted it (`sizeUpTo`, capped at MAX_FRAME_BYTES).
 */
type Listener = (this: TsunagariSocket, payload: unknown, ack: unknown, size: number) => void;

/**
 * Events whose payload may be larger than one envelope: the disable carries the whole signed list,
 * a transfer every epoch's sealed key and the longest padded handover note.
 */
const SIZE_LIMITS: Partial<Record<EventName, number>> = { 'staff:disable': MAX_STAFF_DISABLE_BYTES, 'consultation:transfer': MAX_TRANSFER_BYTES };
type AnyHandler = (payload: never, socket: never, actor: Actor) => unknown;

/**
 * The one gate every inbound event passes, and the listener of every event, made once per server
 * and shared by all sockets (Socket.IO calls a listener with the socket as `this`): a connection
 * makes no closure per event, and holds no listener per event either — one catch-all per socket
 * looks the event up here. A listener per event per socket kept ~20 closures, then ~25 entries in
 * each socket's listener table, alive for every collection of the old generation to walk.
 *
 * Handlers register by who sends the event, as `eventRoles` says, so each receives a socket of
 * that role (and never repeats the role check): {@link client}, {@link staff}, {@link participant}.
 * Every event from a staff socket first re-checks her session (`staffGate`, in memory): one that
 * ended (logout, expiry, password change, disable) is answered NOT_AUTHENTICATED and its socket closed.
 *
 * Before all of that, every event (known or not, with an ack or without) spends its cost
 * (`eventCosts`, plus a point per `bytesPerPoint` characters of payload) from the socket's budget: over it, the event is answered RATE_LIMITED and nothing
 * is done, and a socket that goes on sending through `refusalsBeforeDisconnect` refusals in a row
 * is disconnected. It comes first so that a flood is refused before its size walk, its schema or
 * its session check cost anything.
 */
export class HandlerTable {
  private readonly listeners = new Map<string, Listener>();
  /** The one catch-all every socket gets; events nobody registered are ignored, as before. */
  private readonly dispatch: (this: TsunagariSocket, event: string) => void;

  constructor(
    private readonly log: Logger,
    /** Whether a staff socket's session is still live. */
    private readonly staffGate: (data: StaffData) => boolean,
    budgets: EventBudgets,
  ) {
    const listeners = this.listeners;
    const costs = new Map<string, number>(Object.entries(eventCosts));
    const overBudget = throttledCount(log);
    const bytesPerPoint = budgets.limits.bytesPerPoint;
    // Socket.IO calls this with (event, ...arguments, ack?): the ack is the last argument and the
    // payload the first after the event. Read from `arguments` rather than gathered into an array,
    // twice, for every inbound event.
    this.dispatch = function (this: TsunagariSocket, event: string): void {
      const n = arguments.length;
      const ack: unknown = n > 1 ? arguments[n - 1] : undefined;
      // Large payloads cost more (one point per `bytesPerPoint` characters): counted on the decoded
      // payload, a walk of its few keys, before anything else is done with it.
      const size = n > 2 ? sizeUpTo(arguments[1], MAX_FRAME_BYTES) : 0;
      const verdict = budgets.spend(this, (costs.get(event) ?? UNKNOWN_EVENT_COST) + Math.floor(size / bytesPerPoint));
      if (verdict !== 'pass') {
        if (typeof ack === 'function') (ack as (r: AckResult<unknown>) => void)(ackError('RATE_LIMITED'));
        if (verdict === 'disconnect') {
          overBudget(this.data.role);
          this.disconnect(true);
        }
        return;
      }
      const listener = listeners.get(event);
      if (!listener) return;
      listener.call(this, n > 2 ? arguments[1] : undefined, ack, size);
    };
  }

  /** An event only her widget sends; the handler gets her socket. */
  client<E extends ClientEvent>(event: E, handler: (payload: PayloadOf<E>, socket: ClientSocket) => Answer<E>): void {
    this.register(event, handler as AnyHandler);
  }

  /** An event only staff send; the handler gets a staff socket (`socket.data.staffId`). */
  staff<E extends StaffEvent>(event: E, handler: (payload: PayloadOf<E>, socket: StaffSocket) => Answer<E>): void {
    this.register(event, handler as AnyHandler);
  }

  /** An event she and her counselor both send; the handler gets who acts, as the domain knows her. */
  participant<E extends ParticipantEvent>(event: E, handler: (payload: PayloadOf<E>, socket: TsunagariSocket, actor: Actor) => Answer<E>): void {
    this.register(event, handler as AnyHandler);
  }

  /**
   * Before the handler runs: the ack must be a function, the sender's role must be allowed, the
   * payload must fit the size limit and match its schema. Any failure answers with a coded error
   * and the handler never runs, so bad input changes nothing.
   */
  private register(event: EventName, handler: AnyHandler): void {
    const schema = inboundSchemas[event];
    const roles = eventRoles[event];
    const sizeLimit = SIZE_LIMITS[event] ?? MAX_ENVELOPE_BYTES;
    if (sizeLimit >= MAX_FRAME_BYTES) throw new Error(`${event}: its size limit must be below MAX_FRAME_BYTES, where the dispatcher's count stops`);
    const log = this.log;
    const staffGate = this.staffGate;
    const run = handler as (payload: unknown, socket: TsunagariSocket, actor: Actor) => unknown;
    // The dispatcher measured the payload once, up to MAX_FRAME_BYTES, for the budget: every size
    // limit is below that cap, so its figure decides this limit too (a payload nested past the
    // walk's depth counts as the cap, so it is refused here as before), without a second walk.
    /** The gate's checks, in order; null lets the event through. */
    const refusal = (socket: TsunagariSocket, size: number): ErrorCode | null => {
      const data = socket.data;
      if (data.role !== 'client' && !staffGate(data)) return 'NOT_AUTHENTICATED';
      if (!roles.includes(data.role)) return 'FORBIDDEN';
      if (size > sizeLimit) return 'PAYLOAD_TOO_LARGE';
      return null;
    };
    this.listeners.set(event, function (this: TsunagariSocket, payload: unknown, ack: unknown, size: number): void {
      const socket = this;
      if (typeof ack !== 'function') return; // nothing to answer to; ignoring changes nothing
      const reply = ack as (r: AckResult<unknown>) => void;
      const refused = refusal(socket, size);
      if (refused) {
        reply(ackError(refused));
        // Her session ended while this socket was still open (a race with its closing): close it now.
        if (refused === 'NOT_AUTHENTICATED') socket.disconnect(true);
        return;
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return reply(ackError('INVALID_PAYLOAD'));
      const fail = (caught: unknown) => {
        const { code, unexpected } = toErrorCode(caught);
        if (unexpected) log.error({ event, err: describeError(caught) }, 'handler failed');
        reply(ackError(code));
      };
      try {
        // For participant events the socket's data is the actor: {role:'client', consultationId} or
        // {role:'counselor', staffId} (the gate let no other staff role through).
        const result = run(parsed.data, socket, socket.data as Actor);
        if (result instanceof Promise) result.then((data) => reply(ackOk(data)), fail);
        else reply(ackOk(result));
      } catch (caught) {
        fail(caught);
      }
    });
  }

  /** Gives a new socket the catch-all that reaches every registered listener. */
  attach(socket: TsunagariSocket): void {
    socket.onAny(this.dispatch);
  }
}

/**
 * Counts sockets disconnected for going on past their budget, logged at most once a minute with
 * the count and the role only: a script reconnecting and flooding again must not fill the log.
 */
function throttledCount(log: Logger): (role: string) => void {
  const seen = { count: 0, loggedAt: Number.NEGATIVE_INFINITY };
  return (role) => {
    seen.count++;
    if (performance.now() - seen.loggedAt < 60_000) return;
    log.warn({ event: 'socket.over_budget', disconnected: seen.count, role }, 'sockets disconnected for sending past their event budget');
    seen.count = 0;
    seen.loggedAt = performance.now();
  };
}
