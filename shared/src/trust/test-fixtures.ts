import sodium from 'libsodium-wrappers';
import { CryptoError, fromB64, toB64 } from '../crypto/sodium.js';
import type { StaffRole } from '../protocol/events/roles.js';
import { pinOrgKey, type PinnedOrgKey } from './org-key.js';
import { newStaffStatement, type StaffStatement } from './statement.js';

/**
 * Test fixtures for the trust tests (imported by *.test.ts only). Uses the standard libsodium
 * build on purpose: it is what the widget verifies with.
 */
export { sodium };

/** Unix ms fixed for the tests: 2026-12-01T01:00:00Z (10:00 in Tokyo). */
export const NOW = Date.UTC(2026, 11, 1, 1, 0, 0);
export const DAY = 24 * 60 * 60 * 1000;

/** A fresh organisation key pair with its pinned public half. */
export function newOrg(): { secretKey: Uint8Array; pinned: PinnedOrgKey } {
  const kp = sodium.crypto_sign_keypair();
  return { secretKey: kp.privateKey, pinned: pinOrgKey(sodium, toB64(sodium, kp.publicKey)) };
}

/** A statement for fresh keys, valid for a year from {@link NOW}. */
export function statementFor(staffId = 'staff-sato-0000000001', role: StaffRole = 'counselor', keyVersion = 1): StaffStatement {
  return newStaffStatement(
    {
      staffId,
      role,
      boxPublicKey: toB64(sodium, sodium.crypto_box_keypair().publicKey),
      signPublicKey: toB64(sodium, sodium.crypto_sign_keypair().publicKey),
      keyVersion,
    },
    NOW,
  );
}

/** Flips one bit of a base64url value. */
export function flipBit(value: string, byte = 0): string {
  const bytes = fromB64(sodium, value);
  bytes[byte] = (bytes[byte] ?? 0) ^ 1;
  return toB64(sodium, bytes);
}

/** The {@link CryptoError} id `run` throws, 'other error' for any other throw, or 'no error'. */
export function errorIdOf(run: () => unknown): string {
  try {
    run();
  } catch (caught) {
    return caught instanceof CryptoError ? caught.id : 'other error';
  }
  return 'no error';
}
