/** Largest accepted size of one inbound event payload, serialised (one message envelope). */
export const MAX_ENVELOPE_BYTES = 16 * 1024;
/**
 * Largest accepted `staff:disable` payload, serialised: it carries the whole signed revocation
 * list (about 75 bytes an entry, so some 700 entries), under the transport's frame limit.
 */
export const MAX_STAFF_DISABLE_BYTES = 56 * 1024;
/** Largest plaintext a client may type in one message (characters). */
export const MAX_MESSAGE_CHARS = 4000;
/**
 * The largest message body her widget seals, in bytes (its JSON, padding included, before
 * encryption): the largest of the padded sizes (`crypto/padding.ts`), which holds
 * {@link MAX_MESSAGE_CHARS} characters of Japanese at 3 bytes each in UTF-8 and the JSON around
 * them. The one constant the ciphertext cap follows (raise it here and the relay's cap and the
 * padding follow).
 */
export const MAX_BODY_BYTES = 12_160;
/** XChaCha20-Poly1305's authentication tag, added to every sealed body. */
export const AEAD_TAG_BYTES = 16;
/**
 * The largest handover note a counselor's console seals, in bytes, padding included
 * (`crypto/handover.ts`): the largest note size, which holds its 2,000 characters of Japanese at
 * 3 bytes each. The relay's cap on a note's ciphertext follows it.
 */
export const MAX_NOTE_BYTES = 6144;
/**
 * Largest accepted `consultation:transfer` payload, serialised: the session key of every epoch
 * (up to MAX_KEY_EPOCH + 1 of them, some 140 characters each) and the longest padded note, under
 * the transport's frame limit.
 */
export const MAX_TRANSFER_BYTES = 24 * 1024;
/**
 * The longest ciphertext the relay stores, in characters of unpadded base64url: a sealed body of
 * {@link MAX_BODY_BYTES}. A test seals 4,000 Japanese characters with the real seal function and
 * finds them within it, close to the edge; anything longer is refused (INVALID_PAYLOAD).
 */
export const MAX_CIPHERTEXT_CHARS = Math.ceil(((MAX_BODY_BYTES + AEAD_TAG_BYTES) * 4) / 3);
/**
 * Most bytes of messages one history answer carries (`message:list`, a resume's snapshot), for
 * her widget and the console alike; an answer that stops short says `more` and the app asks for
 * the next page after the last id it got. A history loop then sends a page at a time, not a chat.
 */
export const HISTORY_PAGE_BYTES = 256 * 1024;
/** Socket.IO's transport limit; larger frames close the connection before any handler runs. */
export const MAX_FRAME_BYTES = 64 * 1024;
/**
 * How long a "typing" line stays up without a fresh signal. Senders repeat "typing" every few
 * seconds while they type, so a lost "stopped" (a dropped connection) cannot leave it on.
 */
export const TYPING_SHOWN_MAX_MS = 8_000;
/**
 * Highest key epoch (0-based: the first session key of a consultation is epoch 0, and her widget
 * starts the next one whenever someone new holds her chat). 64 keys per consultation is far more
 * than any chain of transfers, and keeps a grant carrying every epoch's key well inside
 * {@link MAX_ENVELOPE_BYTES}. At the last epoch the widget keeps the key it has.
 */
export const MAX_KEY_EPOCH = 63;
