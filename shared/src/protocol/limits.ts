/** Largest accepted size of one inbound event payload, serialised (one message envelope). */
export const MAX_ENVELOPE_BYTES = 16 * 1024;
/**
 * Largest accepted `staff:disable` payload, serialised: it carries the whole signed revocation
 * list (about 75 bytes an entry, so some 700 entries), under the transport's frame limit.
 */
export const MAX_STAFF_DISABLE_BYTES = 56 * 1024;
/** Largest plaintext a client may type in one message (characters). */
export const MAX_MESSAGE_CHARS = 4000;
/** Socket.IO's transport limit; larger frames close the connection before any handler runs. */
export const MAX_FRAME_BYTES = 64 * 1024;
/**
 * How long a "typing" line stays up without a fresh signal. Senders repeat "typing" every few
 * seconds while they type, so a lost "stopped" (a dropped connection) cannot leave it on.
 */
export const TYPING_SHOWN_MAX_MS = 8_000;
