import type { KdfParamsResponse, StaffSession } from '@tsunagari/shared';
import { type SodiumSumo, fromB64, kdfLimits, toB64 } from '@tsunagari/shared/crypto';
import type { Clock } from '../clock.js';
import { errors } from '../errors.js';
import type { Repositories } from '../repositories/types.js';
import type { StaffRecord } from './types.js';
import { hashToken, newToken } from './tokens.js';

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

/** Staff login: KDF parameters, auth-key check, session tokens. No sockets, no HTTP. */
export class StaffAuthService {
  /** Per-process secret that makes fake KDF salts for unknown usernames stable and unguessable. */
  private readonly decoySecret: Uint8Array;
  private readonly decoyHash: string;

  constructor(
    private readonly repos: Repositories,
    private readonly sodium: SodiumSumo,
    private readonly clock: Clock,
  ) {
    this.decoySecret = sodium.randombytes_buf(32);
    this.decoyHash = hashAuthKey(sodium, sodium.randombytes_buf(32));
  }

  /** The salt and limits for a username. Unknown names get plausible fake ones, so names cannot be probed. */
  params(username: string): KdfParamsResponse {
    const staff = this.repos.staff.byUsername(username);
    if (staff) return { salt: staff.kdfSalt, opslimit: staff.kdfOpslimit, memlimit: staff.kdfMemlimit };
    const salt = this.sodium.crypto_generichash(this.sodium.crypto_pwhash_SALTBYTES, username, this.decoySecret);
    return { salt: toB64(this.sodium, salt), ...kdfLimits(this.sodium, 'interactive') };
  }

  /** Checks the auth key; on success opens a session and returns its token and what the console needs. */
  login(username: string, authKey: string): { token: string; session: StaffSession; expiresAt: Date } {
    const staff = this.repos.staff.byUsername(username);
    const org = this.repos.organisation.get();
    const presented = toB64(this.sodium, fromB64(this.sodium, authKey));
    // Verify against a decoy hash for unknown names so both paths take the same time.
    const ok = this.sodium.crypto_pwhash_str_verify(staff?.authHash ?? this.decoyHash, presented);
    if (!staff || !ok || !org) throw errors.notAuthenticated();
    const token = newToken(this.sodium);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
    this.repos.sessions.insert(hashToken(this.sodium, token), staff.id, now.toISOString(), expiresAt.toISOString());
    return { token, session: sessionOf(staff, org.signPublicKey), expiresAt };
  }

  /** The staff member behind a session token, or null. */
  authenticate(token: string | undefined): StaffRecord | null {
    if (!token) return null;
    const id = this.repos.sessions.staffIdFor(hashToken(this.sodium, token), this.clock.now().toISOString());
    return id ? this.repos.staff.byId(id) : null;
  }

  logout(token: string | undefined): void {
    if (token) this.repos.sessions.delete(hashToken(this.sodium, token));
  }
}

function sessionOf(staff: StaffRecord, orgPublicKey: string): StaffSession {
  return {
    staff: { id: staff.id, username: staff.username, displayName: staff.displayName, role: staff.role },
    keys: {
      boxPublicKey: staff.boxPublicKey,
      signPublicKey: staff.signPublicKey,
      wrappedSecretKeys: staff.wrappedSecretKeys,
      orgSignature: staff.orgSignature,
    },
    orgPublicKey,
  };
}
