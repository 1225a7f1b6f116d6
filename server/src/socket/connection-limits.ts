import type { IncomingMessage } from 'node:http';
import { STAFF_SESSION_COOKIE } from '@tsunagari/shared';
import { parseCookie } from 'cookie';
import type { CallerKeys } from '../http/client-key.js';
import type { Logger } from '../log.js';
import type { TsunagariSocket } from './types.js';

/**
 * Client sockets open at once per caller network (her daily network key, `CallerKeys.of`). One
 * woman has one widget open, perhaps a second tab; a script opening thousands would hold memory
 * and routing work for each. With several nodes the count is shared (`redis/redis-caller-sockets.ts`),
 * so N nodes still admit the cap, not N times it (issue 17).
 */
export interface CallerSocketCount {
  /** Whether one more socket from this caller may connect (a first look, before the upgrade). */
  admits(caller: string): boolean | Promise<boolean>;
  /** Counts one more socket for this caller if she is under the cap, in one step; false: refused. */
  open(caller: string): boolean | Promise<boolean>;
  /** One of the sockets {@link open} counted is gone. */
  closed(caller: string): void;
}

/** {@link CallerSocketCount} in this process's memory: one relay. Counted from handshake to disconnect. */
export class CallerSockets implements CallerSocketCount {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  admits(caller: string): boolean {
    return (this.counts.get(caller) ?? 0) < this.max;
  }

  open(caller: string): boolean {
    const n = this.counts.get(caller) ?? 0;
    if (n >= this.max) return false;
    this.counts.set(caller, n + 1);
    return true;
  }

  closed(caller: string): void {
    const n = (this.counts.get(caller) ?? 0) - 1;
    if (n > 0) this.counts.set(caller, n);
    else this.counts.delete(caller);
  }
}

/** engine.io's `allowRequest` hook: an error message (null to admit) and whether to admit. */
export type AllowRequest = (req: IncomingMessage, answer: (message: string | null, admitted: boolean) => void) => void;

/**
 * Refuses a new connection from a caller at her socket limit before the WebSocket upgrade
 * (engine.io's `allowRequest`): engine.io answers a short HTTP 400 with the body RATE_LIMITED and
 * closes the TCP socket, so a script reconnecting in a loop costs no upgrade, no engine or
 * Socket.IO handshake and no frames. The count is the handshake middleware's (`CallerSocketCount.open`),
 * which stays the authority: sockets still between this check and their Socket.IO connection are
 * not counted here, so a burst of simultaneous handshakes can pass this check and meet that one.
 * A request that carries a staff session cookie passes (staff sockets are not counted per caller;
 * the handshake checks the session), and so does every request of an established connection
 * (engine.io asks only for new ones).
 */
export function admitUnderCap(sockets: CallerSocketCount, callers: CallerKeys): AllowRequest {
  return (req, answer) => {
    const cookie = req.headers.cookie;
    if (cookie && parseCookie(cookie)[STAFF_SESSION_COOKIE] !== undefined) return answer(null, true);
    const admits = sockets.admits(callers.of(req));
    if (admits === true) return answer(null, true);
    if (admits === false) return answer('RATE_LIMITED', false);
    // Shared count: a count that cannot be read admits here; the handshake's `open` decides.
    admits.then(
      (yes) => answer(yes ? null : 'RATE_LIMITED', yes),
      () => answer(null, true),
    );
  };
}

/** The parts of engine.io's connection this reads (not in its public types). */
interface EngineConn {
  transport: { writable: boolean; socket?: { bufferedAmount?: number; terminate?: () => void } };
  on(event: 'packetCreate', listener: (this: EngineConn, packet: { data?: unknown }) => void): void;
  on(event: 'flush', listener: (this: EngineConn) => void): void;
  off(event: 'packetCreate' | 'flush', listener: (...args: never[]) => void): void;
  close(discard: boolean): void;
}

/**
 * Disconnects a socket whose peer stopped reading once more than `maxBytes` wait to go out to it.
 * What is unsent lives in two places: packets engine.io holds while the transport is still busy
 * with the previous write (counted here as they are made, forgotten when they are handed on), and
 * what the WebSocket has taken but the TCP socket has not yet written (`bufferedAmount`, the
 * userland buffer; the kernel's own buffers come on top and are bounded by the system). Without
 * this, a client that asks for history and never reads keeps every answer in the relay's memory.
 * Shared listeners (engine.io calls them with the connection as `this`): nothing per packet.
 */
export class OutboundCap {
  private readonly queued = new WeakMap<EngineConn, number>();
  private readonly onPacket: (this: EngineConn, packet: { data?: unknown }) => void;
  private readonly onFlush: (this: EngineConn) => void;

  constructor(maxBytes: number, log: Logger) {
    const queued = this.queued;
    const onFlush = function (this: EngineConn): void {
      queued.delete(this);
    };
    const onPacket = function (this: EngineConn, packet: { data?: unknown }): void {
      const data = packet.data;
      const size = typeof data === 'string' ? data.length : data instanceof Uint8Array ? data.byteLength : 0;
      // While the transport is free the packet goes out at once; only a busy one queues it.
      const held = this.transport.writable ? 0 : (queued.get(this) ?? 0) + size;
      if (held) queued.set(this, held);
      if (held + (this.transport.socket?.bufferedAmount ?? 0) <= maxBytes) return;
      log.info({ event: 'socket.outbound_full' }, 'socket disconnected: its peer stopped reading');
      queued.delete(this);
      // Stops watching it: answers still on their way to it (a slower database's) are not
      // counted, or logged, again.
      this.off('packetCreate', onPacket);
      this.off('flush', onFlush);
      // A WebSocket's polite close waits for the peer (up to 30 s) with the buffer still held: drop
      // the TCP connection instead (Socket.IO then sees a transport close). Polling has no such socket.
      const ws = this.transport.socket;
      if (ws?.terminate) ws.terminate();
      else this.close(true);
    };
    this.onFlush = onFlush;
    this.onPacket = onPacket;
  }

  /** Watches one socket's connection. */
  watch(socket: TsunagariSocket): void {
    const conn = socket.conn as unknown as EngineConn;
    conn.on('packetCreate', this.onPacket);
    conn.on('flush', this.onFlush);
  }
}
