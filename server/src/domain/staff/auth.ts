import { type KdfParamsResponse, type PasswordChangeRequest, type StaffSession, tokyoParts } from '@tsunagari/shared';
import { KDF_FLOORS, type KdfFloor, type SodiumSumo, checkKdfParams, fromB64, toB64 } from '@tsunagari/shared/crypto';
import type { Clock } from '../../clock.js';
import { errors } from '../../errors.js';
import type { Repositories } from '../../repositories/types.js';
import { hashToken, newToken } from '../tokens.js';
import type { StaffRecord } from '../types.js';
import type { LiveSessions } from './live-sessions.js';
import type { PasswordVerifier } from './verifier-pool.js';

/** Staff sessions last one working day. */
export const SESSION_HOURS = 12;

/**
 * Argon2id limits for the server's hash of the auth key. The auth key is already the output of
 * Argon2id in the browser (256 bits), so this second hash needs no stretching: it only makes the
 * stored value one-way, and the minimum limits keep a login from stalling the relay's event loop.
 */
export function authHashLimits(sodium: SodiumSumo) {
  return { opslimit: sodium.crypto_pwhash_OPSLIMIT_MIN, memlimit: 8 * 1024 * 1024 };
}

/** The stored hash of a staff member's auth key. */
export function hashAuthKey(sodium: SodiumSumo, authKey: Uint8Array): string {
  const { opslimit, memlimit } = authHashLimits(sodium);
  return sodium.crypto_pwhash_str(toB64(sodium, authKey), opslimit, memlimit);
}

/** A staff member with a live session, and the session (its token's hash and expiry in ms). */
export interface AuthenticatedStaff {
  staff: StaffRecord;
  tokenHash: string;
  expiresAt: number;
}

/** A new session: its token (the cookie), what the console needs, and when it ends. */
export interface OpenedSession {
  token: string;
  session: StaffSession;
  expiresAt: Date;
}

/**
 * Staff login: KDF parameters, auth-key check, session tokens, password change. Only active staff
 * (an organisation-signed statement on file) can log in. No sockets, no HTTP.
 */
export class StaffAuthService {
  /**
   * The relay's stored secret that makes fake KDF salts for unknown usernames stable and
   * unguessable, across restarts too (a salt that changed at a restart would give a name away).
   */
  private readonly decoySecret: Uint8Array;
  /** Made with the same limits as every stored hash, so a decoy check costs what a real one does. */
  private readonly decoyHash: string;

  constructor(
    private readonly repos: Pick<Repositories, 'staff' | 'sessions' | 'serverSecrets'>,
    private readonly sodium: SodiumSumo,
    private readonly clock: Clock,
    private readonly live: LiveSessions,
    /** The weakest KDF parameters accepted at a password change (and handed to unknown names). */
    private readonly kdfFloor: KdfFloor,
    /** Runs Argon2id verification off the event loop. */
    private readonly verifier: PasswordVerifier,
  ) {
    this.decoySecret = repos.serverSecrets.getOrCreate('decoy-kdf-salt', () => sodium.randombytes_buf(32));
    this.decoyHash = hashAuthKey(sodium, sodium.randombytes_buf(32));
  }

  /**
   * The salt and limits for a username. Unknown names, and accounts that cannot log in (invited,
   * enrolling, disabled), get plausible fake ones, so neither names nor status can be probed.
   */
  params(username: string): KdfParamsResponse {
    const staff = this.repos.staff.byUsername(username);
    if (staff?.status === 'active' && staff.credentials) return { ...staff.credentials.kdf };
    const salt = this.sodium.crypto_generichash(this.sodium.crypto_pwhash_SALTBYTES, username, this.decoySecret);
    return { salt: toB64(this.sodium, salt), ...KDF_FLOORS[this.kdfFloor] };
  }

  /** Checks the auth key; on success opens a session and notes the Tokyo day of the sign-in. */
  async login(username: string, authKey: string): Promise<OpenedSession> {
    const staff = this.repos.staff.byUsername(username);
    const active = staff?.status === 'active' ? staff : null;
    // Verify against a decoy hash for unknown or inactive names so every path takes the same time.
    if (!(await this.authKeyMatches(active, authKey)) || !active) throw errors.notAuthenticated();
    // She may have been disabled while the thread checked her key.
    if (this.repos.staff.byId(active.id)?.status !== 'active') throw errors.notAuthenticated();
    this.repos.staff.setLastSignInDay(active.id, tokyoParts(this.clock.now()).ymd);
    return this.open(active);
  }

  /**
   * The staff member behind a session token, if the session is live and she is still active; the
   * session is then tracked for the live-socket gate.
   */
  authenticate(token: string | undefined): AuthenticatedStaff | null {
    if (!token) return null;
    const tokenHash = hashToken(this.sodium, token);
    const found = this.repos.sessions.find(tokenHash, this.clock.now().toISOString());
    const staff = found ? this.repos.staff.byId(found.staffId) : null;
    if (!found || staff?.status !== 'active') return null;
    const expiresAt = new Date(found.expiresAt).getTime();
    this.live.track(tokenHash, staff.id, expiresAt);
    return { staff, tokenHash, expiresAt };
  }

  /** The gate's check for every staff event: is the socket's session still live (memory only)? */
  isLive(tokenHash: string): boolean {
    return this.live.isLive(tokenHash);
  }

  /** Ends the session: deleted, and its sockets closed. */
  logout(token: string | undefined): void {
    if (!token) return;
    const tokenHash = hashToken(this.sodium, token);
    this.repos.sessions.delete(tokenHash);
    this.live.end(tokenHash);
  }

  /**
   * Password change with her session: the current auth key must match (NOT_AUTHENTICATED), the
   * new parameters must meet the floor (WEAK_KDF). Her keys stay the same, re-wrapped by her
   * browser. Every session of hers ends (this one too: a stolen cookie dies with it) and a new
   * one is opened for this browser.
   */
  async changePassword(token: string | undefined, req: PasswordChangeRequest): Promise<OpenedSession> {
    const who = this.authenticate(token);
    if (!who || !(await this.authKeyMatches(who.staff, req.authKey))) throw errors.notAuthenticated();
    // Her session may have ended while the thread checked her key.
    if (!this.authenticate(token)) throw errors.notAuthenticated();
    const kdf = checkKdfParams(this.sodium, req.kdf, KDF_FLOORS[this.kdfFloor]);
    if (!kdf.ok) throw errors.weakKdf(kdf.reason);
    const credentials = { kdf: kdf.params, authHash: hashAuthKey(this.sodium, fromB64(this.sodium, req.newAuthKey)), wrappedSecretKeys: req.wrappedSecretKeys };
    if (!this.repos.staff.setCredentials(who.staff.id, credentials)) throw errors.notAuthenticated();
    this.repos.sessions.deleteForStaff(who.staff.id);
    this.live.endAllOf(who.staff.id);
    return this.open({ ...who.staff, credentials });
  }

  private async authKeyMatches(staff: StaffRecord | null, authKey: string): Promise<boolean> {
    const presented = toB64(this.sodium, fromB64(this.sodium, authKey));
    return (await this.verifier.verify(staff?.credentials?.authHash ?? this.decoyHash, presented)) && Boolean(staff?.credentials);
  }

  private open(staff: StaffRecord): OpenedSession {
    const token = newToken(this.sodium);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
    this.repos.sessions.insert(hashToken(this.sodium, token), staff.id, now.toISOString(), expiresAt.toISOString());
    return { token, session: sessionOf(staff), expiresAt };
  }
}

/** What the console gets at login: who she is, her wrapped keys and the statement about them. */
function sessionOf(staff: StaffRecord): StaffSession {
  if (!staff.credentials || !staff.publicKeys || !staff.statement) throw errors.notAuthenticated();
  return {
    staff: { id: staff.id, username: staff.username, displayName: staff.displayName, role: staff.role },
    keys: { ...staff.publicKeys, wrappedSecretKeys: staff.credentials.wrappedSecretKeys, statement: staff.statement },
  };
}
