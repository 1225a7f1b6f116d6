/**
 * Everything the console does with libsodium. This module is loaded with a dynamic import at
 * login, so libsodium (sumo, for Argon2id) and the envelope code stay out of the first download.
 * Secret keys live in this object only, in memory; {@link StaffCrypto.wipe} zeroes them at logout.
 * It returns data only: what the screen says about it is the i18n layer's (console/src/i18n).
 */
import type { CounselorIdentity, HandoverNote, MessageBody, StaffSession, StoredMessage } from '@tsunagari/shared';
import {
  deriveStaffPasswordKeys,
  type Envelope,
  type KdfParams,
  openHandoverNote,
  openMessage,
  openSessionKey,
  sealHandoverNote,
  sealSessionKey,
  type SodiumSumo,
  type StaffKeyPairs,
  sealMessage,
  toB64,
  unwrapStaffKeys,
} from '@tsunagari/shared/crypto';
import { type PinnedOrgKey, pinOrgKey, verifyStaffIdentity } from '@tsunagari/shared/trust';

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

/** The result of Argon2id on her password: what to send, and what to keep for unwrapping. */
export interface DerivedLogin {
  /** base64url auth key for `POST /api/auth/login`. */
  authKey: string;
  /** Unwraps her secret keys; zeroed by {@link unlockStaffCrypto}. */
  wrapKey: Uint8Array;
}

/** Argon2id with the server's salt and limits (about 0.1–1 s; the form shows a busy state). */
export async function deriveLogin(password: string, params: KdfParams): Promise<DerivedLogin> {
  const sodium = await loadSodium();
  const { authKey, wrapKey } = deriveStaffPasswordKeys(sodium, password, params);
  const b64 = toB64(sodium, authKey);
  sodium.memzero(authKey);
  return { authKey: b64, wrapKey };
}

/**
 * Unwraps her key pairs; throws a CryptoError (UNWRAP_FAILED) when they do not open, BAD_ORG_KEY
 * when the organisation key from the console's own config file is not a key.
 */
export async function unlockStaffCrypto(wrapKey: Uint8Array, keys: StaffSession['keys'], orgPublicKey: string): Promise<StaffCrypto> {
  const sodium = await loadSodium();
  try {
    return new StaffCrypto(sodium, unwrapStaffKeys(sodium, wrapKey, keys), pinOrgKey(sodium, orgPublicKey));
  } finally {
    sodium.memzero(wrapKey);
  }
}

/** Her unlocked keys and the operations that need them. */
export class StaffCrypto {
  /** @internal Built by {@link unlockStaffCrypto}. */
  constructor(
    private readonly sodium: SodiumSumo,
    private readonly keys: StaffKeyPairs,
    /** The organisation key from console-config.json (where this code came from), never from the relay. */
    private readonly orgKey: PinnedOrgKey,
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
   * Seals a session key to another counselor for a transfer, after checking her identity against
   * the pinned organisation key: a counselor's statement, in validity, about the staff member
   * named (a relay cannot slip in its own key). Null when it does not verify.
   */
  sealKeyFor(sessionKey: Uint8Array, receiver: CounselorIdentity): string | null {
    const verdict = verifyStaffIdentity(this.sodium, receiver, { orgKey: this.orgKey, acceptRoles: ['counselor'], now: Date.now(), revocations: null });
    if (!verdict.ok) return null;
    return sealSessionKey(this.sodium, sessionKey, verdict.statement.boxPublicKey);
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

  /** Zeroes her secret keys (logout). The object must not be used afterwards. */
  wipe(): void {
    this.sodium.memzero(this.keys.boxSecretKey);
    this.sodium.memzero(this.keys.signSecretKey);
  }
}
