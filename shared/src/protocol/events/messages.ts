import type { Ack } from '../errors.js';
import type { EnvelopePayload, MessageListPayload, TypingSetPayload } from '../schemas.js';
import { envelopeSchema, messageListSchema, typingSetSchema } from '../schemas.js';
import type { Role, SenderRole } from './roles.js';

/**
 * Messages and typing: `message:*` and `typing:*`. The relay stores and forwards ciphertext only;
 * typing is relayed and never stored.
 * Part of the wire protocol; `../events.ts` joins the parts into the event maps.
 */

/**
 * One stored message: ciphertext only. `id` orders messages across both senders. Sealed with the
 * key of `keyEpoch` and the v2 associated data (`crypto/epoch-envelope.ts`); `seq` counts from 1
 * per sender within each epoch, so the server keeps one message per (consultation, sender role,
 * key epoch, seq) and a re-send of the same one is answered, not stored again. No time: when it
 * was written travels inside the ciphertext (the body's `writtenAt`); the relay keeps only the
 * order (issue 15).
 */
export interface StoredMessage {
  id: number;
  consultationId: string;
  senderRole: SenderRole;
  /** 0 for the consultation's first session key, one more at each re-key (see MAX_KEY_EPOCH). */
  keyEpoch: number;
  seq: number;
  nonce: string;
  ciphertext: string;
}

/**
 * The answer to `message:send` once the envelope is committed: what the server added to it (its
 * place in the order). The sender already holds the rest, so the ciphertext does not travel back to her.
 */
export type MessageReceipt = Pick<StoredMessage, 'id'>;

/** One page of a consultation's messages, oldest first; `more` when the next page is waiting. */
export interface HistoryPage {
  messages: StoredMessage[];
  more: boolean;
}

export interface TypingChanged {
  consultationId: string;
  role: SenderRole;
  typing: boolean;
}

/** Events a browser sends, in this part (the ack is always last). */
export interface MessagesClientEvents {
  /** Client or counselor: typing indicator (relayed, never stored). */
  'typing:set': (payload: TypingSetPayload, ack: Ack<Record<string, never>>) => void;
  /** Client or counselor: store and relay one encrypted message. Re-sending the same (key epoch, seq) is idempotent. */
  'message:send': (payload: EnvelopePayload, ack: Ack<MessageReceipt>) => void;
  /** Client or counselor: messages after an id (history, or catching up after a drop). */
  /**
   * Client or counselor: messages after an id (history, or catching up after a drop), one page of
   * at most HISTORY_PAGE_BYTES; `more` when more follow: ask again after the last id.
   */
  'message:list': (payload: MessageListPayload, ack: Ack<HistoryPage>) => void;
}

/** Events the server pushes, in this part. */
export interface MessagesServerEvents {
  'message:new': (payload: StoredMessage) => void;
  /** The other side is typing (or stopped). */
  'typing:changed': (payload: TypingChanged) => void;
}

/** The schema each of this part's inbound payloads is validated against. */
export const messagesSchemas = {
  'typing:set': typingSetSchema,
  'message:send': envelopeSchema,
  'message:list': messageListSchema,
} as const satisfies Record<keyof MessagesClientEvents, unknown>;

/** Which roles may send each of this part's events (literal types: the handler table is typed from them). */
export const messagesRoles = {
  'typing:set': ['client', 'counselor'],
  'message:send': ['client', 'counselor'],
  'message:list': ['client', 'counselor'],
} as const satisfies Record<keyof MessagesClientEvents, readonly Role[]>;
