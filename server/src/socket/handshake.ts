import { STAFF_SESSION_COOKIE } from '@tsunagari/shared';
import { parseCookie } from 'cookie';
import type { CallerKeys } from '../http/client-key.js';
import type { Services } from '../services.js';
import type { SocketData, TsunagariSocket } from './types.js';

/**
 * Staff sockets must come from the console's own origin; the cookie alone is not enough.
 * Browsers omit Origin on same-origin GETs (long-polling), but then say so in Sec-Fetch-Site.
 */
function sameOrigin(socket: TsunagariSocket): boolean {
  const origin = socket.handshake.headers.origin;
  const host = socket.handshake.headers.host;
  if (!origin) return socket.handshake.headers['sec-fetch-site'] === 'same-origin';
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

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
 * handshake; her daily key is all that is kept of where she connects from), or a staff member
 * with a live session cookie from the console's own origin; NOT_AUTHENTICATED without one, and
 * null for a socket that says neither.
 */
export function identify(socket: TsunagariSocket, auth: Services['auth'], callers: CallerKeys): SocketData | 'NOT_AUTHENTICATED' | null {
  const requested = (socket.handshake.auth as { role?: unknown } | undefined)?.role;
  if (requested === 'client') return { role: 'client', consultationId: null, caller: callers.of(socket.request) };
  if (requested === 'staff') {
    const token = parseCookie(socket.handshake.headers.cookie ?? '')[STAFF_SESSION_COOKIE];
    const staff = sameOrigin(socket) ? auth.authenticate(token) : null;
    return staff ? { role: staff.role, staffId: staff.id } : 'NOT_AUTHENTICATED';
  }
  return null;
}
