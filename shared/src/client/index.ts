/**
 * `@tsunagari/shared/client`: the client half of the protocol that the widget and the console
 * share — typed requests with an ack and a timeout, merge-by-id and next-seq for stored
 * messages, the order check (gaps and repeats), the typing throttle and expiry, the intake type,
 * the limits. DOM-free and free of zod and libsodium (type imports only), so it costs the
 * widget's entry script almost nothing; import from here, not from the package root, which
 * re-exports the zod schemas.
 */
export * from './request.js';
export * from './messages.js';
export * from './history.js';
export * from './typing.js';
export * from './intake.js';
export * from './order.js';
export * from './draft.js';
export * from './ask-again.js';
export { MAX_MESSAGE_CHARS, TYPING_SHOWN_MAX_MS } from '../protocol/limits.js';
