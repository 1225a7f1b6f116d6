import type { KdfFloor } from '../crypto/kdf-policy.js';
import type { SignedRevocationList } from '../trust/revocation.js';
import type { SignedStaffStatement } from '../trust/statement.js';
import type { ErrorCode } from './errors.js';
import type { StaffRole } from './events/roles.js';

/**
 * Staff HTTP API. Every error body is `{ ok: false, error }`. The auth and enrol routes answer
 * only the console's origin (`TSUNAGARI_CONSOLE_ORIGIN`, with credentials; unset: the relay's own
 * origin, as in the demo); the widget status and the revocation list answer any origin.
 */
export const API = {
  health: '/api/health',
  /** POST {username} → {@link KdfParamsResponse}. Unknown names get stable fake params. */
  authParams: '/api/auth/params',
  /** POST {username, authKey} → {@link StaffSession}, and sets the httpOnly session cookie. */
  login: '/api/auth/login',
  /** POST → 204, clears the cookie and the server-side session; her open sockets are closed. */
  logout: '/api/auth/logout',
  /**
   * POST {@link PasswordChangeRequest} with her session cookie → {@link StaffSession} and a new
   * session cookie. EVERY session of hers ends, this one included (a stolen cookie dies with it),
   * and their sockets are closed: the console reconnects its socket with the new cookie.
   * NOT_AUTHENTICATED when the current auth key is wrong; WEAK_KDF below the server's floor.
   */
  passwordChange: '/api/auth/password',
  /** POST {token} → {@link EnrolInfo}: who the invitation is for. INVITE_INVALID when unknown, used or expired. */
  enrolInfo: '/api/enrol/info',
  /**
   * POST {@link EnrolRequest} → {@link EnrolResult}. Consumes the token; she is then 'pending'
   * until an admin compares fingerprints and signs her statement. INVITE_INVALID, WEAK_KDF.
   */
  enrol: '/api/enrol',
  /**
   * GET → `SignedRevocationList | null`: the organisation-signed list the relay publishes (any
   * origin, no-store). Verify it against the pinned key; never trust it because the relay sent it.
   */
  revocations: '/api/trust/revocations',
  /** GET → {@link WidgetStatus}: whether chat is open now, when it next opens, and alternatives. */
  widgetStatus: '/api/widget/status',
  /** A proof-of-work challenge (ALTCHA) the widget solves before she starts; null data when the relay asks none. */
  startChallenge: '/api/widget/start-challenge',
} as const;

/**
 * The console's pinned configuration: a file served beside the console's own static files (same
 * origin as its code, never fetched from the relay), at `<console base>/console-config.json`.
 * In the demo the relay serves the console, so it serves this file too, made from its database.
 */
export const CONSOLE_CONFIG_FILE = 'console-config.json';

export interface ConsoleConfig {
  /** Where the relay is (API and sockets), e.g. "https://relay.example". */
  relayUrl: string;
  /** The organisation's Ed25519 public key, base64url: every identity is verified against it. */
  orgPublicKey: string;
  /** The console locks itself (keys wiped) after this many minutes without input. */
  lockAfterMinutes: number;
  /** The weakest Argon2id parameters the console accepts: 'moderate' in production, 'min' only for test servers. */
  kdfFloor: KdfFloor;
  /**
   * The QR landing pages' address on the NPO's own site, with `{campaign}` where the campaign's
   * name goes (`https://www.npo.example/c/{campaign}.html`): what a flyer's QR code opens. Absent:
   * the console makes no flyers. Pinned here, not asked of the relay, so a relay cannot change
   * where printed codes lead.
   */
  landingUrl?: string;
  /**
   * The records key's X25519 public key, base64url (issue 16): case-log notes are sealed to it in
   * the browser. Pinned here only, never taken from the relay, so a relay cannot have notes sealed
   * to a key of its own. Absent: the case-log form has no note field.
   */
  recordsPublicKey?: string;
}

/** What the widget shows before she starts: open or not, and where else to turn. */
export interface WidgetStatus {
  open: boolean;
  /** ISO instant of the next opening when closed now; null when open (or never scheduled). */
  nextOpening: string | null;
  alternatives: { phone: string; mail: string };
  /** What the relay keeps and for how long, as configured: the widget's 「このチャットについて」 page states these figures. */
  records: {
    /** Days until a consultation's transcript and metadata are deleted for good. */
    retentionDays: number;
    /** Days a resume code works (unless she ends the chat or leaves by quick exit first). */
    resumeCodeDays: number;
  };
}

export const STAFF_SESSION_COOKIE = 'tsg_staff';

export interface KdfParamsResponse {
  salt: string;
  opslimit: number;
  memlimit: number;
}

/**
 * What a successful login (or password change) returns: who she is and her wrapped keys, with
 * the organisation's statement about them. No organisation key: the console verifies the
 * statement against the key pinned in its own config file, never one from a relay response.
 */
export interface StaffSession {
  staff: { id: string; username: string; displayName: string; role: StaffRole };
  keys: {
    boxPublicKey: string;
    signPublicKey: string;
    wrappedSecretKeys: string;
    /** The statement the organisation signed for these keys (her console checks it matches). */
    statement: SignedStaffStatement;
  };
}

/** Who an invitation is for, shown on the enrolment page before she chooses a password. */
export interface EnrolInfo {
  staffId: string;
  username: string;
  displayName: string;
  role: StaffRole;
  /** The key version her statement will carry (her first enrolment is 1). */
  keyVersion: number;
}

export interface EnrolResult {
  staffId: string;
}

/** The body of `GET /api/trust/revocations`'s success: the published list, or null when none yet. */
export type PublishedRevocations = SignedRevocationList | null;

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ErrorCode };
