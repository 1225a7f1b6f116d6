/**
 * Whom the console trusts: the organisation key pinned from its own config file, and the newest
 * org-signed revocation list it has seen. Loaded at login with libsodium (like staff-crypto.ts).
 * Every identity the console seals to, or signs for, is checked here first; nothing the relay
 * says is taken for a key to verify against.
 */
import type { StaffRole } from '@tsunagari/shared';
import type { SodiumSumo } from '@tsunagari/shared/crypto';
import {
  type IdentityReason,
  newerRevocationList,
  orgKeyFingerprint,
  type PinnedOrgKey,
  pinOrgKey,
  type RevocationListReason,
  type RevocationFreshness,
  type StaffStatement,
  verifyRevocationList,
  verifyStaffIdentity,
  type VerifiedRevocationList,
} from '@tsunagari/shared/trust';

/** An identity accepted (seal or sign with `statement`'s keys only), or why not. */
export type IdentityVerdict = { ok: true; statement: StaffStatement; revocation: RevocationFreshness } | { ok: false; reason: IdentityReason };

/** What became of a revocation list the relay served. */
export type ListOutcome = 'newer' | 'not-newer' | 'none' | RevocationListReason;

export class StaffTrust {
  private list: VerifiedRevocationList | null = null;

  /** @internal Made by {@link pinTrust}. */
  constructor(
    private readonly sodium: SodiumSumo,
    /** The organisation key from console-config.json. */
    readonly orgKey: PinnedOrgKey,
    private readonly now: () => number,
  ) {}

  /** The organisation key's fingerprint in digit groups, for the header menu. */
  get orgFingerprint(): string {
    return orgKeyFingerprint(this.sodium, this.orgKey);
  }

  /** The newest verified revocation list held, or null. */
  get revocations(): VerifiedRevocationList | null {
    return this.list;
  }

  /**
   * Takes a list the relay served: kept only when it verifies against the pinned key and is
   * newer than the one held (a relay serving an old list cannot roll revocations back here).
   */
  acceptList(signed: unknown): ListOutcome {
    if (signed === null) return 'none';
    const verdict = verifyRevocationList(this.sodium, this.orgKey, signed);
    if (!verdict.ok) return verdict.reason;
    const newer = newerRevocationList(this.list, verdict.list);
    if (newer === this.list) return 'not-newer';
    this.list = newer;
    return 'newer';
  }

  /**
   * Checks an identity as the relay handed it (`{staffId, statement}`): the statement against the
   * pinned key, the roles accepted here, its validity and the revocation list, and that it is
   * about the staff member the relay named. On ok, use only the returned statement's keys.
   */
  verify(identity: unknown, roles: readonly StaffRole[]): IdentityVerdict {
    return verifyStaffIdentity(this.sodium, identity, { orgKey: this.orgKey, acceptRoles: roles, now: this.now(), revocations: this.list });
  }
}

/**
 * Pins the configured organisation key. Throws `CryptoError` `BAD_ORG_KEY` when the config's key
 * is not a canonical Ed25519 public key: the console then refuses to sign anyone in.
 */
export function pinTrust(sodium: SodiumSumo, orgPublicKey: string, now: () => number = Date.now): StaffTrust {
  return new StaffTrust(sodium, pinOrgKey(sodium, orgPublicKey), now);
}
