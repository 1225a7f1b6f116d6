/**
 * Whom the console trusts: the organisation key pinned from its own config file, and the newest
 * org-signed revocation list it has seen. Loaded at login with libsodium (like staff-crypto.ts).
 * Every identity the console seals to, or signs for, is checked here first; nothing the relay
 * says is taken for a key to verify against.
 */
import type { StaffRole } from '@tsunagari/shared';
import type { SodiumSumo } from '@tsunagari/shared/crypto';
import {
  newerRevocationList,
  orgKeyFingerprint,
  type PinnedOrgKey,
  pinOrgKey,
  type RevocationListReason,
  type StatementVerdict,
  verifyRevocationList,
  verifyStaffStatement,
  type VerifiedRevocationList,
} from '@tsunagari/shared/trust';

/** A statement refused, or one that names a different staff member than the one asked about. */
export type IdentityVerdict = StatementVerdict | { ok: false; reason: 'wrong-staff' };

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
   * Checks a signed statement (as the relay handed it) for a staff member in one of `roles`, and
   * that it is about `staffId` when given. On ok, seal or sign only with the returned statement's keys.
   */
  verify(signed: unknown, roles: readonly StaffRole[], staffId?: string): IdentityVerdict {
    const verdict = verifyStaffStatement(this.sodium, signed, { orgKey: this.orgKey, acceptRoles: roles, now: this.now(), revocations: this.list });
    if (verdict.ok && staffId !== undefined && verdict.statement.staffId !== staffId) return { ok: false, reason: 'wrong-staff' };
    return verdict;
  }
}

/**
 * Pins the configured organisation key. Throws `CryptoError` `BAD_ORG_KEY` when the config's key
 * is not a canonical Ed25519 public key: the console then refuses to sign anyone in.
 */
export function pinTrust(sodium: SodiumSumo, orgPublicKey: string, now: () => number = Date.now): StaffTrust {
  return new StaffTrust(sodium, pinOrgKey(sodium, orgPublicKey), now);
}
