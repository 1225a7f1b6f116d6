import type { StaffRole } from '@tsunagari/shared';
import { KDF_FLOORS, type KdfFloor, type SodiumSumo, generateStaffKeyPairs, wrapKeysUnderPassword } from '@tsunagari/shared/crypto';
import { newStaffStatement, signStaffStatement } from '@tsunagari/shared/trust';
import type { StaffLifecycle } from '../domain/staff/lifecycle.js';

/** A staff member to enrol, with the password her browser would wrap her keys under. */
export interface NewStaff {
  username: string;
  displayName: string;
  role: StaffRole;
  /** At least 12 characters. */
  password: string;
}

/**
 * Every step of an enrolment in one process, through the same lifecycle the relay runs: the
 * admin's invitation, her browser's part (key pairs made here, secret keys wrapped under her
 * password at `kdf` strength, public keys and login value uploaded with the token), then the
 * admin's signature with the organisation key. Only the demo seed (whose org key file and
 * passphrase are printed for everyone) and tests use it: in production the browser and the
 * admin's own machine hold these secrets, never the relay.
 */
export async function enrolInProcess(
  sodium: SodiumSumo,
  lifecycle: StaffLifecycle,
  orgSecretKey: Uint8Array,
  input: NewStaff,
  opts: { kdf: KdfFloor; now: number },
): Promise<{ staffId: string }> {
  const { inviteToken } = await lifecycle.invite({ username: input.username, displayName: input.displayName, role: input.role });
  const pairs = generateStaffKeyPairs(sodium);
  const limits = KDF_FLOORS[opts.kdf];
  const wrapped = wrapKeysUnderPassword(sodium, input.password, pairs, limits, limits);
  sodium.memzero(pairs.boxSecretKey);
  sodium.memzero(pairs.signSecretKey);
  const { staffId } = await lifecycle.enrol({ token: inviteToken, kdf: wrapped.kdf, authKey: wrapped.loginValue, ...wrapped.keys });
  const pending = (await lifecycle.directory()).find((s) => s.staffId === staffId)?.pending;
  if (!pending) throw new Error(`${input.username} is not pending after enrolment`);
  await lifecycle.activate(staffId, signStaffStatement(sodium, orgSecretKey, newStaffStatement(pending, opts.now)));
  return { staffId };
}
