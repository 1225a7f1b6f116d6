import { type KdfParamsResponse, type PasswordChangeRequest, type StaffSession, tokyoParts } from '@tsunagari/shared';
import { KDF_FLOORS, type KdfFloor, type SodiumSumo, checkKdfParams, fromB64, toB64 } from '@tsunagari/shared/crypto';
import type { Clock } from '../../clock.js';
import { errors } from '../../errors.js';
import type { Repositories } from '../../repositories/types.js';
import { hashToken, newToken } from '../tokens.js';
import { KeyedSerial } from '../routing/serial.js';
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
  /** Seconds from now until {@link expiresAt}: the cookie's Max-Age, counted on her computer's own clock. */
  lifetimeSeconds: number;
}

/**
 * Staff login: KDF parameters, auth-key check, session tokens, password change. Only active staff
 * (an organisation-signed statement on file) can log in. No sockets, no HTTP.
 */
export class StaffAuthService {
  /**
   * The relay's stored secret that makes fake KDF salts for unknown usernames stable and
   * unguessable, across restarts too (a salt that changed at a restart would give a name away).
   * Read (or made) on the first request that needs it.
   */
  private decoySecret: Promise<Uint8Array> | null = null;
  /** Made with the same limits as every stored hash, so a decoy check costs what a real one does. */
  private readonly decoyHash: string;
  /** Password changes of one account, one at a time: each replaces her credentials and sessions. */
  private readonly passwordChanges = new KeyedSerial();

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
    this.decoyHash = hashAuthKey(sodium, sodium.randombytes_buf(32));
  }

  /**
   * The salt and limits for a username. Unknown names, and accounts that cannot log in (invited,
   * enrolling, disabled), get plausible fake ones, so neither names nor status can be probed.
   */
  async params(username: string): Promise<KdfParamsResponse> {
    const staff = await this.repos.staff.byUsername(username);
    if (staff?.status === 'active' && staff.credentials) return { ...staff.credentials.kdf };
    this.decoySecret ??= this.repos.serverSecrets.getOrCreate('decoy-kdf-salt', () => this.sodium.randombytes_buf(32));
    let secret: Uint8Array;
    try {
      secret = await this.decoySecret;
    } catch (caught) {
      this.decoySecret = null; // asked again next time
      throw caught;
    }
    const salt = this.sodium.crypto_generichash(this.sodium.crypto_pwhash_SALTBYTES, username, secret);
    return { salt: toB64(this.sodium, salt), ...KDF_FLOORS[this.kdfFloor] };
  }

  /** Checks the auth key; on success opens a session and notes the Tokyo day of the sign-in. */
  async login(username: string, authKey: string): Promise<OpenedSession> {
    const staff = await this.repos.staff.byUsername(username);
    const active = staff?.status === 'active' ? staff : null;
    // Verify against a decoy hash for unknown or inactive names so every path takes the same time.
    if (!(await this.authKeyMatches(active, authKey)) || !active) throw errors.notAuthenticated();
    // She may have been disabled while the thread checked her key.
    if ((await this.repos.staff.byId(active.id))?.status !== 'active') throw errors.notAuthenticated();
    await this.repos.staff.setLastSignInDay(active.id, tokyoParts(this.clock.now()).ymd);
    return this.open(active);
  }

  /**
   * The staff member behind a session token, if the session is live and she is still active; the
   * session is then tracked for the live-socket gate.
   */
  async authenticate(token: string | undefined): Promise<AuthenticatedStaff | null> {
    if (!token) return null;
    const tokenHash = hashToken(this.sodium, token);
    const found = await this.repos.sessions.find(tokenHash, this.clock.now().toISOString());
    const staff = found ? await this.repos.staff.byId(found.staffId) : null;
    if (!found || staff?.status !== 'active') return null;
    const expiresAt = new Date(found.expiresAt).getTime();
    this.live.track(tokenHash, staff.id, expiresAt);
    // A logout, disable or password change stored between the reads above and the tracking ended
    // her sockets before this session was tracked: read again, now that any later one will end it.
    if (!(await this.stillActive(tokenHash, staff.id))) {
      this.live.end(tokenHash);
      return null;
    }
    return { staff, tokenHash, expiresAt };
  }

  /** The gate's check for every staff event: is the socket's session still live (memory only)? */
  isLive(tokenHash: string): boolean {
    return this.live.isLive(tokenHash);
  }

  /** Ends the session: deleted, and its sockets closed. */
  async logout(token: string | undefined): Promise<void> {
    if (!token) return;
    const tokenHash = hashToken(this.sodium, token);
    await this.repos.sessions.delete(tokenHash);
    this.live.end(tokenHash);
  }

  /**
   * Password change with her session: the current auth key must match (NOT_AUTHENTICATED), the
   * new parameters must meet the floor (WEAK_KDF). Her keys stay the same, re-wrapped by her
   * browser. Every session of hers ends (this one too: a stolen cookie dies with it) and a new
   * one is opened for this browser.
   */
  async changePassword(token: string | undefined, req: PasswordChangeRequest): Promise<OpenedSession> {
    const who = await this.authenticate(token);
    if (!who) throw errors.notAuthenticated();
    return this.passwordChanges.run(who.staff.id, () => this.changePasswordNow(who, token, req));
  }

  private async changePasswordNow(who: AuthenticatedStaff, token: string | undefined, req: PasswordChangeRequest): Promise<OpenedSession> {
    if (!(await this.authKeyMatches(who.staff, req.authKey))) throw errors.notAuthenticated();
    // Her session may have ended while the thread checked her key.
    if (!(await this.authenticate(token))) throw errors.notAuthenticated();
    const kdf = checkKdfParams(this.sodium, req.kdf, KDF_FLOORS[this.kdfFloor]);
    if (!kdf.ok) throw errors.weakKdf(kdf.reason);
    const credentials = { kdf: kdf.params, authHash: hashAuthKey(this.sodium, fromB64(this.sodium, req.newAuthKey)), wrappedSecretKeys: req.wrappedSecretKeys };
    // Only over the password her key was checked against: a change made meanwhile on another node
    // (or by the admin CLI) wins, and this one is refused as if her key no longer matched.
    if (!(await this.repos.staff.setCredentials(who.staff.id, credentials, who.staff.credentials?.authHash ?? ''))) throw errors.notAuthenticated();
    await this.repos.sessions.deleteForStaff(who.staff.id);
    this.live.endAllOf(who.staff.id);
    return this.open({ ...who.staff, credentials });
  }

  private async authKeyMatches(staff: StaffRecord | null, authKey: string): Promise<boolean> {
    const presented = toB64(this.sodium, fromB64(this.sodium, authKey));
    return (await this.verifier.verify(staff?.credentials?.authHash ?? this.decoyHash, presented)) && Boolean(staff?.credentials);
  }

  /**
   * A new session for her. Checked again once stored: a disable that landed while it was being
   * written deleted her sessions before this one existed, so this one is deleted here.
   */
  private async open(staff: StaffRecord): Promise<OpenedSession> {
    const token = newToken(this.sodium);
    const tokenHash = hashToken(this.sodium, token);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
    await this.repos.sessions.insert(tokenHash, staff.id, now.toISOString(), expiresAt.toISOString());
    if (!(await this.stillActive(tokenHash, staff.id))) {
      await this.repos.sessions.delete(tokenHash);
      throw errors.notAuthenticated();
    }
    return { token, session: sessionOf(staff), expiresAt, lifetimeSeconds: SESSION_HOURS * 3600 };
  }

  /** Her session row is still there and she is still active. */
  private async stillActive(tokenHash: string, staffId: string): Promise<boolean> {
    return (await this.repos.sessions.isLive(tokenHash, this.clock.now().toISOString())) && (await this.repos.staff.byId(staffId))?.status === 'active';
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
