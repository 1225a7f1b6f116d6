/**
 * The organisation key in the admin's browser: the key file she picks is read here with a
 * FileReader (never uploaded), opened with her passphrase, used for one action, and its secret
 * key zeroed before the action's request goes out. Nothing here talks to the relay.
 */
import { CryptoError, openOrgKeyFile, type SodiumSumo } from '@tsunagari/shared/crypto';
import {
  newStaffStatement,
  type PendingStatement,
  type PinnedOrgKey,
  type RevocationList,
  signRevocationList,
  signStaffStatement,
  type SignedRevocationList,
  type SignedStaffStatement,
  type StaffStatement,
  type VerifiedRevocationList,
} from '@tsunagari/shared/trust';

/** Why the key file could not be used; each has its own sentence on screen. */
export type OrgKeyProblem = 'READ_FAILED' | 'KEY_FILE_MALFORMED' | 'WEAK_KDF' | 'WRONG_PASSPHRASE' | 'KEY_FILE_MISMATCH' | 'NOT_THIS_ORG';

export type OrgKeyResult<T> = { ok: true; value: T } | { ok: false; problem: OrgKeyProblem };

/** A key file is a few hundred bytes; anything far larger is not one (and is not read whole). */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/** Reads the picked file as text in the browser. */
export function readKeyFile(file: Blob): Promise<string | null> {
  if (file.size > MAX_KEY_FILE_BYTES) return Promise.resolve(null);
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : null);
    reader.onerror = () => resolve(null);
    reader.readAsText(file);
  });
}

/**
 * Opens the key file and runs `use` with the organisation's secret key, which is zeroed as soon
 * as `use` returns or throws. A file for another organisation (its public key is not the one
 * pinned in console-config.json) is refused before anything is signed with it.
 */
export function withOrgSecretKey<T>(
  sodium: SodiumSumo,
  fileText: string | null,
  passphrase: string,
  orgKey: PinnedOrgKey,
  use: (secretKey: Uint8Array) => T,
): OrgKeyResult<T> {
  if (fileText === null) return { ok: false, problem: 'READ_FAILED' };
  let opened;
  try {
    opened = openOrgKeyFile(sodium, fileText, passphrase);
  } catch (e) {
    if (e instanceof CryptoError && (e.id === 'KEY_FILE_MALFORMED' || e.id === 'WEAK_KDF' || e.id === 'WRONG_PASSPHRASE' || e.id === 'KEY_FILE_MISMATCH')) {
      return { ok: false, problem: e.id };
    }
    return { ok: false, problem: 'KEY_FILE_MALFORMED' };
  }
  try {
    if (opened.publicKey !== orgKey.text) return { ok: false, problem: 'NOT_THIS_ORG' };
    return { ok: true, value: use(opened.secretKey) };
  } finally {
    sodium.memzero(opened.secretKey);
  }
}

/** The statement for a pending enrolment, valid from `now` for the default year, signed. */
export function signPending(sodium: SodiumSumo, secretKey: Uint8Array, pending: PendingStatement, now: number): SignedStaffStatement {
  return signStaffStatement(sodium, secretKey, newStaffStatement(pending, now));
}

/** The same keys, role and key version as `current`, valid for another year from `now`. */
export function signRenewal(sodium: SodiumSumo, secretKey: Uint8Array, current: StaffStatement, now: number): SignedStaffStatement {
  const { notBefore: _b, notAfter: _a, ...pending } = current;
  return signStaffStatement(sodium, secretKey, newStaffStatement(pending, now));
}

/**
 * The next revocation list: every entry of `current` (the newest list verified against the
 * pinned key), plus one revoking `who`'s key version and all before it when given (without one:
 * the same entries with a fresh date, so browsers do not call the list stale). Issued at `now`,
 * or just after `current` if a skewed clock would otherwise make it look older.
 */
export function nextRevocationList(current: VerifiedRevocationList | null, who: { staffId: string; keyVersion: number } | null, now: number): RevocationList {
  const entries = (current?.entries ?? []).filter((e) => !(e.staffId === who?.staffId && e.keyVersion === who.keyVersion));
  if (who) entries.push({ staffId: who.staffId, keyVersion: who.keyVersion, revokedAt: now });
  return { issuedAt: Math.max(now, (current?.issuedAt ?? 0) + 1), entries };
}

/** Signs {@link nextRevocationList}. */
export function signRevocation(
  sodium: SodiumSumo,
  secretKey: Uint8Array,
  current: VerifiedRevocationList | null,
  who: { staffId: string; keyVersion: number } | null,
  now: number,
): SignedRevocationList {
  return signRevocationList(sodium, secretKey, nextRevocationList(current, who, now));
}
