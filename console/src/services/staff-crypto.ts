/**
 * Everything the console does with libsodium. This module is loaded with a dynamic import at
 * login, so libsodium (sumo, for Argon2id) and the envelope code stay out of the first download.
 * Secret keys live in this object only, in memory; {@link StaffCrypto.wipe} zeroes them at logout.
 * It returns data only: what the screen says about it is the i18n layer's (console/src/i18n).
 */
import type { CounselorIdentity, HandoverNote, MessageBody, StaffSession, StoredMessage } from '@tsunagari/shared';
import {
  type Envelope,
  openHandoverNote,
  openMessage,
  openSessionKey,
  sealHandoverNote,
  sealSessionKey,
  type SodiumSumo,
  type StaffKeyPairs,
  sealMessage,
  unwrapStaffKeys,
} from '@tsunagari/shared/crypto';
import type { IdentityReason } from '@tsunagari/shared/trust';
import type { StaffTrust } from './staff-trust.js';

let sodiumPromise: Promise<SodiumSumo> | null = null;

/** Loads libsodium once; `ready` compiles its WebAssembly. */
export function loadSodium(): Promise<SodiumSumo> {
  sodiumPromise ??= import('libsodium-wrappers-sumo').then(async (mod) => {
    const sodium = mod.default;
    await sodium.ready;
    return sodium;
  });
  // A failed load (network) must not poison later attempts.
  sodiumPromise.catch(() => {
    sodiumPromise = null;
  });
  return sodiumPromise;
}

/** Unwraps her key pairs and zeroes `wrapKey`; throws a CryptoError (UNWRAP_FAILED) when they do not open. */
export function unlockStaffCrypto(sodium: SodiumSumo, wrapKey: Uint8Array, keys: StaffSession['keys']): StaffCrypto {
  try {
    return new StaffCrypto(sodium, unwrapStaffKeys(sodium, wrapKey, keys));
  } finally {
    sodium.memzero(wrapKey);
  }
}

/** A session key sealed to a verified counselor, or why she was refused (nothing sealed). */
export type SealVerdict = { ok: true; sealedKey: string } | { ok: false; reason: IdentityReason };

/** Her unlocked keys and the operations that need them. */
export class StaffCrypto {
  /** @internal Built by {@link unlockStaffCrypto}. */
  constructor(
    private readonly sodium: SodiumSumo,
    private readonly keys: StaffKeyPairs,
  ) {}

  /** Opens a session key the client sealed to her; throws when it is not hers. */
  openSessionKey(sealedKey: string): Uint8Array {
    return openSessionKey(this.sodium, sealedKey, this.keys.boxPublicKey, this.keys.boxSecretKey);
  }

  /**
   * Decrypts one stored message to its body: her words, or her intake answers as they are. Throws
   * when it does not verify, or when the plaintext is not a valid body.
   */
  openBody(sessionKey: Uint8Array, message: StoredMessage): MessageBody {
    return openMessage(this.sodium, sessionKey, message.senderRole, message);
  }

  /** Encrypts her text as the counselor's message number `seq`. */
  sealText(sessionKey: Uint8Array, consultationId: string, seq: number, text: string): Envelope {
    return sealMessage(this.sodium, sessionKey, { consultationId, senderRole: 'counselor', seq }, { kind: 'text', text });
  }

  /**
   * Seals a session key to another counselor for a transfer, only when her statement verifies
   * against the PINNED organisation key as a currently valid, unrevoked counselor, and is about
   * the staff member the relay named. The key goes to the verified statement's box key, never
   * to a key from elsewhere in the relay's answer.
   */
  sealKeyFor(sessionKey: Uint8Array, receiver: CounselorIdentity, trust: StaffTrust): SealVerdict {
    const verdict = trust.verify(receiver, ['counselor']);
    if (!verdict.ok) return verdict;
    return { ok: true, sealedKey: sealSessionKey(this.sodium, sessionKey, verdict.statement.boxPublicKey) };
  }

  /** Encrypts a handover note under the session key. */
  sealNote(sessionKey: Uint8Array, consultationId: string, fromStaffId: string, text: string): { nonce: string; ciphertext: string } {
    return sealHandoverNote(this.sodium, sessionKey, consultationId, fromStaffId, text);
  }

  /** Decrypts a handover note; null when it does not verify. */
  openNote(sessionKey: Uint8Array, consultationId: string, note: HandoverNote): string | null {
    try {
      return openHandoverNote(this.sodium, sessionKey, consultationId, note);
    } catch {
      return null;
    }
  }

  /** Zeroes a session key that is no longer needed. */
  forget(key: Uint8Array): void {
    this.sodium.memzero(key);
  }

  /** Zeroes her secret keys (logout, lock). The object must not be used afterwards. */
  wipe(): void {
    this.sodium.memzero(this.keys.boxSecretKey);
    this.sodium.memzero(this.keys.signSecretKey);
  }
}
