import type { SenderRole } from '../protocol/events/roles.js';
import type { MessageBody } from '../protocol/schemas.js';
import { AGE_BANDS, DANGER_ANSWERS, TOPICS } from '../intake/intake.js';
import { MAX_MESSAGE_CHARS } from '../protocol/limits.js';
import { INTAKE_PADDED_SIZE, padPlaintext, unpadPlaintext } from './padding.js';
import { CryptoError, fromB64, type Sodium, toB64 } from './sodium.js';

/** What a message's associated data binds: a ciphertext cannot be moved to another place. */
export interface EnvelopeContext {
  consultationId: string;
  senderRole: SenderRole;
  seq: number;
}

/** An encrypted message as it travels and is stored. */
export interface Envelope {
  consultationId: string;
  seq: number;
  nonce: string;
  ciphertext: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Associated data: version, consultation, sender role and sequence number. */
export function associatedData(ctx: EnvelopeContext): Uint8Array {
  return encoder.encode(`tsunagari/v1|${ctx.consultationId}|${ctx.senderRole}|${ctx.seq}`);
}

/** A fresh random 32-byte session key for one consultation. */
export function newSessionKey(sodium: Sodium): Uint8Array {
  return sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
}

/** Encrypts one message body with XChaCha20-Poly1305 and a random nonce. */
export function sealMessage(
  sodium: Sodium,
  sessionKey: Uint8Array,
  ctx: EnvelopeContext,
  body: MessageBody,
): Envelope {
  return { consultationId: ctx.consultationId, seq: ctx.seq, ...encryptBody(sodium, sessionKey, associatedData(ctx), body) };
}

/**
 * Decrypts and checks one envelope. Throws {@link CryptoError} when the ciphertext, nonce,
 * associated data or key is wrong, or when the plaintext is not a valid message body.
 */
export function openMessage(
  sodium: Sodium,
  sessionKey: Uint8Array,
  senderRole: SenderRole,
  envelope: Envelope,
): MessageBody {
  const ad = associatedData({ consultationId: envelope.consultationId, senderRole, seq: envelope.seq });
  return decryptBody(sodium, sessionKey, ad, envelope);
}

/**
 * XChaCha20-Poly1305 of a body's JSON under `ad`, with a fresh random nonce (every envelope
 * version). The JSON is padded first (padding.ts): the ciphertext's length says only which of a
 * few sizes it is, and every intake has the same one.
 */
export function encryptBody(sodium: Sodium, sessionKey: Uint8Array, ad: Uint8Array, body: MessageBody): { nonce: string; ciphertext: string } {
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const plain = padPlaintext(sodium, encoder.encode(JSON.stringify(body)), body.kind === 'intake' ? INTAKE_PADDED_SIZE : 0);
  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, ad, null, nonce, sessionKey);
  return { nonce: toB64(sodium, nonce), ciphertext: toB64(sodium, ciphertext) };
}

/** Messages sealed before padding existed end with their JSON's closing brace; padded ones never do (0x80 or 0x00). */
const CLOSING_BRACE = 0x7d;

/** Decrypts under `ad` and checks the body's shape; throws {@link CryptoError} (DECRYPT_FAILED, BAD_BODY). */
export function decryptBody(sodium: Sodium, sessionKey: Uint8Array, ad: Uint8Array, sealed: { nonce: string; ciphertext: string }): MessageBody {
  let plain: Uint8Array;
  try {
    plain = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, fromB64(sodium, sealed.ciphertext), ad, fromB64(sodium, sealed.nonce), sessionKey);
  } catch {
    throw new CryptoError('DECRYPT_FAILED', 'message did not decrypt');
  }
  if (plain[plain.length - 1] !== CLOSING_BRACE) plain = unpadPlaintext(sodium, plain);
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(plain));
  } catch {
    throw new CryptoError('BAD_BODY', 'message body is not JSON');
  }
  if (!isMessageBody(parsed)) throw new CryptoError('BAD_BODY', 'message body has the wrong shape');
  return parsed;
}

/** A UTC time to the millisecond, as `Date#toISOString` writes it (the body's `writtenAt`). */
const ISO_MS = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * The decrypted body's shape (mirrors `messageBodySchema`, which a test keeps in step). Checked
 * by hand here because this runs in the widget, where pulling zod in would cost ~25 KB gzip
 * on her phone; the server never sees bodies and validates every inbound payload with zod.
 */
export function isMessageBody(value: unknown): value is MessageBody {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v);
  if (v.writtenAt !== undefined && !(typeof v.writtenAt === 'string' && ISO_MS.test(v.writtenAt))) return false;
  if (v.kind === 'text') {
    const allowed = new Set(['kind', 'text', 'writtenAt']);
    return keys.every((k) => allowed.has(k)) && typeof v.text === 'string' && v.text.length >= 1 && v.text.length <= MAX_MESSAGE_CHARS;
  }
  if (v.kind !== 'intake') return false;
  const allowed = new Set(['kind', 'ageBand', 'topics', 'danger', 'writtenAt']);
  return (
    keys.every((k) => allowed.has(k)) &&
    (v.ageBand === undefined || (AGE_BANDS as readonly unknown[]).includes(v.ageBand)) &&
    (v.danger === undefined || (DANGER_ANSWERS as readonly unknown[]).includes(v.danger)) &&
    (v.topics === undefined ||
      (Array.isArray(v.topics) && v.topics.length <= TOPICS.length && v.topics.every((t) => (TOPICS as readonly unknown[]).includes(t))))
  );
}

/** Seals the session key to a counselor's X25519 public key (anonymous sender). */
export function sealSessionKey(sodium: Sodium, sessionKey: Uint8Array, boxPublicKey: string): string {
  return toB64(sodium, sodium.crypto_box_seal(sessionKey, fromB64(sodium, boxPublicKey)));
}

/** Opens a sealed session key with the counselor's own key pair. */
export function openSessionKey(
  sodium: Sodium,
  sealedKey: string,
  boxPublicKey: Uint8Array,
  boxSecretKey: Uint8Array,
): Uint8Array {
  try {
    const key = sodium.crypto_box_seal_open(fromB64(sodium, sealedKey), boxPublicKey, boxSecretKey);
    if (key.length !== sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES) throw new Error('length');
    return key;
  } catch {
    throw new CryptoError('UNSEAL_FAILED', 'sealed session key did not open');
  }
}
