/** Largest accepted size of one inbound event payload, serialised (one message envelope). */
export const MAX_ENVELOPE_BYTES = 16 * 1024;
/** Largest plaintext a client may type in one message (characters). */
export const MAX_MESSAGE_CHARS = 4000;
/** Socket.IO's transport limit; larger frames close the connection before any handler runs. */
export const MAX_FRAME_BYTES = 64 * 1024;
