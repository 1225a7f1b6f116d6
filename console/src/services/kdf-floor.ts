import { checkKdfParams, KDF_MAXIMUM, type KdfParams, kdfLimits, type KdfRefusal, type SodiumSumo } from '@tsunagari/shared/crypto';
import type { KdfFloor } from './console-config.js';

/**
 * The console's check on the Argon2id parameters a relay hands it, before any work is spent on
 * her password. At the production floor (`moderate`) this is exactly the shared policy
 * (`checkKdfParams`). A weaker floor exists only so the console can sign in to test servers
 * whose seeded staff have weak parameters; it is read from the console's own config file, never
 * from the relay, so a relay cannot lower it.
 */
export type FloorVerdict = { ok: true; params: KdfParams } | { ok: false; reason: KdfRefusal };

export function checkKdfAgainstFloor(sodium: SodiumSumo, params: unknown, floor: KdfFloor): FloorVerdict {
  const verdict = checkKdfParams(sodium, params);
  if (verdict.ok || verdict.reason !== 'too-weak' || floor === 'moderate') return verdict;
  // Too weak for the shared policy, but the config allows a weaker floor. The shape was checked
  // before the minimum (a malformed value never reaches here); the upper bounds were not.
  const { salt, opslimit, memlimit } = params as KdfParams;
  const min = kdfLimits(sodium, floor);
  if (opslimit < min.opslimit || memlimit < min.memlimit) return { ok: false, reason: 'too-weak' };
  if (opslimit > KDF_MAXIMUM.opslimit || memlimit > KDF_MAXIMUM.memlimit) return { ok: false, reason: 'too-costly' };
  return { ok: true, params: { salt, opslimit, memlimit } };
}

/**
 * The limits her browser wraps keys under (enrolment, password change): MODERATE, the shared
 * minimum. No floor in the config is stronger than that, so a weak test floor never weakens a
 * new wrap.
 */
export function wrapLimits(sodium: SodiumSumo): { opslimit: number; memlimit: number } {
  return kdfLimits(sodium, 'moderate');
}
