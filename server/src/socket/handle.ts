import {
  type Ack,
  type AckResult,
  type ClientToServerEvents,
  MAX_ENVELOPE_BYTES,
  ackError,
  ackOk,
  eventRoles,
  inboundSchemas,
} from '@tsunagari/shared';
import type { z } from 'zod';
import { describeError, toErrorCode } from '../errors.js';
import type { Logger } from '../log.js';
import { exceedsSize } from './payload-size.js';
import type { TsunagariSocket } from './types.js';

type EventName = keyof ClientToServerEvents;
/** The validated payload type of an event. */
export type PayloadOf<E extends EventName> = z.infer<(typeof inboundSchemas)[E]>;
/** The success data an event's ack carries. */
export type AckDataOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends Ack<infer T> ? T : never;

/** A handler answers at once, or later (after its write is committed) with a promise. */
export type Handler<E extends EventName> = (payload: PayloadOf<E>, socket: TsunagariSocket) => AckDataOf<E> | Promise<AckDataOf<E>>;

type Listener = (this: TsunagariSocket, ...args: unknown[]) => void;

/**
 * The listener of every inbound event, made once per server and shared by all sockets (Socket.IO
 * calls a listener with the socket as `this`): a connection makes no closure per event, and holds
 * no listener per event either — one catch-all per socket looks the event up here. A listener per
 * event per socket kept ~20 closures, then ~25 entries in each socket's listener table, alive for
 * every collection of the old generation to walk (the table's hash doubled at the 25th event:
 * +0.7 KB per connection when stats:today was added).
 */
export class HandlerTable {
  private readonly listeners = new Map<string, Listener>();
  /** The one catch-all every socket gets; events nobody registered are ignored, as before. */
  private readonly dispatch: (this: TsunagariSocket, event: string, ...args: unknown[]) => void;

  constructor(private readonly log: Logger) {
    const listeners = this.listeners;
    this.dispatch = function (this: TsunagariSocket, event: string, ...args: unknown[]): void {
      listeners.get(event)?.apply(this, args);
    };
  }

  /**
   * Registers one inbound event. Before the handler runs: the ack must be a function, the sender's
   * role must be allowed, the payload must fit the size limit and match its schema. Any failure
   * answers with a coded error and the handler never runs, so bad input changes nothing.
   */
  on<E extends EventName>(event: E, handler: Handler<E>): void {
    const schema = inboundSchemas[event];
    const roles = eventRoles[event];
    const log = this.log;
    this.listeners.set(event, function (this: TsunagariSocket, ...args: unknown[]): void {
      const socket = this;
      const ack = args[args.length - 1];
      if (typeof ack !== 'function') return; // nothing to answer to; ignoring changes nothing
      const reply = ack as (r: AckResult<unknown>) => void;
      const payload = args.length > 1 ? args[0] : undefined;
      if (!roles.includes(socket.data.role)) return reply(ackError('FORBIDDEN'));
      if (exceedsSize(payload, MAX_ENVELOPE_BYTES)) return reply(ackError('PAYLOAD_TOO_LARGE'));
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return reply(ackError('INVALID_PAYLOAD'));
      const fail = (caught: unknown) => {
        const { code, unexpected } = toErrorCode(caught);
        if (unexpected) log.error({ event, err: describeError(caught) }, 'handler failed');
        reply(ackError(code));
      };
      try {
        const result = handler(parsed.data as PayloadOf<E>, socket);
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
