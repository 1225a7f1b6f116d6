import type { SenderRole } from '../protocol/events/roles.js';
import type { MessageBody } from '../protocol/schemas.js';
import { canonicalBytes, integerField, textField } from './canonical.js';
import { decryptBody, type Envelope, encryptBody } from './envelope.js';
import { CryptoError, type Sodium } from './sodium.js';

/**
 * Message envelopes with a key epoch (issue 13: on transfer the widget starts a new session key,
 * epoch n + 1, for the new counselor, so the one before cannot read what follows). Both apps seal
 * and open every message with these; the wire envelope and the stored row carry `keyEpoch`.
 *
 * The v1 associated data (`tsunagari/v1|consultationId|senderRole|seq`, `envelope.ts`) had no
 * epoch; messages stored before the epochs came are epoch 0 in the database, and only the
 * console still opens them that way when v2 fails (there were no real consultations yet).
 *
 * v2 associated data (field rule in `canonical.ts`): text "tsunagari/message/v2", text
 * consultationId, text senderRole, integer keyEpoch, integer seq. The receiver builds it from
 * what IT expects (the consultation it has open, the epoch whose key it holds), never from the
 * envelope's own claims, so a relay cannot move a ciphertext between consultations or epochs.
 */
export interface EpochContext {
  consultationId: string;
  senderRole: SenderRole;
  /** 0 for the first session key of a consultation, +1 at every re-key. */
  keyEpoch: number;
  /** Per sender and epoch, from 1, rising by one. */
  seq: number;
}

/** An envelope as it travels: the v1 fields plus its key epoch. */
export interface EpochEnvelope extends Envelope {
  keyEpoch: number;
}

/** What the receiver expects of the next envelope from one sender. */
export type EpochExpectation = Omit<EpochContext, 'seq'>;

/** v2 associated data. Throws RangeError for an epoch or seq that is not a safe whole number. */
export function messageAssociatedData(ctx: EpochContext): Uint8Array {
  return canonicalBytes('tsunagari/message/v2', [textField(ctx.consultationId), textField(ctx.senderRole), integerField(ctx.keyEpoch), integerField(ctx.seq)]);
}

/** Encrypts one body for `ctx` (XChaCha20-Poly1305, random nonce, v2 associated data). */
export function sealEpochMessage(sodium: Sodium, sessionKey: Uint8Array, ctx: EpochContext, body: MessageBody): EpochEnvelope {
  const sealed = encryptBody(sodium, sessionKey, messageAssociatedData(ctx), body);
  return { consultationId: ctx.consultationId, keyEpoch: ctx.keyEpoch, seq: ctx.seq, ...sealed };
}

/**
 * Opens an envelope against what the receiver expects; only `seq` is taken from the envelope
 * (it is authenticated by the associated data). Throws `CryptoError` DECRYPT_FAILED when the
 * consultation, sender role, epoch, seq, nonce or key do not match, BAD_BODY for a bad body.
 * After it succeeds, feed `envelope.seq` to a `SequenceTracker` (message-order.ts) for the order check.
 */
export function openEpochMessage(sodium: Sodium, sessionKey: Uint8Array, expected: EpochExpectation, envelope: Pick<EpochEnvelope, 'seq' | 'nonce' | 'ciphertext'>): MessageBody {
  let ad: Uint8Array;
  try {
    ad = messageAssociatedData({ ...expected, seq: envelope.seq });
  } catch {
    throw new CryptoError('DECRYPT_FAILED', 'message seq or epoch is not a whole number');
  }
  return decryptBody(sodium, sessionKey, ad, envelope);
}
