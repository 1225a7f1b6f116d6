import { STAFF_SESSION_COOKIE } from '@tsunagari/shared';
import { parseCookie } from 'cookie';
import type { CallerKeys } from '../http/client-key.js';
import type { StaffOrigin } from '../http/staff-origin.js';
import type { Services } from '../services.js';
import type { SocketData, TsunagariSocket } from './types.js';

/**
 * Once a socket is authenticated nothing reads its first HTTP request again, yet the request
 * stays reachable for the whole session (engine.io keeps it in a close listener of the TCP
 * socket, and on the connection unless dropped, as Socket.IO's memory guide suggests). Emptying
 * it means her user agent, cookies and other headers are not held in memory while she talks (and
 * about 0.5 KB less heap per connection for every full garbage collection to walk).
 */
export function forgetHandshake(socket: TsunagariSocket): void {
  const conn = socket.conn as unknown as { request: { headers: object; rawHeaders: string[]; _query?: object } | null };
  if (conn.request) {
    conn.request.headers = {};
    conn.request.rawHeaders = [];
    conn.request._query = {};
  }
  conn.request = null;
  socket.handshake.headers = {};
  socket.handshake.address = '';
}

/**
 * Who a new socket is: a client (bound to her consultation later, by an event, never by the
 * handshake; her daily key is all that is kept of where she connects from), or an active staff
 * member with a live session cookie from the console's origin; NOT_AUTHENTICATED without one,
 * and null for a socket that says neither.
 */
export async function identify(socket: TsunagariSocket, auth: Services['auth'], callers: CallerKeys, origin: StaffOrigin): Promise<SocketData | 'NOT_AUTHENTICATED' | null> {
  const requested = (socket.handshake.auth as { role?: unknown } | undefined)?.role;
  if (requested === 'client') return { role: 'client', consultationId: null, caller: callers.of(socket.request) };
  if (requested === 'staff') {
    const token = parseCookie(socket.handshake.headers.cookie ?? '')[STAFF_SESSION_COOKIE];
    const who = origin.allows(socket.handshake.headers) ? await auth.authenticate(token) : null;
    return who ? { role: who.staff.role, staffId: who.staff.id, sessionHash: who.tokenHash } : 'NOT_AUTHENTICATED';
  }
  return null;
}
