/**
 * Everything the console does with libsodium. This module is loaded with a dynamic import at
 * login, so libsodium (sumo, for Argon2id) and the envelope code stay out of the first download.
 * Secret keys live in this object only, in memory; {@link StaffCrypto.wipe} zeroes them at logout.
 * It returns data only: what the screen says about it is the i18n layer's (console/src/i18n).
 */
import type { CounselorIdentity, HandoverNote, MessageBody, SealedEpochKey, StaffSession, StoredMessage } from '@tsunagari/shared';
import {
  type EpochEnvelope,
  openEpochMessage,
  openHandoverNote,
  openMessage,
  openSessionKey,
  sealEpochMessage,
  sealHandoverNote,
  sealSessionKey,
  type SodiumSumo,
  type StaffKeyPairs,
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

/** Session keys (every epoch she holds) sealed to a verified counselor, or why she was refused (nothing sealed). */
export type SealVerdict = { ok: true; sealedKeys: SealedEpochKey[] } | { ok: false; reason: IdentityReason };

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
   * Decrypts one stored message of `consultationId` to its body (her words, or her intake answers
   * as they are) with the key of its epoch. The associated data is built from what this console
   * expects — the chat it has open, the sender role, the epoch and seq — so a message moved
   * between chats or epochs does not open. Throws when it does not verify, or when the plaintext
   * is not a valid body.
   *
   * Messages stored before the key epochs (all of them epoch 0, sealed with the v1 associated
   * data, which had no epoch) still open: when v2 fails for an epoch-0 message, v1 is tried with
   * the expected consultation id. There were no real consultations then; this keeps demo
   * transcripts readable until retention deletes them.
   */
  openBody(sessionKey: Uint8Array, consultationId: string, message: StoredMessage): MessageBody {
    try {
      return openEpochMessage(this.sodium, sessionKey, { consultationId, senderRole: message.senderRole, keyEpoch: message.keyEpoch }, message);
    } catch (caught) {
      if (message.keyEpoch !== 0) throw caught;
      return openMessage(this.sodium, sessionKey, message.senderRole, { ...message, consultationId });
    }
  }

  /** Encrypts her text, with when she wrote it (`writtenAt`, ISO), as the counselor's message number `seq` of key epoch `keyEpoch`. */
  sealText(sessionKey: Uint8Array, consultationId: string, keyEpoch: number, seq: number, text: string, writtenAt: string): EpochEnvelope {
    return sealEpochMessage(this.sodium, sessionKey, { consultationId, senderRole: 'counselor', keyEpoch, seq }, { kind: 'text', text, writtenAt });
  }

  /**
   * Seals the session keys of every epoch she holds to another counselor for a transfer (the new
   * one reads the whole history; her widget starts a new epoch for her when it is online), only
   * when her statement verifies against the PINNED organisation key as a currently valid,
   * unrevoked counselor, and is about the staff member the relay named. The keys go to the
   * verified statement's box key, never to a key from elsewhere in the relay's answer.
   */
  sealKeysFor(keys: ReadonlyMap<number, Uint8Array>, receiver: CounselorIdentity, trust: StaffTrust): SealVerdict {
    const verdict = trust.verify(receiver, ['counselor']);
    if (!verdict.ok) return verdict;
    const box = verdict.statement.boxPublicKey;
    const sealedKeys = [...keys].sort(([a], [b]) => a - b).map(([keyEpoch, key]) => ({ keyEpoch, sealedKey: sealSessionKey(this.sodium, key, box) }));
    return { ok: true, sealedKeys };
  }

  /** Encrypts a handover note under the session key. */
  sealNote(sessionKey: Uint8Array, consultationId: string, fromStaffId: string, text: string): { nonce: string; ciphertext: string } {
    return sealHandoverNote(this.sodium, sessionKey, consultationId, fromStaffId, text);
  }

  /**
   * Decrypts a handover note with whichever of her epoch keys sealed it (a note carries no epoch:
   * it was sealed with the newest key its writer held), newest first; null when none opens it.
   */
  openNote(keys: readonly Uint8Array[], consultationId: string, note: HandoverNote): string | null {
    for (const key of [...keys].reverse()) {
      try {
        return openHandoverNote(this.sodium, key, consultationId, note);
      } catch {
        // Another epoch's key: try the next.
      }
    }
    return null;
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
