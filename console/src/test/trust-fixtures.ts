/**
 * Organisations, statements and key files for the console's trust tests, made with the same
 * libsodium build the console runs (sumo). Imported by tests only.
 */
import type { StaffRole } from '@tsunagari/shared';
import { createOrgKeyFile, type OrgKeyFile, serialiseOrgKeyFile, toB64 } from '@tsunagari/shared/crypto';
import { newStaffStatement, type PendingStatement, type StaffStatement } from '@tsunagari/shared/trust';
import sodium from 'libsodium-wrappers-sumo';

export { sodium };

/** Unix ms fixed for the tests: 2026-12-01T01:00:00Z (10:00 in Tokyo). */
export const NOW = Date.UTC(2026, 11, 1, 1, 0, 0);
export const DAY = 24 * 60 * 60 * 1000;
export const PASSPHRASE = 'ume no hana saku yamaguchi';

/** A fresh organisation key pair (raw keys: the test signs directly). */
export function newOrg(): { publicKey: string; secretKey: Uint8Array } {
  const kp = sodium.crypto_sign_keypair();
  return { publicKey: toB64(sodium, kp.publicKey), secretKey: kp.privateKey };
}

/** An organisation as an admin holds it: the key file's text and its passphrase (Argon2id MODERATE: about a second). */
export function newOrgKeyFile(passphrase = PASSPHRASE): { file: OrgKeyFile; text: string; publicKey: string } {
  const file = createOrgKeyFile(sodium, passphrase);
  return { file, text: serialiseOrgKeyFile(file), publicKey: file.publicKey };
}

/** What a newly enrolled staff member's browser uploaded: fresh public keys. */
export function pendingFor(staffId = 'staff-sato-0000000001', role: StaffRole = 'counselor', keyVersion = 1): PendingStatement {
  return {
    staffId,
    role,
    boxPublicKey: toB64(sodium, sodium.crypto_box_keypair().publicKey),
    signPublicKey: toB64(sodium, sodium.crypto_sign_keypair().publicKey),
    keyVersion,
  };
}

/** A statement for fresh keys, valid for a year from `from`. */
export function statementFor(staffId?: string, role?: StaffRole, from = NOW): StaffStatement {
  return newStaffStatement(pendingFor(staffId, role), from);
}
