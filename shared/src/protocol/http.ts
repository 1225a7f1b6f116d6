import type { ErrorCode } from './errors.js';
import type { StaffRole } from './events.js';

/** Staff HTTP API (same origin as the console). Every error body is `{ ok: false, error }`. */
export const API = {
  health: '/api/health',
  /** POST {username} → {@link KdfParamsResponse}. Unknown names get stable fake params. */
  authParams: '/api/auth/params',
  /** POST {username, authKey} → {@link StaffSession}, and sets the httpOnly session cookie. */
  login: '/api/auth/login',
  /** POST → 204, clears the cookie and the server-side session. */
  logout: '/api/auth/logout',
  /** GET → {@link WidgetStatus}: whether chat is open now, when it next opens, and alternatives. */
  widgetStatus: '/api/widget/status',
} as const;

/** What the widget shows before she starts: open or not, and where else to turn. */
export interface WidgetStatus {
  open: boolean;
  /** ISO instant of the next opening when closed now; null when open (or never scheduled). */
  nextOpening: string | null;
  alternatives: { phone: string; mail: string };
}

export const STAFF_SESSION_COOKIE = 'tsg_staff';

export interface KdfParamsResponse {
  salt: string;
  opslimit: number;
  memlimit: number;
}

/** What a successful login returns: who she is, her wrapped keys, the organisation key. */
export interface StaffSession {
  staff: { id: string; username: string; displayName: string; role: StaffRole };
  keys: { boxPublicKey: string; signPublicKey: string; wrappedSecretKeys: string; orgSignature: string };
  orgPublicKey: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ErrorCode };
