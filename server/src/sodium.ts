import sodium from 'libsodium-wrappers-sumo';
import type { SodiumSumo } from '@tsunagari/shared/crypto';

/** libsodium (sumo build, for Argon2id), ready to use. */
export async function loadSodium(): Promise<SodiumSumo> {
  await sodium.ready;
  return sodium;
}
