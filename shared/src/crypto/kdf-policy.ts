import { decodeFixed, hasExactKeys } from './canonical.js';
import { CryptoError, type Sodium, type SodiumSumo } from './sodium.js';
import { deriveStaffPasswordKeys, type KdfParams, type StaffPasswordKeys } from './staff-keys.js';

/**
 * What Argon2id parameters a staff browser (or the org key file) accepts. The relay hands each
 * staff member her salt and limits at login; a relay that lowered them would make her password
 * cheaper to guess from whatever it captures, so the console refuses anything weaker than
 * libsodium's MODERATE (3 passes, 256 MiB) before deriving. It also refuses absurdly costly
 * values, which could only freeze or crash her browser.
 */
export const KDF_MINIMUM = Object.freeze({ opslimit: 3, memlimit: 256 * 1024 * 1024 });
/** Upper bounds: 10 passes, 1 GiB (libsodium's SENSITIVE memory). */
export const KDF_MAXIMUM = Object.freeze({ opslimit: 10, memlimit: 1024 * 1024 * 1024 });
/**
 * The floors a deployment may configure: `moderate` ({@link KDF_MINIMUM}) everywhere real people
 * log in; `min` (1 pass, 8 MiB) only for servers started for automated tests (`STAFF_KDF=min`),
 * where a browser test would otherwise spend seconds per login. The console reads its floor from
 * its own pinned config file, never from the relay.
 */
export type KdfFloor = 'moderate' | 'min';
export const KDF_FLOORS: Readonly<Record<KdfFloor, Readonly<{ opslimit: number; memlimit: number }>>> = Object.freeze({
  moderate: KDF_MINIMUM,
  min: Object.freeze({ opslimit: 1, memlimit: 8 * 1024 * 1024 }),
});
/** Staff passwords and the org key passphrase: at least this many characters (code points). */
export const MIN_PASSWORD_LENGTH = 12;
/** Argon2id salt length in bytes (libsodium's crypto_pwhash_SALTBYTES). */
export const KDF_SALT_BYTES = 16;

/** Why parameters were refused. */
export type KdfRefusal = 'malformed' | 'too-weak' | 'too-costly';

/**
 * Checks untrusted KDF parameters: exactly `{salt, opslimit, memlimit}`, a canonical base64url
 * 16-byte salt, whole-number limits, each at least `floor` (default {@link KDF_MINIMUM}; both must
 * hold: more passes do not make up for less memory) and at most {@link KDF_MAXIMUM}.
 */
export function checkKdfParams(
  sodium: Sodium,
  params: unknown,
  floor: { opslimit: number; memlimit: number } = KDF_MINIMUM,
): { ok: true; params: KdfParams } | { ok: false; reason: KdfRefusal } {
  if (!hasExactKeys(params, ['salt', 'opslimit', 'memlimit'])) return { ok: false, reason: 'malformed' };
  const { salt, opslimit, memlimit } = params;
  if (!decodeFixed(sodium, salt, KDF_SALT_BYTES) || !Number.isSafeInteger(opslimit) || !Number.isSafeInteger(memlimit)) {
    return { ok: false, reason: 'malformed' };
  }
  const ops = opslimit as number;
  const mem = memlimit as number;
  if (ops < floor.opslimit || mem < floor.memlimit) return { ok: false, reason: 'too-weak' };
  if (ops > KDF_MAXIMUM.opslimit || mem > KDF_MAXIMUM.memlimit) return { ok: false, reason: 'too-costly' };
  return { ok: true, params: { salt: salt as string, opslimit: ops, memlimit: mem } };
}

/** Throws {@link CryptoError} `WEAK_KDF` unless {@link checkKdfParams} accepts; returns the clean params. */
export function requireKdfParams(sodium: Sodium, params: unknown, floor: { opslimit: number; memlimit: number } = KDF_MINIMUM): KdfParams {
  const verdict = checkKdfParams(sodium, params, floor);
  if (!verdict.ok) throw new CryptoError('WEAK_KDF', `Argon2id parameters refused: ${verdict.reason}`);
  return verdict.params;
}

/** Throws {@link CryptoError} `WEAK_PASSWORD` when shorter than {@link MIN_PASSWORD_LENGTH} code points. */
export function requirePasswordLength(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new CryptoError('WEAK_PASSWORD', `passwords need at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}

/**
 * The console's login derivation: refuses parameters outside the policy (`WEAK_KDF`; `floor` from
 * its pinned config, default MODERATE) before
 * spending any work, then derives the auth and wrap keys exactly as `deriveStaffPasswordKeys`.
 */
export function deriveCheckedPasswordKeys(
  sodium: SodiumSumo,
  password: string,
  params: unknown,
  floor: { opslimit: number; memlimit: number } = KDF_MINIMUM,
): StaffPasswordKeys {
  return deriveStaffPasswordKeys(sodium, password, requireKdfParams(sodium, params, floor));
}
